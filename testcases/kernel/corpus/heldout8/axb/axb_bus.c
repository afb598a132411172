// SPDX-License-Identifier: GPL-2.0
/*
 * axb bus core: the bus_type and its callbacks, cell creation, and the
 * cell helpers whose callers must hold the cell's device lock.
 *
 * Shapes: drivers/ssb/main.c (ssb_device_probe(), ssb_device_suspend(),
 * ssb_device_resume(), ssb_device_shutdown()), drivers/macintosh/
 * macio_asic.c:macio_add_one_device(), drivers/bus/fsl-mc/fsl-mc-bus.c:
 * fsl_mc_dma_configure(), drivers/amba/bus.c:amba_dma_configure().
 */
#include <linux/acpi.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "axb.h"

#define AXB_PWR			0x010
#define AXB_PWR_STAT		0x014
#define AXB_ROUTE(slot)		(0x100 + 4 * (slot))
#define AXB_CTX(slot, i)	(0x200 + 0x10 * (slot) + 4 * (i))

/**
 * axb_dev_set_route() - route a cell's interrupt to a host output
 * @adev: the cell
 * @route: the host output, 0 to mask the cell
 *
 * The route is part of the binding state: it must not change while a
 * driver binds or unbinds.
 */
void axb_dev_set_route(struct axb_device *adev, u32 route)
{
	struct axb_host *host = adev->host;

	device_lock_assert(&adev->dev);

	adev->irq_route = route;
	writel(route, host->base + AXB_ROUTE(adev->slot));
}

/*
 * The name is the contract (cxl/core/port.c:cxl_decoder_add_locked()):
 * the caller holds the cell's device lock.
 */
int axb_dev_power_locked(struct axb_device *adev, bool on)
{
	struct axb_host *host = adev->host;
	u32 val, stat;
	int ret;

	if (adev->powered == on)
		return 0;

	val = readl(host->base + AXB_PWR);
	if (on)
		val |= BIT(adev->slot);
	else
		val &= ~BIT(adev->slot);
	writel(val, host->base + AXB_PWR);

	ret = readl_poll_timeout(host->base + AXB_PWR_STAT, stat,
				 !!(stat & BIT(adev->slot)) == on, 10, 1000);
	if (ret)
		return ret;

	adev->powered = on;
	return 0;
}

/**
 * axb_dev_load_context() - write a cell's saved register context back
 * @adev: the cell
 *
 * Context: Process context.  Called with the device lock of @adev held,
 * so that no driver binds or unbinds while the context is reloaded.
 *
 * Return: 0, or -ENODEV when the cell is powered down.
 */
int axb_dev_load_context(struct axb_device *adev)
{
	struct axb_host *host = adev->host;
	unsigned int i;

	if (!adev->powered)
		return -ENODEV;

	for (i = 0; i < ARRAY_SIZE(adev->saved_ctx); i++)
		writel(adev->saved_ctx[i], host->base + AXB_CTX(adev->slot, i));

	return 0;
}

static int axb_bus_match(struct device *dev, const struct device_driver *drv)
{
	if (of_driver_match_device(dev, drv))
		return 1;

	return !strcmp(dev_name(dev), drv->name);
}

static int axb_bus_probe(struct device *dev)
{
	struct axb_device *adev = to_axb_device(dev);
	struct axb_driver *adrv = to_axb_driver(dev->driver);
	int ret;

	/*
	 * Power the cell before its driver touches it, as ssb_device_probe()
	 * enables the core.  dd.c:really_probe() -> call_driver_probe() calls
	 * bus->probe with device_lock(dev) held by __device_attach() or
	 * __driver_attach().
	 */
	ret = axb_dev_power_locked(adev, true); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	if (!adrv->probe)
		return -ENODEV;

	ret = adrv->probe(adev);
	if (ret)
		adev->powered = false;

	return ret;
}

static void axb_bus_remove(struct device *dev)
{
	struct axb_device *adev = to_axb_device(dev);
	struct axb_driver *adrv = to_axb_driver(dev->driver);

	if (adrv->remove)
		adrv->remove(adev);
}

static void axb_bus_shutdown(struct device *dev)
{
	struct axb_device *adev = to_axb_device(dev);
	struct axb_driver *adrv;

	if (!dev->driver)
		return;

	adrv = to_axb_driver(dev->driver);
	if (adrv->shutdown)
		adrv->shutdown(adev);

	/*
	 * Mask the cell for the reboot.  core.c:device_shutdown() calls
	 * bus->shutdown with device_lock(dev) (and the parent's) held.
	 */
	axb_dev_set_route(adev, 0); /* EXPECT-NONE: device-lock-required */
}

/*
 * Legacy bus PM, as ssb/main.c:ssb_device_suspend() and ssb_device_resume():
 * power/main.c:device_suspend() calls legacy_suspend(dev->bus->suspend) and
 * device_resume() calls dev->bus->resume, both with device_lock(dev) held.
 */
static int axb_bus_suspend(struct device *dev, pm_message_t state)
{
	struct axb_device *adev = to_axb_device(dev);
	struct axb_driver *adrv;
	int ret = 0;

	if (!dev->driver)
		return 0;

	adrv = to_axb_driver(dev->driver);
	if (adrv->suspend)
		ret = adrv->suspend(adev, state);
	if (ret)
		return ret;

	return axb_dev_power_locked(adev, false); /* EXPECT-NONE: device-lock-required */
}

static int axb_bus_resume(struct device *dev)
{
	struct axb_device *adev = to_axb_device(dev);
	struct axb_driver *adrv;
	int ret;

	if (!dev->driver)
		return 0;

	adev->powered = readl(adev->host->base + AXB_PWR_STAT) & BIT(adev->slot);
	ret = axb_dev_load_context(adev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	adrv = to_axb_driver(dev->driver);
	if (adrv->resume)
		ret = adrv->resume(adev);

	return ret;
}

/*
 * Only axb_dma_configure() calls this.  A cell with a node of its own is
 * configured from it, as amba_dma_configure(); a cell without one from the
 * host's node and its stream ID through the host's iommu-map, as
 * fsl_mc_dma_configure() and cdx_dma_configure().  dd.c:really_probe()
 * calls bus->dma_configure under the device lock of the cell.
 */
static int axb_of_dma_configure(struct axb_device *adev)
{
	struct device *dev = &adev->dev;
	u32 input_id = adev->sid;

	if (dev->of_node)
		return of_dma_configure(dev, dev->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	return of_dma_configure_id(dev, adev->host->dev->of_node, true, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

static int axb_dma_configure(struct device *dev)
{
	struct axb_device *adev = to_axb_device(dev);
	const struct axb_driver *adrv = to_axb_driver(dev->driver);
	struct device *host_dev = adev->host->dev;
	u32 input_id = adev->sid;
	int ret = 0;

	if (dev_of_node(host_dev)) {
		ret = axb_of_dma_configure(adev);
	} else if (has_acpi_companion(host_dev)) {
		enum dev_dma_attr attr = acpi_get_dma_attr(ACPI_COMPANION(host_dev));

		if (adev->sid)
			ret = acpi_dma_configure_id(dev, attr, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
		else
			ret = acpi_dma_configure(dev, attr); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	}

	if (!ret && !adrv->driver_managed_dma) {
		ret = iommu_device_use_default_domain(dev);
		if (ret)
			arch_teardown_dma_ops(dev);
	}

	return ret;
}

static void axb_dma_cleanup(struct device *dev)
{
	const struct axb_driver *adrv = to_axb_driver(dev->driver);

	if (!adrv->driver_managed_dma)
		iommu_device_unuse_default_domain(dev);
}

const struct bus_type axb_bus_type = {
	.name		= "axb",
	.match		= axb_bus_match,
	.probe		= axb_bus_probe,
	.remove		= axb_bus_remove,
	.shutdown	= axb_bus_shutdown,
	.suspend	= axb_bus_suspend,
	.resume		= axb_bus_resume,
	.dma_configure	= axb_dma_configure,
	.dma_cleanup	= axb_dma_cleanup,
};

/* host1x/context_bus.c: a bus for the context devices, no callbacks */
const struct bus_type axb_ctx_bus_type = {
	.name		= "axb-ctx",
};

static void axb_device_release(struct device *dev)
{
	struct axb_device *adev = to_axb_device(dev);

	of_node_put(dev->of_node);
	kfree(adev);
}

/* macio_asic.c:macio_add_one_device(): one cell per available child node */
struct axb_device *axb_device_add(struct axb_host *host,
				  struct device_node *np, u32 slot)
{
	struct axb_device *adev;
	u32 sid;
	int ret;

	adev = kzalloc(sizeof(*adev), GFP_KERNEL);
	if (!adev)
		return ERR_PTR(-ENOMEM);

	adev->host = host;
	adev->slot = slot;
	if (of_property_read_u32(np, "arm,stream-id", &sid))
		sid = 0;
	adev->sid = sid;

	device_initialize(&adev->dev);
	adev->dev.bus = &axb_bus_type;
	adev->dev.parent = host->dev;
	adev->dev.release = axb_device_release;
	adev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	adev->dev.dma_mask = &adev->dev.coherent_dma_mask;
	device_set_node(&adev->dev, of_fwnode_handle(of_node_get(np)));

	ret = dev_set_name(&adev->dev, "%s.%u", dev_name(host->dev), slot);
	if (ret)
		goto err_put;

	ret = device_add(&adev->dev);
	if (ret)
		goto err_put;

	return adev;

err_put:
	put_device(&adev->dev);
	return ERR_PTR(ret);
}

void axb_device_del(struct axb_device *adev)
{
	device_unregister(&adev->dev);
}

/*
 * Power every bound cell down before the host is reset, holding each
 * cell's lock so that its driver cannot unbind meanwhile (the caller holds
 * host->lock); a loop of device locks as pci.c:pci_bus_lock() and
 * pci_bus_trylock().  Its only caller, axb_host_recover_work(), inherits
 * the imbalance (one site).  The error return leaves the failing cell locked while the
 * other returns leave none locked (Smatch's inconsistent returns).
 */
int axb_host_quiesce_cells(struct axb_host *host)
{
	unsigned int i;
	int ret;

	for (i = 0; i < host->ncells; i++) {
		struct axb_device *adev = host->cells[i];

		device_lock(&adev->dev);
		if (!adev->dev.driver) {
			device_unlock(&adev->dev);
			continue;
		}

		ret = axb_dev_power_locked(adev, false); /* EXPECT-NONE: device-lock-required */
		if (ret)
			return ret; /* EXPECT: lock-imbalance @axb_quiesce */

		device_unlock(&adev->dev);
	}

	return 0;
}

/* The same walk, written right: one unlock before any return. */
int axb_host_resume_cells(struct axb_host *host)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < host->ncells; i++) {
		struct axb_device *adev = host->cells[i];

		device_lock(&adev->dev);
		if (adev->dev.driver)
			ret = axb_dev_power_locked(adev, true); /* EXPECT-NONE: device-lock-required */
		device_unlock(&adev->dev);

		if (ret)
			return ret; /* EXPECT-NONE: lock-imbalance */
	}

	return 0;
}

int axb_driver_register(struct axb_driver *drv)
{
	drv->driver.bus = &axb_bus_type;

	return driver_register(&drv->driver);
}

void axb_driver_unregister(struct axb_driver *drv)
{
	driver_unregister(&drv->driver);
}

static int __init axb_init(void)
{
	int ret;

	ret = bus_register(&axb_bus_type);
	if (ret)
		return ret;

	ret = bus_register(&axb_ctx_bus_type);
	if (ret)
		goto err_bus;

	ret = platform_driver_register(&axb_host_driver);
	if (ret)
		goto err_ctx;

	ret = axb_driver_register(&axb_dsp_driver);
	if (ret)
		goto err_host;

	return 0;

err_host:
	platform_driver_unregister(&axb_host_driver);
err_ctx:
	bus_unregister(&axb_ctx_bus_type);
err_bus:
	bus_unregister(&axb_bus_type);
	return ret;
}
module_init(axb_init);

static void __exit axb_exit(void)
{
	axb_driver_unregister(&axb_dsp_driver);
	platform_driver_unregister(&axb_host_driver);
	bus_unregister(&axb_ctx_bus_type);
	bus_unregister(&axb_bus_type);
}
module_exit(axb_exit);

MODULE_DESCRIPTION("axb accelerator-cell bus (iommu-lockcheck corpus)");
MODULE_LICENSE("GPL");
