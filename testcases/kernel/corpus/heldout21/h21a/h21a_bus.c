// SPDX-License-Identifier: GPL-2.0
/*
 * h21a_bus.c - a private primecell ("h21a") bus for the h21a DMA cluster.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/amba/bus.c: amba_lookup(), amba_match(), amba_probe(),
 *	amba_remove(), amba_shutdown(), amba_dma_configure(),
 *	amba_pm_runtime_suspend(), amba_device_alloc(), amba_device_add(),
 *	amba_driver_register()
 *   drivers/base/platform.c: platform_dma_configure() (fwnode dispatch to
 *	of_dma_configure() / acpi_dma_configure())
 *   drivers/bcma/main.c: bcma_of_fill_device() (of_dma_configure() on a
 *	device the bus code allocated itself, before device_add())
 *
 * Core locking facts read in 6.12:
 *   drivers/base/dd.c:really_probe(): bus->dma_configure() and then
 *	bus->probe() (call_driver_probe()) run with device_lock(dev) HELD,
 *	taken by __device_attach() or __driver_attach() through
 *	__device_driver_lock().  The parent's lock is NOT held unless
 *	dev->type->need_parent_lock (not set here).
 *   drivers/base/dd.c:device_release_driver_internal(): bus->remove() runs
 *	with device_lock(dev) HELD.
 *   drivers/base/core.c:device_shutdown(): bus->shutdown() runs with
 *	device_lock(dev) HELD (and the parent's, if any).
 *   drivers/base/power/runtime.c:rpm_callback(): runtime PM callbacks run
 *	with the device lock NOT held.
 *   drivers/base/core.c:device_initialize()/device_add(): the device lock is
 *	NOT taken around them; nobody holds it while the bus code fills in
 *	a new device.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_device.h>
#include <linux/of_irq.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "h21a.h"

static const struct amba_id *h21a_lookup(const struct amba_id *table,
					 struct h21a_device *adev)
{
	while (table->mask) {
		if ((table->id & table->mask) == (adev->periphid & table->mask))
			return table;
		table++;
	}
	return NULL;
}

static int h21a_match(struct device *dev, const struct device_driver *drv)
{
	struct h21a_device *adev = to_h21a_device(dev);
	const struct h21a_driver *adrv = to_h21a_driver(drv);
	int ret;

	ret = device_match_driver_override(dev, drv);
	if (ret >= 0)
		return ret;

	return h21a_lookup(adrv->id_table, adev) != NULL;
}

static int h21a_uevent(const struct device *dev, struct kobj_uevent_env *env)
{
	const struct h21a_device *adev = container_of(dev, struct h21a_device, dev);

	return add_uevent_var(env, "H21A_ID=%08x", adev->periphid);
}

/*
 * Bus probe: really_probe() holds device_lock(dev).  Ungate the cell
 * clock and apply the default configuration before the driver runs.
 */
static int h21a_probe(struct device *dev)
{
	struct h21a_device *adev = to_h21a_device(dev);
	struct h21a_driver *adrv = to_h21a_driver(dev->driver);
	const struct amba_id *id = h21a_lookup(adrv->id_table, adev);
	int ret;

	h21a_pclk_gate(adev, true);
	ret = h21a_periph_reconfig_locked(dev, H21A_CFG_DEFAULT); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto err_gate;

	pm_runtime_get_noresume(dev);
	pm_runtime_set_active(dev);
	pm_runtime_enable(dev);

	ret = adrv->probe(adev, id);
	if (ret == 0)
		return 0;

	pm_runtime_disable(dev);
	pm_runtime_set_suspended(dev);
	pm_runtime_put_noidle(dev);
err_gate:
	h21a_pclk_gate(adev, false); /* EXPECT-NONE: device-lock-required */
	return ret;
}

/* Bus remove: device_release_driver_internal() holds device_lock(dev). */
static void h21a_remove(struct device *dev)
{
	struct h21a_device *adev = to_h21a_device(dev);
	struct h21a_driver *adrv = to_h21a_driver(dev->driver);

	pm_runtime_get_sync(dev);
	if (adrv->remove)
		adrv->remove(adev);
	pm_runtime_put_noidle(dev);

	pm_runtime_disable(dev);
	pm_runtime_set_suspended(dev);
	pm_runtime_put_noidle(dev);

	h21a_pclk_gate(adev, false); /* EXPECT-NONE: device-lock-required */
}

/* Bus shutdown: device_shutdown() holds device_lock(dev). */
static void h21a_shutdown(struct device *dev)
{
	struct h21a_driver *adrv;

	if (!dev->driver)
		return;

	adrv = to_h21a_driver(dev->driver);
	if (adrv->shutdown)
		adrv->shutdown(to_h21a_device(dev));

	h21a_set_power_domain(dev, false); /* EXPECT-NONE: device-lock-required */
}

/*
 * Only called from h21a_dma_configure() below, i.e. from the bus's own
 * .dma_configure callback, under the lock taken by really_probe().
 */
static int h21a_fw_dma_setup(struct device *dev)
{
	struct fwnode_handle *fwnode = dev_fwnode(dev);
	enum dev_dma_attr attr;

	if (is_of_node(fwnode))
		return of_dma_configure(dev, to_of_node(fwnode), true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	if (is_acpi_device_node(fwnode)) {
		attr = device_get_dma_attr(dev);
		return acpi_dma_configure(dev, attr); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	}

	/* a cell without a node of its own masters through its parent's node */
	if (dev->parent && dev->parent->of_node)
		return of_dma_configure(dev, dev->parent->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	return 0;
}

static int h21a_dma_configure(struct device *dev)
{
	struct h21a_driver *adrv = to_h21a_driver(dev->driver);
	int ret;

	ret = h21a_fw_dma_setup(dev);
	if (ret)
		return ret;

	/* A cell whose driver manages DMA itself still gets a 32-bit mask. */
	if (adrv->driver_managed_dma && !dev->dma_mask) {
		dev->coherent_dma_mask = DMA_BIT_MASK(32);
		dev->dma_mask = &dev->coherent_dma_mask;
	}

	return 0;
}

#ifdef CONFIG_PM
/* rpm_callback(): device lock NOT held. */
static int h21a_pm_runtime_suspend(struct device *dev)
{
	struct h21a_device *adev = to_h21a_device(dev);
	int ret = pm_generic_runtime_suspend(dev);

	if (ret == 0 && dev->driver)
		h21a_pclk_gate(adev, false); /* EXPECT: device-lock-required */

	return ret;
}

static int h21a_pm_runtime_resume(struct device *dev)
{
	struct h21a_device *adev = to_h21a_device(dev);

	/*
	 * Same clock bit, written directly: no contract helper, nothing to
	 * judge here.
	 */
	if (dev->driver && adev->base)
		writel(1, adev->base + H21A_REG_CLKGATE);

	return pm_generic_runtime_resume(dev);
}
#endif

static const struct dev_pm_ops h21a_bus_pm = {
	SET_RUNTIME_PM_OPS(h21a_pm_runtime_suspend, h21a_pm_runtime_resume, NULL)
};

const struct bus_type h21a_bustype = {
	.name		= "h21a",
	.driver_override = true,
	.match		= h21a_match,
	.uevent		= h21a_uevent,
	.probe		= h21a_probe,
	.remove		= h21a_remove,
	.shutdown	= h21a_shutdown,
	.dma_configure	= h21a_dma_configure,
	.pm		= &h21a_bus_pm,
};

static void h21a_device_release(struct device *dev)
{
	struct h21a_device *adev = to_h21a_device(dev);

	mutex_destroy(&adev->periphid_lock);
	kfree(adev);
}

struct h21a_device *h21a_device_alloc(const char *name, resource_size_t base,
				      size_t size)
{
	struct h21a_device *adev;

	adev = kzalloc(sizeof(*adev), GFP_KERNEL);
	if (!adev)
		return NULL;

	device_initialize(&adev->dev);
	dev_set_name(&adev->dev, "%s", name);
	adev->dev.release = h21a_device_release;
	adev->dev.bus = &h21a_bustype;
	adev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	adev->dev.dma_mask = &adev->dev.coherent_dma_mask;
	adev->res.name = dev_name(&adev->dev);
	adev->res.start = base;
	adev->res.end = base + size - 1;
	adev->res.flags = IORESOURCE_MEM;
	mutex_init(&adev->periphid_lock);
	INIT_LIST_HEAD(&adev->node);

	return adev;
}

/*
 * Register a cell.  A cell behind an IOMMU must be configured before its
 * periphid can be read (the ID registers sit behind the translation), so
 * the bus code configures DMA on its own, freshly allocated device here,
 * bcma_of_fill_device() style: nobody holds the new device's lock.
 */
int h21a_device_add(struct h21a_device *adev, struct device *parent,
		    struct device_node *np)
{
	int ret;

	adev->dev.parent = parent;
	if (np) {
		device_set_node(&adev->dev, of_fwnode_handle(np));
		if (of_property_read_bool(np, "iommus")) {
			ret = of_dma_configure(&adev->dev, np, false); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
			if (ret)
				return ret;
		}
	}

	ret = device_add(&adev->dev);
	if (ret)
		return ret;

	mutex_lock(&h21a_cells_lock);
	list_add_tail(&adev->node, &h21a_cells);
	mutex_unlock(&h21a_cells_lock);
	return 0;
}

/*
 * Late binding of a firmware node to a registered cell (overlay applied
 * after the cell was added).  Same configuration as above, but the cell
 * is live now, so its lock is taken around the re-configuration.
 */
int h21a_device_attach_node(struct h21a_device *adev, struct device_node *np)
{
	struct device *dev = &adev->dev;
	int ret;

	device_lock(dev);
	if (dev->driver) {
		device_unlock(dev);
		return -EBUSY; /* EXPECT-NONE: lock-imbalance */
	}
	device_set_node(dev, of_fwnode_handle(np));
	ret = of_dma_configure(dev, np, false); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret;
}

void h21a_device_unregister(struct h21a_device *adev)
{
	mutex_lock(&h21a_cells_lock);
	list_del_init(&adev->node);
	mutex_unlock(&h21a_cells_lock);
	device_unregister(&adev->dev);
}

int h21a_driver_register(struct h21a_driver *drv)
{
	if (!drv->probe)
		return -EINVAL;

	drv->drv.bus = &h21a_bustype;
	return driver_register(&drv->drv);
}

void h21a_driver_unregister(struct h21a_driver *drv)
{
	driver_unregister(&drv->drv);
}

/* of_amba_device_create() shape: one cell per "h21a,primecell" node */
static void h21a_populate(void)
{
	struct h21a_device *adev;
	struct device_node *np;
	struct resource res;

	for_each_compatible_node(np, NULL, "h21a,primecell") {
		if (!of_device_is_available(np) || of_address_to_resource(np, 0, &res))
			continue;
		adev = h21a_device_alloc(np->full_name, res.start, resource_size(&res));
		if (!adev)
			continue;
		adev->irq = of_irq_get(np, 0);
		if (h21a_device_add(adev, NULL, of_node_get(np))) {
			of_node_put(np);
			put_device(&adev->dev);
		}
	}

	/* ungate all cells once populated; the cell locks are not taken */
	h21a_gate_all_cells_unlocked(true);
}

static void h21a_depopulate(void)
{
	struct h21a_device *adev, *tmp;
	LIST_HEAD(dead);

	h21a_gate_all_cells(false);

	mutex_lock(&h21a_cells_lock);
	list_splice_init(&h21a_cells, &dead);
	mutex_unlock(&h21a_cells_lock);

	list_for_each_entry_safe(adev, tmp, &dead, node) {
		list_del_init(&adev->node);
		device_unregister(&adev->dev);
	}
}

static int __init h21a_bus_init(void)
{
	int ret;

	ret = bus_register(&h21a_bustype);
	if (ret)
		return ret;

	ret = h21a_dmac_init();
	if (ret) {
		bus_unregister(&h21a_bustype);
		return ret;
	}

	h21a_populate();
	return 0;
}
module_init(h21a_bus_init);

static void __exit h21a_bus_exit(void)
{
	h21a_depopulate();
	h21a_dmac_exit();
	bus_unregister(&h21a_bustype);
}
module_exit(h21a_bus_exit);

MODULE_DESCRIPTION("h21a primecell-style bus and DMA controller");
MODULE_LICENSE("GPL");
