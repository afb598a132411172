// SPDX-License-Identifier: GPL-2.0
/*
 * dmax channel bus.  One device per DMA channel is created by the controller
 * (dmax_core.c) on this bus; a channel driver binds to it.
 *
 * Shapes: drivers/dma/idxd/bus.c (dsa_bus_type with .match/.probe/.remove
 * for DMA work-queue devices), drivers/base/platform.c:platform_dma_configure()
 * and drivers/cdx/cdx.c:cdx_dma_configure() (bus .dma_configure doing
 * of_dma_configure_id()/acpi_dma_configure()).
 *
 * Core locking (Linux 6.12, drivers/base/dd.c): __driver_attach() and
 * __device_attach() take device_lock(dev); really_probe() then calls
 * dev->bus->dma_configure() and call_driver_probe() -> dev->bus->probe();
 * device_release_driver_internal() holds device_lock(dev) around
 * dev->bus->remove().  So .dma_configure, .probe and .remove run HELD.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "dmax.h"

static void dmax_chan_release(struct device *dev)
{
	kfree(to_dmax_chan(dev));
}

const struct device_type dmax_chan_type = {
	.name		= "dmax_chan",
	.release	= dmax_chan_release,
};

static int dmax_bus_match(struct device *dev, const struct device_driver *drv)
{
	return dev->type == &dmax_chan_type;
}

/* Static helper reached only from dmax_bus_dma_configure(). */
static int dmax_bus_acpi_configure(struct device *dev)
{
	enum dev_dma_attr attr = acpi_get_dma_attr(ACPI_COMPANION(dev->parent));

	return acpi_dma_configure(dev, attr); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

/* bus .dma_configure: really_probe(), HELD. */
static int dmax_bus_dma_configure(struct device *dev)
{
	struct dmax_chan *dc = to_dmax_chan(dev);
	struct device *parent = dev->parent;

	if (!parent)
		return 0;

	if (parent->of_node)
		return of_dma_configure_id(dev, parent->of_node, true, &dc->id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	if (has_acpi_companion(parent))
		return dmax_bus_acpi_configure(dev);

	return 0;
}

/* bus .probe: really_probe() -> call_driver_probe(), HELD. */
static int dmax_bus_probe(struct device *dev)
{
	struct dmax_chan_driver *cdrv = to_dmax_chan_driver(dev->driver);
	struct dmax_chan *dc = to_dmax_chan(dev);

	dmax_chan_ack_locked(dc); /* EXPECT-NONE: device-lock-required */
	if (cdrv->probe)
		return cdrv->probe(dc);
	return 0;
}

/* bus .remove: device_release_driver_internal(), HELD. */
static void dmax_bus_remove(struct device *dev)
{
	struct dmax_chan_driver *cdrv = to_dmax_chan_driver(dev->driver);

	if (cdrv->remove)
		cdrv->remove(to_dmax_chan(dev));
}

const struct bus_type dmax_bus_type = {
	.name		= "dmax",
	.match		= dmax_bus_match,
	.probe		= dmax_bus_probe,
	.remove		= dmax_bus_remove,
	.dma_configure	= dmax_bus_dma_configure,
};

/* Channel driver probe: called from dmax_bus_probe(), HELD. */
static int dmax_cdrv_probe(struct dmax_chan *dc)
{
	return dmax_chan_enable_locked(dc); /* EXPECT-NONE: device-lock-required */
}

/* Channel driver remove: called from dmax_bus_remove(), HELD. */
static void dmax_cdrv_remove(struct dmax_chan *dc)
{
	dmax_chan_quiesce(dc); /* EXPECT-NONE: device-lock-required */
}

static struct dmax_chan_driver dmax_cdrv = {
	.drv = {
		.name	= "dmax-chan",
		.bus	= &dmax_bus_type,
	},
	.probe	= dmax_cdrv_probe,
	.remove	= dmax_cdrv_remove,
};

int dmax_bus_init(void)
{
	int ret;

	ret = bus_register(&dmax_bus_type);
	if (ret)
		return ret;

	ret = driver_register(&dmax_cdrv.drv);
	if (ret)
		bus_unregister(&dmax_bus_type);
	return ret;
}

void dmax_bus_exit(void)
{
	driver_unregister(&dmax_cdrv.drv);
	bus_unregister(&dmax_bus_type);
}
