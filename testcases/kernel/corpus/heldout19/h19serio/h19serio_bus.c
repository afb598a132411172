// SPDX-License-Identifier: GPL-2.0
/*
 * h19serio_bus.c: a small bus of the module's own, holding the DMA window
 * devices the port driver allocates and registers (h19serio_win_create()).
 *
 * Its .dma_configure is called by really_probe() (drivers/base/dd.c),
 * which runs under device_lock(dev) taken by __device_attach() or
 * __driver_attach(): an of/acpi_dma_configure*() call there is where the
 * IOMMU core wants it, with the lock held.  Its .probe/.remove run from
 * call_driver_probe() and device_remove() (drivers/base/dd.c), also under
 * device_lock(dev).
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "h19serio.h"

static int h19serio_bus_match(struct device *dev, const struct device_driver *drv)
{
	return dev->bus == &h19serio_bus;
}

/*
 * Shape of platform_dma_configure() (drivers/base/platform.c): OF node
 * first, ACPI companion otherwise.  Called from really_probe() under
 * device_lock(dev).
 */
static int h19serio_bus_dma_configure(struct device *dev)
{
	struct fwnode_handle *fwnode = dev_fwnode(dev);
	int ret = 0;

	if (is_of_node(fwnode))
		ret = of_dma_configure(dev, to_of_node(fwnode), true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	else if (is_acpi_device_node(fwnode))
		ret = acpi_dma_configure(dev, acpi_get_dma_attr(to_acpi_device_node(fwnode))); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	return ret;
}

/* bus .probe: call_driver_probe() <- really_probe(), device_lock(dev) held */
static int h19serio_bus_probe(struct device *dev)
{
	int ret;

	ret = h19serio_route_locked(dev, 0); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	h19serio_commit_window(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/* bus .remove: device_remove() <- __device_release_driver(), lock held */
static void h19serio_bus_remove(struct device *dev)
{
	h19serio_rebind_window(dev); /* EXPECT-NONE: device-lock-required */
}

const struct bus_type h19serio_bus = {
	.name		= "h19serio",
	.match		= h19serio_bus_match,
	.probe		= h19serio_bus_probe,
	.remove		= h19serio_bus_remove,
	.dma_configure	= h19serio_bus_dma_configure,
};

struct device_driver h19serio_win_driver = {
	.name	= "h19serio-win",
	.bus	= &h19serio_bus,
	.owner	= THIS_MODULE,
};

static void h19serio_win_release(struct device *dev)
{
	struct h19serio_win *win = to_h19serio_win(dev);

	of_node_put(dev->of_node);
	kfree(win);
}

static struct h19serio_win *h19serio_win_alloc(struct h19serio_port *port)
{
	struct h19serio_win *win;
	int ret;

	win = kzalloc(sizeof(*win), GFP_KERNEL);
	if (!win)
		return ERR_PTR(-ENOMEM);

	win->port = port;
	device_initialize(&win->dev);
	win->dev.bus = &h19serio_bus;
	win->dev.parent = &port->serio->dev;
	win->dev.release = h19serio_win_release;
	win->dev.of_node = of_node_get(port->alt_np);
	ret = dev_set_name(&win->dev, "%s-win", dev_name(&port->serio->dev));
	if (!ret)
		ret = device_add(&win->dev);
	if (ret) {
		put_device(&win->dev);
		return ERR_PTR(ret);
	}
	return win;
}

/*
 * Shape of venus_firmware_init() (drivers/media/platform/qcom/venus/
 * firmware.c): platform_device_register_full() then of_dma_configure() on
 * the new device.  device_add() returned: __device_attach() has dropped
 * the window's lock again, nobody holds it here.
 */
struct h19serio_win *h19serio_win_create(struct h19serio_port *port)
{
	struct h19serio_win *win = h19serio_win_alloc(port);
	int ret;

	if (IS_ERR(win))
		return win;

	ret = of_dma_configure(&win->dev, port->alt_np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (ret) {
		device_unregister(&win->dev);
		return ERR_PTR(ret);
	}
	return win;
}

/* Twin: the same with the window's lock taken around the configuration. */
struct h19serio_win *h19serio_win_create_locked_cfg(struct h19serio_port *port)
{
	struct h19serio_win *win = h19serio_win_alloc(port);
	int ret;

	if (IS_ERR(win))
		return win;

	device_lock(&win->dev);
	ret = of_dma_configure(&win->dev, port->alt_np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	device_unlock(&win->dev);
	if (ret) {
		device_unregister(&win->dev);
		return ERR_PTR(ret);
	}
	return win;
}

void h19serio_win_destroy(struct h19serio_win *win)
{
	if (!IS_ERR_OR_NULL(win))
		device_unregister(&win->dev);
}

int h19serio_bus_init(void)
{
	int ret = bus_register(&h19serio_bus);

	if (ret)
		return ret;
	ret = driver_register(&h19serio_win_driver);
	if (ret)
		bus_unregister(&h19serio_bus);
	return ret;
}

void h19serio_bus_exit(void)
{
	driver_unregister(&h19serio_win_driver);
	bus_unregister(&h19serio_bus);
}
