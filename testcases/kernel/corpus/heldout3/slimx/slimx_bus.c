// SPDX-License-Identifier: GPL-2.0
/*
 * slimx bus core: the bus_type and the helpers with a lock contract.
 *
 * The bus callbacks are slots the driver core calls with device_lock(dev)
 * held (6.12 drivers/base/dd.c: __driver_attach()/__device_attach() lock
 * the device around really_probe(), which calls bus->dma_configure and
 * then call_driver_probe() -> bus->probe; device_release_driver_internal()
 * locks it around __device_release_driver() -> device_remove() ->
 * bus->remove; drivers/base/core.c:device_shutdown() locks it around
 * bus->shutdown).
 */
#include <linux/acpi.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include "slimx.h"

/**
 * slimx_set_laddr() - assign a logical address to a slave
 * @sdev: the slave
 * @laddr: the address
 *
 * Shape: drivers/slimbus/core.c:slim_device_alloc_laddr() for the job,
 * drivers/vfio/pci/vfio_pci_core.c:vfio_pci_core_sriov_configure() for
 * the contract (a non-static helper that asserts its caller holds the
 * device lock).
 */
int slimx_set_laddr(struct slimx_device *sdev, u8 laddr)
{
	device_lock_assert(&sdev->dev);

	if (!laddr)
		return -EINVAL;
	sdev->laddr = laddr;
	return 0;
}

/*
 * Shape: drivers/pci/pci.c:pci_reset_function_locked() ("requires the
 * PCI device lock to be held"): the name is the contract.
 */
void slimx_mark_absent_locked(struct slimx_device *sdev)
{
	sdev->present = false;
	sdev->laddr = 0;
}

/**
 * slimx_report_present() - mark a slave present after enumeration
 * @sdev: the slave
 *
 * Shape: drivers/slimbus/core.c:slim_device_report_present(); contract
 * as drivers/usb/core/message.c:usb_set_configuration().
 *
 * Context: task context, might sleep. Caller holds device lock.
 */
int slimx_report_present(struct slimx_device *sdev)
{
	if (!sdev->laddr)
		return -ENODEV;
	sdev->present = true;
	return 0;
}

/**
 * slimx_get_laddr() - read a slave's logical address
 * @sdev: the slave
 *
 * Shape: drivers/cxl/core/port.c:cxl_decoder_add() kernel-doc ("Takes
 * and releases the device lock"): a Context: line that mentions the
 * device lock but asks nothing of the caller.
 *
 * Context: Process context. Takes and releases the device lock of @sdev.
 */
int slimx_get_laddr(struct slimx_device *sdev)
{
	guard(device)(&sdev->dev); /* EXPECT-NONE: lock-imbalance */
	if (!sdev->present)
		return -ENODEV;
	return sdev->laddr;
}

static void slimx_device_release(struct device *dev)
{
	kfree(to_slimx_device(dev));
}

/*
 * Shape: drivers/slimbus/core.c:slim_alloc_device() (initialize only, the
 * controller adds it).
 */
struct slimx_device *slimx_device_alloc(struct slimx_controller *ctrl,
					struct device_node *np)
{
	struct slimx_device *sdev = kzalloc(sizeof(*sdev), GFP_KERNEL);

	if (!sdev)
		return NULL;
	sdev->ctrl = ctrl;
	sdev->dev.bus = &slimx_bus;
	sdev->dev.parent = ctrl->dev;
	sdev->dev.release = slimx_device_release;
	device_set_node(&sdev->dev, of_fwnode_handle(np));
	device_initialize(&sdev->dev);
	return sdev;
}

static int slimx_match(struct device *dev, const struct device_driver *drv)
{
	return of_driver_match_device(dev, drv);
}

/*
 * Shape: drivers/slimbus/core.c:slim_device_probe(); a bus_type.probe,
 * called by really_probe() with device_lock(dev) held.
 */
static int slimx_drv_probe(struct device *dev)
{
	struct slimx_device *sdev = to_slimx_device(dev);
	const struct slimx_driver *sdrv = to_slimx_driver(dev->driver);
	int ret;

	ret = slimx_set_laddr(sdev, ++sdev->ctrl->next_laddr); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	ret = sdrv->probe(sdev);
	if (ret)
		return ret;
	return slimx_report_present(sdev); /* EXPECT-NONE: device-lock-required */
}

/*
 * Shape: drivers/slimbus/core.c:slim_device_remove(); bus_type.remove,
 * called by __device_release_driver() under device_lock(dev).
 */
static void slimx_drv_remove(struct device *dev)
{
	struct slimx_device *sdev = to_slimx_device(dev);
	const struct slimx_driver *sdrv = to_slimx_driver(dev->driver);

	if (sdrv->remove)
		sdrv->remove(sdev);
	slimx_mark_absent_locked(sdev); /* EXPECT-NONE: device-lock-required */
}

/*
 * Shape: drivers/soundwire/bus_type.c:sdw_drv_shutdown(); bus_type
 * .shutdown, called by device_shutdown() after device_lock(dev).
 */
static void slimx_drv_shutdown(struct device *dev)
{
	struct slimx_device *sdev = to_slimx_device(dev);

	if (dev->driver) {
		const struct slimx_driver *sdrv = to_slimx_driver(dev->driver);

		if (sdrv->shutdown)
			sdrv->shutdown(sdev);
	}
	slimx_mark_absent_locked(sdev); /* EXPECT-NONE: device-lock-required */
}

/*
 * A static helper without a contract of its own, reached only from the
 * bus_type.dma_configure slot below.  Shape:
 * drivers/cdx/cdx.c:cdx_dma_configure() (of_dma_configure_id() with the
 * controller's node and an input id).
 */
static int slimx_of_dma_configure(struct device *dev, struct device *cdev,
				  u32 id)
{
	return of_dma_configure_id(dev, cdev->of_node, true, &id); /* EXPECT-NONE: dma-configure-outside-bus */
}

/*
 * bus_type.dma_configure: really_probe() calls it (under device_lock)
 * before the driver's probe.  Shape: drivers/bus/fsl-mc/fsl-mc-bus.c:
 * fsl_mc_dma_configure() (OF node of the parent, else ACPI companion).
 */
static int slimx_dma_configure(struct device *dev)
{
	struct slimx_device *sdev = to_slimx_device(dev);
	struct device *cdev = sdev->ctrl->dev;

	if (dev_of_node(cdev))
		return slimx_of_dma_configure(dev, cdev, sdev->laddr);
	if (has_acpi_companion(cdev))
		return acpi_dma_configure(dev, acpi_get_dma_attr(ACPI_COMPANION(cdev))); /* EXPECT-NONE: dma-configure-outside-bus */
	return 0;
}

const struct bus_type slimx_bus = {
	.name		= "slimx",
	.match		= slimx_match,
	.probe		= slimx_drv_probe,
	.remove		= slimx_drv_remove,
	.shutdown	= slimx_drv_shutdown,
	.dma_configure	= slimx_dma_configure,
};

int slimx_driver_register(struct slimx_driver *sdrv)
{
	sdrv->driver.bus = &slimx_bus;
	return driver_register(&sdrv->driver);
}

void slimx_driver_unregister(struct slimx_driver *sdrv)
{
	driver_unregister(&sdrv->driver);
}

static int __init slimx_init(void)
{
	int ret = bus_register(&slimx_bus);

	if (ret)
		return ret;
	ret = slimx_ctrl_init();
	if (ret)
		goto err_bus;
	ret = slimx_codec_init();
	if (ret)
		goto err_ctrl;
	return 0;
err_ctrl:
	slimx_ctrl_exit();
err_bus:
	bus_unregister(&slimx_bus);
	return ret;
}
module_init(slimx_init);

static void __exit slimx_exit(void)
{
	slimx_codec_exit();
	slimx_ctrl_exit();
	bus_unregister(&slimx_bus);
}
module_exit(slimx_exit);

MODULE_DESCRIPTION("heldout3 corpus: slimbus-like private bus");
MODULE_LICENSE("GPL");
