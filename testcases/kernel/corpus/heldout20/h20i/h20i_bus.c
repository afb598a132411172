// SPDX-License-Identifier: GPL-2.0
/*
 * h20i_bus.c - the "h20i" bus: sub-channel devices that the I2C driver in
 * h20i_drv.c allocates and registers below its client, and their driver.
 *
 * Slots of this bus, called by the driver core of 6.12:
 *   .dma_configure  really_probe() (drivers/base/dd.c), under the
 *                   device_lock(dev) that all probe paths hold.      HELD
 *   .probe          really_probe() -> call_driver_probe().           HELD
 *   .remove         device_remove() from __device_release_driver(),
 *                   under device_release_driver_internal()'s lock.   HELD
 *   h20i_sub_driver.probe/.remove are called only from .probe/.remove
 *   above.                                                           HELD
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include "h20i.h"

static int h20i_bus_match(struct device *dev, const struct device_driver *drv)
{
	return drv == &h20i_sub_driver.driver;
}

/* Called from h20i_bus_dma_configure() only. */
static int h20i_bus_acpi_dma(struct device *dev)
{
	return acpi_dma_configure(dev, device_get_dma_attr(dev)); /* EXPECT-NONE: dma-configure-outside-bus */
}

static int h20i_bus_dma_configure(struct device *dev)
{
	if (dev->of_node)
		return of_dma_configure(dev, dev->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus */
	if (has_acpi_companion(dev))
		return h20i_bus_acpi_dma(dev);
	return 0;
}

static int h20i_bus_probe(struct device *dev)
{
	struct h20i_sub *sub = to_h20i_sub(dev);
	const struct h20i_sub_driver *sdrv = to_h20i_sub_driver(dev->driver);

	dev_set_drvdata(dev, &sub->st);
	h20i_apply_cfg(dev, sub->chan); /* EXPECT-NONE: device-lock-required */
	return sdrv->probe ? sdrv->probe(sub) : 0;
}

static void h20i_bus_remove(struct device *dev)
{
	struct h20i_sub *sub = to_h20i_sub(dev);
	const struct h20i_sub_driver *sdrv = to_h20i_sub_driver(dev->driver);

	if (sdrv->remove)
		sdrv->remove(sub);
	h20i_commit_locked(&sub->dev); /* EXPECT-NONE: device-lock-required */
	dev_set_drvdata(dev, NULL);
}

const struct bus_type h20i_bus = {
	.name		= "h20i",
	.match		= h20i_bus_match,
	.probe		= h20i_bus_probe,
	.remove		= h20i_bus_remove,
	.dma_configure	= h20i_bus_dma_configure,
};

static int h20i_sub_probe(struct h20i_sub *sub)
{
	h20i_sync_state(&sub->dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static void h20i_sub_remove(struct h20i_sub *sub)
{
	dev_dbg(&sub->dev, "channel %u going away\n", sub->chan);
}

struct h20i_sub_driver h20i_sub_driver = {
	.probe	= h20i_sub_probe,
	.remove	= h20i_sub_remove,
	.driver	= {
		.name	= "h20i-sub",
		.bus	= &h20i_bus,
	},
};

static void h20i_sub_release(struct device *dev)
{
	kfree(to_h20i_sub(dev));
}

/* Allocates and registers a sub-channel below the client; kept in priv->sub. */
struct h20i_sub *h20i_sub_create(struct h20i_priv *priv, u32 chan)
{
	struct h20i_sub *sub;
	int ret;

	sub = kzalloc(sizeof(*sub), GFP_KERNEL);
	if (!sub)
		return ERR_PTR(-ENOMEM);
	sub->owner = priv;
	sub->chan = chan;
	device_initialize(&sub->dev);
	sub->dev.bus = &h20i_bus;
	sub->dev.parent = priv->dev;
	sub->dev.release = h20i_sub_release;
	device_set_of_node_from_dev(&sub->dev, priv->dev);
	ret = dev_set_name(&sub->dev, "%s.%u", dev_name(priv->dev), chan);
	if (!ret)
		ret = device_add(&sub->dev);
	if (ret) {
		put_device(&sub->dev);
		return ERR_PTR(ret);
	}
	return sub;
}

void h20i_sub_destroy(struct h20i_sub *sub)
{
	device_unregister(&sub->dev);
}

/* Points the DMA setup of the registered sub-channel at another node. */
int h20i_sub_retarget(struct h20i_priv *priv, struct device_node *np)
{
	if (!priv->sub)
		return -ENODEV;
	return of_dma_configure(&priv->sub->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device */
}
