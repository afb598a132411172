// SPDX-License-Identifier: GPL-2.0
/*
 * h18hda_pin.c - per-pin function devices of an h18hda codec, on a bus of
 * their own.
 *
 * The bus imitates drivers/amba/bus.c:amba_dma_configure (of_dma_configure
 * for an OF node, acpi_dma_configure for an ACPI companion).  The core calls
 * bus_type.dma_configure only from drivers/base/dd.c:really_probe, under
 * device_lock(dev) (__device_attach, __driver_attach, device_driver_attach).
 *
 * Pin creation imitates drivers/media/platform/qcom/venus/firmware.c:
 * venus_firmware_init (register the device, then of_dma_configure() it)
 * through a static helper without a contract of its own.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include "h18hda.h"

static int h18hda_pin_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

static int h18hda_pin_dma_configure(struct device *dev)
{
	int ret = 0;

	if (dev->of_node)
		ret = of_dma_configure(dev, dev->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	else if (has_acpi_companion(dev))
		ret = acpi_dma_configure(dev, device_get_dma_attr(dev)); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return ret;
}

static const struct bus_type h18hda_pin_bus = {
	.name		= "h18hda-pin",
	.match		= h18hda_pin_match,
	.dma_configure	= h18hda_pin_dma_configure,
};

static int h18hda_pin_probe(struct device *dev)
{
	return 0;
}

static struct device_driver h18hda_pin_driver = {
	.name	= "h18hda-pin",
	.bus	= &h18hda_pin_bus,
	.probe	= h18hda_pin_probe,
};

int h18hda_pin_bus_init(void)
{
	int ret;

	ret = bus_register(&h18hda_pin_bus);
	if (ret)
		return ret;
	ret = driver_register(&h18hda_pin_driver);
	if (ret)
		bus_unregister(&h18hda_pin_bus);
	return ret;
}

void h18hda_pin_bus_exit(void)
{
	driver_unregister(&h18hda_pin_driver);
	bus_unregister(&h18hda_pin_bus);
}

static void h18hda_pin_release(struct device *dev)
{
	kfree(to_h18hda_pin(dev));
}

/* no contract of its own: the site is here, reached from h18hda_pin_add */
static int h18hda_pin_dma(struct h18hda_pin *pin)
{
	return of_dma_configure(&pin->dev, pin->hda->dma_np, true); /* EXPECT: dma-configure-outside-bus created-device @hda_pindma; EXPECT: device-lock-required @hda_pindma_l */
}

static int h18hda_pin_add(struct h18hda *hda, unsigned int i)
{
	struct h18hda_pin *pin;
	int ret;

	pin = kzalloc(sizeof(*pin), GFP_KERNEL);
	if (!pin)
		return -ENOMEM;
	pin->hda = hda;
	pin->nid = hda->hdev->start_nid + i;
	pin->dev.parent = hda->dev;
	pin->dev.bus = &h18hda_pin_bus;
	pin->dev.release = h18hda_pin_release;
	pin->dev.dma_mask = &pin->dev.coherent_dma_mask;
	dev_set_name(&pin->dev, "%s-pin%u", dev_name(hda->dev), i);
	ret = device_register(&pin->dev);
	if (ret) {
		put_device(&pin->dev);
		return ret;
	}
	hda->pins[i] = pin;
	if (hda->dma_np)
		h18hda_pin_dma(pin); /* EXPECT: dma-configure-outside-bus created-device @hda_pindma; EXPECT: device-lock-required @hda_pindma_l */
	return 0;
}

int h18hda_pin_add_all(struct h18hda *hda)
{
	unsigned int i;
	int ret;

	for (i = 0; i < hda->nr_pins; i++) {
		ret = h18hda_pin_add(hda, i);
		if (ret) {
			h18hda_pin_del_all(hda);
			return ret;
		}
	}
	return 0;
}

void h18hda_pin_del_all(struct h18hda *hda)
{
	unsigned int i;

	for (i = 0; i < H18HDA_MAX_PINS; i++) {
		if (hda->pins[i]) {
			device_unregister(&hda->pins[i]->dev);
			hda->pins[i] = NULL;
		}
	}
}

/* the pins kept in hda->pins[], re-pointed with each pin's lock held */
void h18hda_pin_retarget(struct h18hda *hda, struct device_node *np)
{
	unsigned int i;

	for (i = 0; i < hda->nr_pins; i++) {
		struct h18hda_pin *pin = hda->pins[i];
		struct device *pd = &pin->dev;

		scoped_guard(device, pd)
			of_dma_configure(&pin->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	}
}
