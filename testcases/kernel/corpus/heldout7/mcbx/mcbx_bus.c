// SPDX-License-Identifier: GPL-2.0
/*
 * mcbx_bus.c - the mcbx bus_type and the helpers with a device-lock
 * contract that the carrier and the cell drivers call.
 *
 * The driver core calls the bus_type's .dma_configure and .probe from
 * really_probe() under device_lock(dev) (drivers/base/dd.c), .remove from
 * __device_release_driver() under it, and .shutdown from
 * drivers/base/core.c:device_shutdown() under it.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "mcbx.h"

/*
 * mcbx_dev_enable - enable the cell's decoding in the carrier
 *
 * Asserted as drivers/cxl/core/port.c's dport helpers: the enable state
 * follows the driver binding.
 */
void mcbx_dev_enable(struct mcbx_device *mdev)
{
	device_lock_assert(&mdev->dev);
	mdev->enabled = true;
}

/*
 * mcbx_dev_set_irq_locked - route the cell's interrupt
 * @dev: the cell's device, locked by the caller (as
 * cxl/core/port.c:cxl_decoder_add_locked()'s name says)
 */
int mcbx_dev_set_irq_locked(struct device *dev, int irq)
{
	struct mcbx_device *mdev = to_mcbx_device(dev);

	if (irq < 0)
		return -EINVAL;
	mdev->irq = irq;
	return 0;
}

static int mcbx_match(struct device *dev, const struct device_driver *drv)
{
	const struct mcbx_driver *mdrv = to_mcbx_driver(drv);
	struct mcbx_device *mdev = to_mcbx_device(dev);
	const u16 *id;

	for (id = mdrv->ids; id && *id; id++)
		if (*id == mdev->id)
			return 1;
	return 0;
}

/* mcb-core.c:mcb_probe(): bus .probe, under device_lock(dev) */
static int mcbx_probe(struct device *dev)
{
	struct mcbx_driver *mdrv = to_mcbx_driver(dev->driver);
	struct mcbx_device *mdev = to_mcbx_device(dev);
	struct module *carrier_mod;
	int ret;

	carrier_mod = dev->parent->driver->owner;
	if (!try_module_get(carrier_mod))
		return -EINVAL;

	mcbx_dev_enable(mdev); /* EXPECT-NONE: device-lock-required */

	get_device(dev);
	ret = mdrv->probe(mdev);
	if (ret) {
		mdev->enabled = false;
		module_put(carrier_mod);
		put_device(dev);
	}
	return ret;
}

/* mcb-core.c:mcb_remove(): bus .remove, under device_lock(dev) */
static void mcbx_remove(struct device *dev)
{
	struct mcbx_driver *mdrv = to_mcbx_driver(dev->driver);
	struct mcbx_device *mdev = to_mcbx_device(dev);

	if (mdrv->remove)
		mdrv->remove(mdev);

	mcbx_dev_set_irq_locked(dev, 0); /* EXPECT-NONE: device-lock-required */
	mdev->enabled = false;
	module_put(dev->parent->driver->owner);
	put_device(dev);
}

/* mcb-core.c:mcb_shutdown(): bus .shutdown, device_shutdown() holds the lock */
static void mcbx_shutdown(struct device *dev)
{
	struct mcbx_driver *mdrv = dev->driver ? to_mcbx_driver(dev->driver) : NULL;
	struct mcbx_device *mdev = to_mcbx_device(dev);

	if (mdrv && mdrv->shutdown)
		mdrv->shutdown(mdev);
	mcbx_dev_set_irq_locked(&mdev->dev, 0); /* EXPECT-NONE: device-lock-required */
}

static u32 mcbx_rid(struct mcbx_device *mdev)
{
	return (u32)mdev->id << 8 | mdev->inst;
}

/*
 * A static helper only mcbx_dma_configure() calls: the cell's requester
 * ID is mapped through the carrier's node (msi-map/iommu-map), as
 * pci_dma_configure() maps through the host bridge's parent.
 */
static int mcbx_of_dma_configure(struct device *dev, struct device *carrier,
				 u32 rid)
{
	return of_dma_configure_id(dev, carrier->of_node, true, &rid); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

/*
 * bus .dma_configure, shaped as pci-driver.c:pci_dma_configure();
 * really_probe() calls it under device_lock(dev).
 */
static int mcbx_dma_configure(struct device *dev)
{
	const struct mcbx_driver *mdrv = to_mcbx_driver(dev->driver);
	struct mcbx_device *mdev = to_mcbx_device(dev);
	struct device *carrier = dev->parent;
	u32 rid = mcbx_rid(mdev);
	int ret = 0;

	if (IS_ENABLED(CONFIG_OF) && carrier->of_node) {
		ret = mcbx_of_dma_configure(dev, carrier, rid);
	} else if (has_acpi_companion(carrier)) {
		struct acpi_device *adev = ACPI_COMPANION(carrier);

		ret = acpi_dma_configure_id(dev, acpi_get_dma_attr(adev), &rid); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	}

	if (!ret && !mdrv->driver_managed_dma) {
		ret = iommu_device_use_default_domain(dev);
		if (ret)
			arch_teardown_dma_ops(dev);
	}
	return ret;
}

static void mcbx_dma_cleanup(struct device *dev)
{
	const struct mcbx_driver *mdrv = to_mcbx_driver(dev->driver);

	if (!mdrv->driver_managed_dma)
		iommu_device_unuse_default_domain(dev);
}

const struct bus_type mcbx_bus_type = {
	.name = "mcbx",
	.match = mcbx_match,
	.probe = mcbx_probe,
	.remove = mcbx_remove,
	.shutdown = mcbx_shutdown,
	.dma_configure = mcbx_dma_configure,
	.dma_cleanup = mcbx_dma_cleanup,
};

int mcbx_register_driver(struct mcbx_driver *drv)
{
	drv->driver.bus = &mcbx_bus_type;
	return driver_register(&drv->driver);
}

void mcbx_unregister_driver(struct mcbx_driver *drv)
{
	driver_unregister(&drv->driver);
}

static void mcbx_release_dev(struct device *dev)
{
	kfree(to_mcbx_device(dev));
}

/* mcb-core.c:mcb_alloc_dev() */
struct mcbx_device *mcbx_alloc_dev(struct device *carrier, u16 id, u8 inst)
{
	struct mcbx_device *mdev;

	mdev = kzalloc(sizeof(*mdev), GFP_KERNEL);
	if (!mdev)
		return NULL;

	device_initialize(&mdev->dev);
	mdev->dev.bus = &mcbx_bus_type;
	mdev->dev.parent = carrier;
	mdev->dev.release = mcbx_release_dev;
	mdev->id = id;
	mdev->inst = inst;
	return mdev;
}

/* mcb-core.c:mcb_device_register() */
int mcbx_device_add(struct mcbx_device *mdev)
{
	int ret;

	ret = dev_set_name(&mdev->dev, "mcbx%s-%04x-%u",
			   dev_name(mdev->dev.parent), mdev->id, mdev->inst);
	if (ret)
		return ret;
	return device_add(&mdev->dev);
}

static int __init mcbx_init(void)
{
	int ret;

	ret = bus_register(&mcbx_bus_type);
	if (ret)
		return ret;

	ret = mcbx_iommu_register();
	if (ret)
		goto err_bus;

	ret = mcbx_carrier_register();
	if (ret)
		goto err_iommu;

	return 0;

err_iommu:
	mcbx_iommu_unregister();
err_bus:
	bus_unregister(&mcbx_bus_type);
	return ret;
}
module_init(mcbx_init);

static void __exit mcbx_exit(void)
{
	mcbx_carrier_unregister();
	mcbx_iommu_unregister();
	bus_unregister(&mcbx_bus_type);
}
module_exit(mcbx_exit);

MODULE_DESCRIPTION("corpus: chameleon-like bus, carrier and IOMMU cell (heldout7)");
MODULE_LICENSE("GPL");
