// SPDX-License-Identifier: GPL-2.0
/*
 * h20s_bus.c - the "h20s" bus of output banks, registered by the SIOX
 * driver in h20s_drv.c below its siox device.
 *
 * Slots, called by the 6.12 driver core:
 *   .dma_configure  really_probe(), under device_lock(dev)             HELD
 *   .probe          really_probe() -> call_driver_probe()              HELD
 *   .remove         __device_release_driver() -> device_remove()       HELD
 *   h20s_bank_driver.bind/.unbind: only from .probe/.remove            HELD
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include "h20s.h"

static int h20s_bus_match(struct device *dev, const struct device_driver *drv)
{
	return drv == &h20s_bank_driver.driver;
}

static int h20s_bus_dma_configure(struct device *dev)
{
	if (dev_of_node(dev))
		return of_dma_configure_id(dev, dev_of_node(dev), true, NULL); /* EXPECT-NONE: dma-configure-outside-bus */
	return acpi_dma_configure(dev, device_get_dma_attr(dev)); /* EXPECT-NONE: dma-configure-outside-bus */
}

static int h20s_bus_probe(struct device *dev)
{
	struct h20s_bank *bank = to_h20s_bank(dev);
	const struct h20s_bank_driver *bdrv = to_h20s_bank_driver(dev->driver);

	dev_set_drvdata(dev, &bank->st);
	h20s_reload(dev); /* EXPECT-NONE: device-lock-required */
	return bdrv->bind ? bdrv->bind(bank) : 0;
}

static void h20s_bus_remove(struct device *dev)
{
	struct h20s_bank *bank = to_h20s_bank(dev);
	const struct h20s_bank_driver *bdrv = to_h20s_bank_driver(dev->driver);

	if (bdrv->unbind)
		bdrv->unbind(bank);
	dev_set_drvdata(dev, NULL);
}

const struct bus_type h20s_bus = {
	.name		= "h20s",
	.match		= h20s_bus_match,
	.probe		= h20s_bus_probe,
	.remove		= h20s_bus_remove,
	.dma_configure	= h20s_bus_dma_configure,
};

static int h20s_bank_bind(struct h20s_bank *bank)
{
	h20s_latch(&bank->dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static void h20s_bank_unbind(struct h20s_bank *bank)
{
	h20s_reload(&bank->dev); /* EXPECT-NONE: device-lock-required */
}

struct h20s_bank_driver h20s_bank_driver = {
	.bind	= h20s_bank_bind,
	.unbind	= h20s_bank_unbind,
	.driver	= {
		.name	= "h20s-bank",
		.bus	= &h20s_bus,
	},
};

static void h20s_bank_release(struct device *dev)
{
	kfree(to_h20s_bank(dev));
}

/* Adds an output bank below the siox device; the caller keeps it in priv->bank. */
struct h20s_bank *h20s_bank_add(struct h20s_priv *priv, unsigned int index)
{
	struct h20s_bank *bank;
	int ret;

	bank = kzalloc(sizeof(*bank), GFP_KERNEL);
	if (!bank)
		return ERR_PTR(-ENOMEM);
	bank->owner = priv;
	bank->index = index;
	device_initialize(&bank->dev);
	bank->dev.bus = &h20s_bus;
	bank->dev.parent = &priv->sdev->dev;
	bank->dev.release = h20s_bank_release;
	ret = dev_set_name(&bank->dev, "%s-bank%u", dev_name(&priv->sdev->dev), index);
	if (!ret)
		ret = device_add(&bank->dev);
	if (ret) {
		put_device(&bank->dev);
		return ERR_PTR(ret);
	}
	return bank;
}

void h20s_bank_del(struct h20s_bank *bank)
{
	device_unregister(&bank->dev);
}
