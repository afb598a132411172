// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_pcie memory contexts: devices embedded in the driver's state,
 * added and then given the DMA configuration of a node, as
 * host1x_memory_context_list_init() does (drivers/gpu/host1x/context.c).
 */
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include "pcie.h"

static void xpci_ctx_release(struct device *dev)
{
}

static int xpci_ctx_init(struct xpci *priv, struct xpci_ctx *ctx, u32 id)
{
	device_initialize(&ctx->dev);
	ctx->id = id;
	ctx->dma_mask = DMA_BIT_MASK(38);
	ctx->dev.dma_mask = &ctx->dma_mask;
	ctx->dev.coherent_dma_mask = ctx->dma_mask;
	ctx->dev.parent = &priv->pdev->dev;
	ctx->dev.release = xpci_ctx_release;
	return dev_set_name(&ctx->dev, "xpci-ctx.%u", id);
}

int xpci_ctx_add_all(struct xpci *priv, struct device_node *np)
{
	int err;

	for (u32 i = 0; i < XPCI_NCTX; i++) {
		struct xpci_ctx *ctx = &priv->ctx[i];

		err = xpci_ctx_init(priv, ctx, i);
		if (!err)
			err = device_add(&ctx->dev);
		if (err) {
			put_device(&ctx->dev);
			return err;
		}
		/* the parent is locked (we are in its probe), the context is not */
		err = of_dma_configure_id(&ctx->dev, np, true, &i); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
		if (err) {
			device_unregister(&ctx->dev);
			return err;
		}
	}
	return 0;
}

int xpci_ctx_add_secure(struct xpci *priv, struct device_node *np)
{
	int err;

	for (u32 i = 0; i < XPCI_NCTX; i++) {
		struct xpci_ctx *ctx = &priv->ctx[i];
		struct device *d = &ctx->dev;

		err = xpci_ctx_init(priv, ctx, i);
		if (!err)
			err = device_add(d);
		if (err) {
			put_device(d);
			return err;
		}
		device_lock(d);
		err = of_dma_configure_id(&ctx->dev, np, true, &i); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
		if (!err)
			xpci_reg_commit(&ctx->dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(d);
		/* the lock is already dropped */
		xpci_reg_commit(d); /* EXPECT: device-lock-required */
		if (err) {
			device_unregister(d);
			return err;
		}
	}
	return 0;
}
