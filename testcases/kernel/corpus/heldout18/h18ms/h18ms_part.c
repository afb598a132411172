// SPDX-License-Identifier: GPL-2.0
/*
 * h18ms_part.c - partition devices of an h18ms card, on a bus of their own.
 *
 * The bus imitates drivers/base/platform.c:platform_dma_configure (the
 * device's fwnode decides between of_dma_configure and acpi_dma_configure).
 * The core calls bus_type.dma_configure only from
 * drivers/base/dd.c:really_probe, under device_lock(dev).
 *
 * Partition creation imitates
 * drivers/media/platform/samsung/s5p-mfc/s5p_mfc.c:s5p_mfc_alloc_memdev:
 * device_initialize(), of_dma_configure() on the new device, device_add().
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include "h18ms.h"

static int h18ms_part_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

static int h18ms_part_dma_configure(struct device *dev)
{
	struct fwnode_handle *fwnode = dev_fwnode(dev);
	int ret = 0;

	if (is_of_node(fwnode))
		ret = of_dma_configure(dev, to_of_node(fwnode), true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	else if (is_acpi_device_node(fwnode))
		ret = acpi_dma_configure(dev, device_get_dma_attr(dev)); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return ret;
}

static const struct bus_type h18ms_part_bus = {
	.name		= "h18ms-part",
	.match		= h18ms_part_match,
	.dma_configure	= h18ms_part_dma_configure,
};

static int h18ms_part_probe(struct device *dev)
{
	dev_dbg(dev, "h18ms partition bound\n");
	return 0;
}

static struct device_driver h18ms_part_driver = {
	.name	= "h18ms-part",
	.bus	= &h18ms_part_bus,
	.probe	= h18ms_part_probe,
};

int h18ms_part_bus_init(void)
{
	int ret;

	ret = bus_register(&h18ms_part_bus);
	if (ret)
		return ret;
	ret = driver_register(&h18ms_part_driver);
	if (ret)
		bus_unregister(&h18ms_part_bus);
	return ret;
}

void h18ms_part_bus_exit(void)
{
	driver_unregister(&h18ms_part_driver);
	bus_unregister(&h18ms_part_bus);
}

static void h18ms_part_release(struct device *dev)
{
	kfree(to_h18ms_part(dev));
}

static int h18ms_part_add(struct h18ms *ms, unsigned int i)
{
	struct h18ms_part *part;
	int ret;

	part = kzalloc(sizeof(*part), GFP_KERNEL);
	if (!part)
		return -ENOMEM;
	part->ms = ms;
	part->index = i;
	device_initialize(&part->dev);
	part->dev.parent = ms->dev;
	part->dev.bus = &h18ms_part_bus;
	part->dev.release = h18ms_part_release;
	part->dev.dma_mask = &part->dev.coherent_dma_mask;
	ret = dev_set_name(&part->dev, "%s.p%u", dev_name(ms->dev), i);
	if (ret)
		goto err_put;

	/* s5p_mfc_alloc_memdev: inherit the card's DMA setup before adding */
	if (ms->dma_np)
		of_dma_configure(&part->dev, ms->dma_np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */

	ret = device_add(&part->dev);
	if (ret)
		goto err_put;
	ms->parts[i] = part;
	return 0;

err_put:
	put_device(&part->dev);
	return ret;
}

int h18ms_part_add_all(struct h18ms *ms)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ms->nr_parts; i++) {
		ret = h18ms_part_add(ms, i);
		if (ret) {
			h18ms_part_del_all(ms);
			return ret;
		}
	}
	return 0;
}

void h18ms_part_del_all(struct h18ms *ms)
{
	unsigned int i;

	for (i = 0; i < H18MS_MAX_PARTS; i++) {
		if (ms->parts[i]) {
			device_unregister(&ms->parts[i]->dev);
			ms->parts[i] = NULL;
		}
	}
}

/* partitions kept in ms->parts[], each with its own lock held */
void h18ms_part_refresh(struct h18ms *ms)
{
	unsigned int i;

	if (!ms->dma_np)
		return;
	for (i = 0; i < ms->nr_parts; i++) {
		struct h18ms_part *part = ms->parts[i];

		device_lock(&part->dev);
		of_dma_configure(&part->dev, ms->dma_np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
		device_unlock(&part->dev);
	}
}
