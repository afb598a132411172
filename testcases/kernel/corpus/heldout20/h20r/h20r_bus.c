// SPDX-License-Identifier: GPL-2.0
/*
 * h20r_bus.c - the "h20r" bus of lane devices, registered by the RapidIO
 * driver in h20r_drv.c below its rio_dev.
 *
 * Slots, called by the 6.12 driver core:
 *   .dma_configure  really_probe(), under device_lock(dev)             HELD
 *   .probe          really_probe() -> call_driver_probe()              HELD
 *   .remove         __device_release_driver() -> device_remove()       HELD
 *   h20r_lane_driver.start/.stop: only from .probe/.remove             HELD
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include "h20r.h"

static int h20r_bus_match(struct device *dev, const struct device_driver *drv)
{
	return drv == &h20r_lane_driver.driver;
}

/* Called from h20r_bus_dma_configure() only. */
static int h20r_bus_of_dma(struct device *dev, struct device_node *np)
{
	u32 id = to_h20r_lane(dev)->destid;

	return of_dma_configure_id(dev, np, true, &id); /* EXPECT-NONE: dma-configure-outside-bus */
}

static int h20r_bus_dma_configure(struct device *dev)
{
	struct device *up;

	/* a lane inherits the firmware description of the master port */
	for (up = dev->parent; up; up = up->parent) {
		if (up->of_node)
			return h20r_bus_of_dma(dev, up->of_node);
		if (has_acpi_companion(up))
			return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, NULL); /* EXPECT-NONE: dma-configure-outside-bus */
	}
	return 0;
}

static int h20r_bus_probe(struct device *dev)
{
	struct h20r_lane *lane = to_h20r_lane(dev);
	const struct h20r_lane_driver *ldrv = to_h20r_lane_driver(dev->driver);

	dev_set_drvdata(dev, &lane->st);
	h20r_arm(dev); /* EXPECT-NONE: device-lock-required */
	return ldrv->start ? ldrv->start(lane) : 0;
}

static void h20r_bus_remove(struct device *dev)
{
	struct h20r_lane *lane = to_h20r_lane(dev);
	const struct h20r_lane_driver *ldrv = to_h20r_lane_driver(dev->driver);

	if (ldrv->stop)
		ldrv->stop(lane);
	h20r_quiesce(dev); /* EXPECT-NONE: device-lock-required */
	dev_set_drvdata(dev, NULL);
}

const struct bus_type h20r_bus = {
	.name		= "h20r",
	.match		= h20r_bus_match,
	.probe		= h20r_bus_probe,
	.remove		= h20r_bus_remove,
	.dma_configure	= h20r_bus_dma_configure,
};

static int h20r_lane_start(struct h20r_lane *lane)
{
	h20r_quiesce(&lane->dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static void h20r_lane_stop(struct h20r_lane *lane)
{
	lane->st.armed = 0;
}

struct h20r_lane_driver h20r_lane_driver = {
	.start	= h20r_lane_start,
	.stop	= h20r_lane_stop,
	.driver	= {
		.name	= "h20r-lane",
		.bus	= &h20r_bus,
	},
};

static void h20r_lane_release(struct device *dev)
{
	kfree(to_h20r_lane(dev));
}

/* Registers a lane below the rio_dev; the caller keeps it in priv->lane. */
struct h20r_lane *h20r_lane_register(struct h20r_priv *priv, u16 destid)
{
	struct h20r_lane *lane;
	int ret;

	lane = kzalloc(sizeof(*lane), GFP_KERNEL);
	if (!lane)
		return ERR_PTR(-ENOMEM);
	lane->owner = priv;
	lane->destid = destid;
	lane->dev.bus = &h20r_bus;
	lane->dev.parent = &priv->rdev->dev;
	lane->dev.release = h20r_lane_release;
	dev_set_name(&lane->dev, "%s:lane%04x", rio_name(priv->rdev), destid);
	ret = device_register(&lane->dev);
	if (ret) {
		put_device(&lane->dev);
		return ERR_PTR(ret);
	}
	return lane;
}

void h20r_lane_unregister(struct h20r_lane *lane)
{
	device_unregister(&lane->dev);
}
