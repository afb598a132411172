// SPDX-License-Identifier: GPL-2.0-only
/*
 * ssamx hub side: the function bus (dma_configure done by the bus, as in
 * drivers/cdx/cdx.c) and the update work that creates the client device
 * when the base is connected (ssam_hub_update_workfn() in
 * drivers/platform/surface/surface_aggregator_hub.c).
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "ssamx.h"

static int ssamx_fn_match(struct device *dev, const struct device_driver *drv)
{
	return 0;
}

/* bus_type.dma_configure: entered from really_probe() with the lock held. */
static int ssamx_fn_dma_configure(struct device *dev)
{
	struct device *parent = dev->parent;

	if (parent && dev_of_node(parent))
		return of_dma_configure(dev, parent->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */

	if (parent)
		return acpi_dma_configure(dev, device_get_dma_attr(parent)); /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */

	return 0;
}

const struct bus_type ssamx_fn_bus = {
	.name = "ssamx-fn",
	.match = ssamx_fn_match,
	.dma_configure = ssamx_fn_dma_configure,
};

int ssamx_fn_bus_register(void)
{
	return bus_register(&ssamx_fn_bus);
}

void ssamx_fn_bus_unregister(void)
{
	bus_unregister(&ssamx_fn_bus);
}

static void ssamx_fn_release(struct device *dev)
{
	kfree(to_ssamx_fn(dev));
}

int ssamx_fn_add(struct ssamx *sx)
{
	struct ssamx_fn *fn;
	int ret;

	fn = kzalloc(sizeof(*fn), GFP_KERNEL);
	if (!fn)
		return -ENOMEM;

	fn->sx = sx;
	fn->fn_id = sx->sdev->uid.function;
	device_initialize(&fn->dev);
	fn->dev.parent = &sx->sdev->dev;
	fn->dev.bus = &ssamx_fn_bus;
	fn->dev.release = ssamx_fn_release;

	ret = dev_set_name(&fn->dev, "%s.fn%u", dev_name(&sx->sdev->dev), fn->fn_id);
	if (!ret)
		ret = device_add(&fn->dev);
	if (ret) {
		put_device(&fn->dev);
		return ret;
	}

	sx->fn = fn;
	return 0;
}

void ssamx_fn_remove(struct ssamx *sx)
{
	if (sx->fn) {
		device_unregister(&sx->fn->dev);
		sx->fn = NULL;
	}
}

void ssamx_child_remove(struct ssamx *sx)
{
	if (sx->child) {
		ssam_device_remove(sx->child);
		sx->child = NULL;
	}
}

/* Delayed work: no device lock is held on entry. */
void ssamx_update_workfn(struct work_struct *work)
{
	struct ssamx *sx = container_of(work, struct ssamx, update_work.work);
	struct ssam_device *sdev = sx->sdev;
	struct device_node *np = sdev->dev.of_node;
	struct ssam_device_uid uid = sdev->uid;
	struct ssam_device *child;
	int ret;

	if (!sx->connected) {
		ssamx_child_remove(sx);
		return;
	}

	if (sx->child) {
		/* Reconnect: refresh the existing client's DMA setup. */
		ret = ssamx_child_dma_setup(sx->child, np); /* EXPECT: device-lock-required */
		if (ret)
			dev_warn(&sdev->dev, "client DMA refresh failed: %d\n", ret);
		return;
	}

	uid.function++;
	child = ssam_device_alloc(sdev->ctrl, uid);
	if (!child)
		return;

	child->dev.parent = &sdev->dev;

	ret = of_dma_configure(&child->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT: device-lock-required */
	if (ret)
		goto err_put;

	ret = ssam_device_add(child);
	if (ret)
		goto err_put;

	scoped_guard(device, &child->dev) {
		ret = ssamx_child_dma_setup(child, np); /* EXPECT-NONE: device-lock-required */
		if (!ret && !np)
			ret = acpi_dma_configure(&child->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */
	}
	if (ret) {
		ssam_device_remove(child);
		return;
	}

	sx->child = child;
	return;

err_put:
	ssam_device_put(child);
}
