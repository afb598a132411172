// SPDX-License-Identifier: GPL-2.0
/*
 * h19typec_bus.c: a bus of the module's own for the engine devices the
 * altmode driver creates and keeps in h19typec_alt.engine.
 *
 * .dma_configure is called only by really_probe() (drivers/base/dd.c),
 * under the device_lock(dev) of __device_attach()/__driver_attach();
 * .probe/.remove run from call_driver_probe()/device_remove(), same lock.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "h19typec.h"

static int h19typec_bus_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

/*
 * Shape of cdx_dma_configure() / fsl_mc_dma_configure()
 * (drivers/cdx/cdx.c, drivers/bus/fsl-mc/fsl-mc-bus.c): the _id variants
 * with an input id taken from the device.
 */
static int h19typec_bus_dma_configure(struct device *dev)
{
	struct h19typec_engine *eng = to_h19typec_engine(dev);
	u32 input_id = eng->alt->alt->svid;

	if (dev->parent && dev->parent->of_node)
		return of_dma_configure_id(dev, dev->parent->of_node, true, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

static int h19typec_bus_probe(struct device *dev)
{
	/* call_driver_probe() <- really_probe(): lock held */
	return h19typec_rearm(dev); /* EXPECT-NONE: device-lock-required */
}

static void h19typec_bus_remove(struct device *dev)
{
	/* device_remove() <- __device_release_driver(): lock held */
	h19typec_commit(dev); /* EXPECT-NONE: device-lock-required */
}

const struct bus_type h19typec_bus = {
	.name		= "h19typec",
	.match		= h19typec_bus_match,
	.probe		= h19typec_bus_probe,
	.remove		= h19typec_bus_remove,
	.dma_configure	= h19typec_bus_dma_configure,
};

static struct device_driver h19typec_engine_driver = {
	.name	= "h19typec-engine",
	.bus	= &h19typec_bus,
	.owner	= THIS_MODULE,
};

static void h19typec_engine_release(struct device *dev)
{
	kfree(to_h19typec_engine(dev));
}

/*
 * Allocate and register the engine; its DMA is configured later, by
 * h19typec_engine_configure*() from the altmode's slots.
 */
struct h19typec_engine *h19typec_engine_create(struct h19typec_alt *h)
{
	struct h19typec_engine *eng;
	int ret;

	eng = kzalloc(sizeof(*eng), GFP_KERNEL);
	if (!eng)
		return ERR_PTR(-ENOMEM);
	eng->alt = h;
	device_initialize(&eng->dev);
	eng->dev.bus = &h19typec_bus;
	eng->dev.parent = &h->alt->dev;
	eng->dev.release = h19typec_engine_release;
	ret = dev_set_name(&eng->dev, "%s-engine", dev_name(&h->alt->dev));
	if (!ret)
		ret = device_add(&eng->dev);
	if (ret) {
		put_device(&eng->dev);
		return ERR_PTR(ret);
	}
	return eng;
}

/*
 * Configure a created device kept in a field (shape of
 * ath10k_fw_init(), drivers/net/wireless/ath/ath10k/snoc.c, which
 * registers a platform device then of_dma_configure()s it), with the
 * engine's lock taken around it.
 */
int h19typec_engine_configure(struct h19typec_engine *eng)
{
	int ret;

	device_lock(&eng->dev);
	ret = acpi_dma_configure(&eng->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	device_unlock(&eng->dev);
	return ret;
}

/*
 * Positive twin: nobody holds the engine's lock (device_add() returned
 * and its only caller, h19typec_vdm(), does not take it).  The lock site
 * is shared with that call.
 */
int h19typec_engine_configure_unlocked(struct h19typec_engine *eng)
{
	return acpi_dma_configure(&eng->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @typec_engcfg */
}

void h19typec_engine_destroy(struct h19typec_engine *eng)
{
	if (!IS_ERR_OR_NULL(eng))
		device_unregister(&eng->dev);
}

int h19typec_bus_init(void)
{
	int ret = bus_register(&h19typec_bus);

	if (ret)
		return ret;
	ret = driver_register(&h19typec_engine_driver);
	if (ret)
		bus_unregister(&h19typec_bus);
	return ret;
}

void h19typec_bus_exit(void)
{
	driver_unregister(&h19typec_engine_driver);
	bus_unregister(&h19typec_bus);
}
