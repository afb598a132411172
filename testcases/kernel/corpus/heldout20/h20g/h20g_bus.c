// SPDX-License-Identifier: GPL-2.0
/*
 * h20g_bus.c - the "h20g" bus of joystick port devices, created by the
 * gameport driver in h20g_drv.c below the gameport it is connected to.
 *
 * Slots, called by the 6.12 driver core:
 *   .dma_configure  really_probe(), under device_lock(dev)             HELD
 *   .probe          really_probe() -> call_driver_probe()              HELD
 *   .remove         __device_release_driver() -> device_remove()       HELD
 *   h20g_port_driver.attach/.detach: only from .probe/.remove          HELD
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include "h20g.h"

static int h20g_bus_match(struct device *dev, const struct device_driver *drv)
{
	return drv == &h20g_port_driver.driver;
}

static int h20g_bus_dma_configure(struct device *dev)
{
	struct device *gp_dev = dev->parent;
	u32 input_id = to_h20g_port(dev)->index;

	/* the port has no firmware node of its own: use the one above the gameport */
	if (gp_dev && gp_dev->parent && gp_dev->parent->of_node)
		return of_dma_configure_id(dev, gp_dev->parent->of_node, true, &input_id); /* EXPECT-NONE: dma-configure-outside-bus */
	if (gp_dev && gp_dev->parent && has_acpi_companion(gp_dev->parent))
		return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &input_id); /* EXPECT-NONE: dma-configure-outside-bus */
	return 0;
}

static int h20g_bus_probe(struct device *dev)
{
	struct h20g_port *port = to_h20g_port(dev);
	const struct h20g_port_driver *pdrv = to_h20g_port_driver(dev->driver);

	dev_set_drvdata(dev, &port->st);
	h20g_flush_axes(dev); /* EXPECT-NONE: device-lock-required */
	return pdrv->attach ? pdrv->attach(port) : 0;
}

static void h20g_bus_remove(struct device *dev)
{
	struct h20g_port *port = to_h20g_port(dev);
	const struct h20g_port_driver *pdrv = to_h20g_port_driver(dev->driver);

	if (pdrv->detach)
		pdrv->detach(port);
	dev_set_drvdata(dev, NULL);
}

const struct bus_type h20g_bus = {
	.name		= "h20g",
	.match		= h20g_bus_match,
	.probe		= h20g_bus_probe,
	.remove		= h20g_bus_remove,
	.dma_configure	= h20g_bus_dma_configure,
};

static int h20g_port_attach(struct h20g_port *port)
{
	return h20g_rescan_locked(&port->dev); /* EXPECT-NONE: device-lock-required */
}

static void h20g_port_detach(struct h20g_port *port)
{
	port->st.mode = 0;
}

struct h20g_port_driver h20g_port_driver = {
	.attach	= h20g_port_attach,
	.detach	= h20g_port_detach,
	.driver	= {
		.name	= "h20g-port",
		.bus	= &h20g_bus,
	},
};

static void h20g_port_release(struct device *dev)
{
	kfree(to_h20g_port(dev));
}

/* Registers a joystick port below the gameport; the caller keeps it in priv->port. */
struct h20g_port *h20g_port_create(struct h20g_priv *priv, int index)
{
	struct h20g_port *port;
	int ret;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return ERR_PTR(-ENOMEM);
	port->owner = priv;
	port->index = index;
	port->dev.bus = &h20g_bus;
	port->dev.parent = &priv->gameport->dev;
	port->dev.release = h20g_port_release;
	dev_set_name(&port->dev, "%s-js%d", priv->gameport->phys, index);
	ret = device_register(&port->dev);
	if (ret) {
		put_device(&port->dev);
		return ERR_PTR(ret);
	}
	return port;
}

void h20g_port_destroy(struct h20g_port *port)
{
	device_unregister(&port->dev);
}

/* Redo the DMA setup of the kept port device from its ACPI description. */
int h20g_port_dma_reset(struct h20g_priv *priv)
{
	struct h20g_port *port = priv->port;

	if (!port)
		return -ENODEV;
	return acpi_dma_configure_id(&port->dev, DEV_DMA_COHERENT, NULL); /* EXPECT: dma-configure-outside-bus created-device */
}
