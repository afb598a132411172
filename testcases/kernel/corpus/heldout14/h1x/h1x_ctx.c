// SPDX-License-Identifier: GPL-2.0-only
/*
 * h1x memory-context devices.  They sit on a private bus whose
 * dma_configure callback applies the iommu-map entry at bind time; the
 * list setup copies host1x_memory_context_list_init(), which configures
 * each freshly added context device itself.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>

#include "h1x.h"

static int h1x_ctx_match(struct device *dev, const struct device_driver *drv)
{
	return 0;
}

/* bus_type.dma_configure: really_probe() holds device_lock(dev). */
static int h1x_ctx_dma_configure(struct device *dev)
{
	struct h1x_ctx *ctx = to_h1x_ctx(dev);
	struct device *host = dev->parent;

	if (host && host->parent && dev_of_node(host->parent))
		return of_dma_configure_id(dev, host->parent->of_node, true, &ctx->id); /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */

	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &ctx->id); /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */
}

const struct bus_type h1x_ctx_bus = {
	.name = "h1x-ctx",
	.match = h1x_ctx_match,
	.dma_configure = h1x_ctx_dma_configure,
};

int h1x_ctx_bus_register(void)
{
	return bus_register(&h1x_ctx_bus);
}

void h1x_ctx_bus_unregister(void)
{
	bus_unregister(&h1x_ctx_bus);
}

static void h1x_ctx_release(struct device *dev)
{
	/* freed with the array in h1x_ctx_list_free() */
}

/* Called from the host1x_driver probe: only the logical device is locked. */
int h1x_ctx_list_init(struct h1x *h)
{
	struct device *host = &h->hdev->dev;
	struct device_node *node = host->parent ? host->parent->of_node : NULL;
	struct h1x_ctx *ctx;
	unsigned int i;
	int err;

	err = of_property_count_u32_elems(node, "iommu-map");
	if (err < 0)
		return 0;

	h->num_ctx = err / 4;
	h->ctxs = kcalloc(h->num_ctx, sizeof(*h->ctxs), GFP_KERNEL);
	if (!h->ctxs)
		return -ENOMEM;

	for (i = 0; i < h->num_ctx; i++) {
		ctx = &h->ctxs[i];
		ctx->h = h;
		ctx->id = i;

		device_initialize(&ctx->dev);
		ctx->dma_mask = DMA_BIT_MASK(38);
		ctx->dev.dma_mask = &ctx->dma_mask;
		ctx->dev.coherent_dma_mask = ctx->dma_mask;
		dev_set_name(&ctx->dev, "h1x-ctx.%u", i);
		ctx->dev.bus = &h1x_ctx_bus;
		ctx->dev.parent = host;
		ctx->dev.release = h1x_ctx_release;
		ctx->dev.dma_parms = &ctx->dma_parms;

		err = device_add(&ctx->dev);
		if (err) {
			put_device(&ctx->dev);
			goto unreg;
		}

		err = of_dma_configure_id(&ctx->dev, node, true, &ctx->id); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT: device-lock-required */
		if (err) {
			device_unregister(&ctx->dev);
			goto unreg;
		}
	}

	return 0;

unreg:
	while (i--)
		device_unregister(&h->ctxs[i].dev);
	kfree(h->ctxs);
	h->ctxs = NULL;
	h->num_ctx = 0;
	return err;
}

void h1x_ctx_list_free(struct h1x *h)
{
	unsigned int i;

	for (i = 0; i < h->num_ctx; i++)
		device_unregister(&h->ctxs[i].dev);

	kfree(h->ctxs);
	h->ctxs = NULL;
	h->num_ctx = 0;
}

int h1x_ctx_reconfigure(struct h1x *h, unsigned int i)
{
	struct device *host = &h->hdev->dev;
	struct device *cdev;
	int err;

	if (i >= h->num_ctx || !host->parent)
		return -EINVAL;

	cdev = &h->ctxs[i].dev;

	device_lock(cdev);
	err = of_dma_configure_id(cdev, host->parent->of_node, true, &h->ctxs[i].id); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */
	device_unlock(cdev);

	return err;
}

/* The "not registered" exit leaves the context device locked. */
int h1x_ctx_quiesce(struct h1x *h, unsigned int i)
{
	struct device *cdev;

	if (i >= h->num_ctx)
		return -EINVAL;

	cdev = &h->ctxs[i].dev;
	device_lock(cdev);

	if (!device_is_registered(cdev))
		return -ENODEV; /* EXPECT: lock-imbalance */

	pm_runtime_disable(cdev);
	device_unlock(cdev);

	return 0;
}

/* Same shape with a guard: every exit drops the lock. */
int h1x_ctx_resume(struct h1x *h, unsigned int i)
{
	struct device *cdev;

	if (i >= h->num_ctx)
		return -EINVAL;

	cdev = &h->ctxs[i].dev;
	guard(device)(cdev);

	if (!device_is_registered(cdev))
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */

	pm_runtime_enable(cdev);

	return 0;
}
