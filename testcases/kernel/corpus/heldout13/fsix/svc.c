// SPDX-License-Identifier: GPL-2.0-only
/*
 * fsix service bus: one device per firmware service exposed by the engine.
 *
 * Mirrors drivers/staging/vc04_services/interface/vchiq_arm/vchiq_bus.c
 * (vchiq_bus_type, vchiq_device_register(), vchiq_driver_register()) with
 * the DMA setup moved into a bus_type.dma_configure callback shaped like
 * drivers/base/platform.c:platform_dma_configure() (OF node, else ACPI).
 *
 * What the core holds around each callback in 6.12:
 *  - bus_type.dma_configure/.probe/.remove: drivers/base/dd.c:
 *    __driver_attach()/__device_attach() hold device_lock(dev) around
 *    really_probe() -> dev->bus->dma_configure() and call_driver_probe() ->
 *    dev->bus->probe(); device_release_driver_internal() holds it around
 *    device_remove() -> dev->bus->remove().
 *  - fsix_svc_register() is called from main.c:fsix_probe() (lock of the
 *    FSI device held, not of the service device it creates).
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/fsi.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "fsix.h"

/*
 * Start the service's queue.  The running flag is owned by the service
 * device's lock (dd.c takes it around bind and unbind).
 */
int fsix_svc_start(struct fsix_svc *svc)
{
	device_lock_assert(&svc->dev);

	if (svc->running)
		return 0;

	svc->running = true;
	return 0;
}

static int fsix_svc_bus_match(struct device *dev, const struct device_driver *drv)
{
	return !strcmp(dev_name(dev), drv->name);
}

/*
 * bus_type.dma_configure, called by dd.c:really_probe() with
 * device_lock(dev) held.  platform.c:platform_dma_configure().
 */
static int fsix_svc_dma_configure(struct device *dev)
{
	struct fsix_svc *svc = to_fsix_svc(dev);
	struct device *parent = svc->fx->dev;
	struct fwnode_handle *fwnode = dev_fwnode(parent);
	int ret = 0;

	if (is_of_node(fwnode))
		ret = of_dma_configure(dev, to_of_node(fwnode), true); /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */
	else if (is_acpi_device_node(fwnode))
		ret = acpi_dma_configure(dev, device_get_dma_attr(parent)); /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */

	return ret;
}

/* bus_type.probe, dd.c holds device_lock(dev). */
static int fsix_svc_bus_probe(struct device *dev)
{
	const struct fsix_svc_driver *drv = to_fsix_svc_driver(dev->driver);
	struct fsix_svc *svc = to_fsix_svc(dev);
	int ret;

	ret = fsix_svc_start(svc); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	return drv->probe ? drv->probe(svc) : 0;
}

/* bus_type.remove, dd.c holds device_lock(dev). */
static void fsix_svc_bus_remove(struct device *dev)
{
	const struct fsix_svc_driver *drv = to_fsix_svc_driver(dev->driver);
	struct fsix_svc *svc = to_fsix_svc(dev);

	if (drv->remove)
		drv->remove(svc);
	svc->running = false;
}

static const struct bus_type fsix_svc_bus = {
	.name		= "fsix-svc",
	.match		= fsix_svc_bus_match,
	.probe		= fsix_svc_bus_probe,
	.remove		= fsix_svc_bus_remove,
	.dma_configure	= fsix_svc_dma_configure,
};

static void fsix_svc_release(struct device *dev)
{
	kfree(to_fsix_svc(dev));
}

/*
 * vchiq_bus.c:vchiq_device_register().  Runs from fsix_probe(); the new
 * device is registered and then started without taking its lock, while a
 * service driver may already be binding to it.
 */
struct fsix_svc *fsix_svc_register(struct fsix *fx, const char *name, u32 id)
{
	struct fsix_svc *svc;
	int ret;

	svc = kzalloc(sizeof(*svc), GFP_KERNEL);
	if (!svc)
		return ERR_PTR(-ENOMEM);

	svc->fx = fx;
	svc->id = id;
	svc->dev.init_name = name;
	svc->dev.parent = fx->dev;
	svc->dev.bus = &fsix_svc_bus;
	svc->dev.dma_mask = &svc->dev.coherent_dma_mask;
	svc->dev.release = fsix_svc_release;

	ret = device_register(&svc->dev);
	if (ret) {
		dev_err(fx->dev, "Cannot register %s: %d\n", name, ret);
		put_device(&svc->dev);
		return ERR_PTR(ret);
	}

	ret = fsix_svc_start(svc); /* EXPECT: device-lock-required */
	if (ret) {
		device_unregister(&svc->dev);
		return ERR_PTR(ret);
	}

	list_add_tail(&svc->entry, &fx->svcs);
	return svc;
}

void fsix_svc_unregister_all(struct fsix *fx)
{
	struct fsix_svc *svc, *tmp;

	list_for_each_entry_safe(svc, tmp, &fx->svcs, entry) {
		list_del(&svc->entry);
		device_unregister(&svc->dev);
	}
}

int fsix_svc_driver_register(struct fsix_svc_driver *drv)
{
	drv->driver.bus = &fsix_svc_bus;
	return driver_register(&drv->driver);
}
EXPORT_SYMBOL_GPL(fsix_svc_driver_register);

void fsix_svc_driver_unregister(struct fsix_svc_driver *drv)
{
	driver_unregister(&drv->driver);
}
EXPORT_SYMBOL_GPL(fsix_svc_driver_unregister);

int fsix_svc_bus_init(void)
{
	return bus_register(&fsix_svc_bus);
}

void fsix_svc_bus_exit(void)
{
	bus_unregister(&fsix_svc_bus);
}
