// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16pnp_y.c - the PNP driver proper: a real struct pnp_driver.
 *
 * pnp_driver slots (drivers/pnp/driver.c) and what the core holds:
 *   ->probe    from pnp_device_probe() = pnp_bus_type.probe, called by
 *              drivers/base/dd.c:really_probe(): device_lock(&pnp->dev) held.
 *   ->remove   from pnp_device_remove() = pnp_bus_type.remove, called by
 *              drivers/base/dd.c:device_remove() in __device_release_driver():
 *              device_lock(&pnp->dev) held.
 *   ->shutdown from pnp_device_shutdown() = pnp_bus_type.shutdown, called by
 *              drivers/base/core.c:device_shutdown(): device_lock(&pnp->dev)
 *              (and its parent's) held.  Children were shut down earlier;
 *              their locks are not held now.
 *   ->suspend  from __pnp_bus_suspend() (pnp_bus_dev_pm_ops .suspend/.freeze/
 *              .poweroff), called by drivers/base/power/main.c:device_suspend()
 *              between device_lock(dev) and device_unlock(dev).
 *   ->resume   from pnp_bus_resume() (.resume/.thaw/.restore), called by
 *              drivers/base/power/main.c:device_resume() under device_lock(dev).
 * The function devices created here are never locked by the core for any
 * of these PNP-device callbacks.
 */
#include <linux/acpi.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "h16pnp.h"

static void h16pnp_fn_release(struct device *dev)
{
	kfree(to_h16pnp_fn(dev));
}

/*
 * Add one function device below the PNP device, sharing its ACPI companion
 * (drivers/mfd/mfd-core.c:mfd_acpi_add_device), then give it its DMA
 * setup from the creator, as drivers/bcma/main.c:bcma_of_fill_device does
 * for the cores it allocates.  Called from ->probe: the PNP device is
 * locked, the new function is not unless this code locks it.
 */
static struct h16pnp_fn *h16pnp_fn_add(struct h16pnp_ctx *ctx, unsigned int i)
{
	struct pnp_dev *pnp = ctx->pnp;
	struct h16pnp_fn *fn;
	int ret;

	fn = kzalloc(sizeof(*fn), GFP_KERNEL);
	if (!fn)
		return ERR_PTR(-ENOMEM);

	fn->ctx = ctx;
	fn->index = i;
	fn->dma_chan = i == 0 ? ctx->dma_chan : -1;
	fn->dev.bus = &h16pnp_buses[H16PNP_BUS_LPC];
	fn->dev.parent = &pnp->dev;
	fn->dev.release = h16pnp_fn_release;
	device_initialize(&fn->dev);
	ACPI_COMPANION_SET(&fn->dev, ACPI_COMPANION(&pnp->dev));
	dev_set_name(&fn->dev, "%s.fn%u", dev_name(&pnp->dev), i);

	ret = device_add(&fn->dev);
	if (ret) {
		put_device(&fn->dev);
		return ERR_PTR(ret);
	}

	if (fn->dma_chan >= 0) {
		/* the ISA-DMA function: 24-bit, non-coherent */
		ret = acpi_dma_configure(&fn->dev, DEV_DMA_NON_COHERENT); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	} else {
		fn->stream_id = 0x100 + i;
		scoped_guard(device, &fn->dev)
			ret = acpi_dma_configure_id(&fn->dev, DEV_DMA_COHERENT, &fn->stream_id); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	}
	if (ret)
		dev_dbg(&fn->dev, "no DMA setup: %d\n", ret);

	return fn;
}

/*
 * ->probe (device_lock(&pnp->dev) held).  Shape:
 * drivers/parport/parport_pc.c:parport_pc_pnp_probe (pnp_dma() etc.); the
 * "dma-parent" re-pointing of the probed device follows
 * drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe.  The card
 * sibling is found as drivers/pnp/card.c:pnp_request_card_device walks a
 * card.
 */
static int h16pnp_probe(struct pnp_dev *pnp, const struct pnp_device_id *id)
{
	struct fwnode_handle *ref;
	struct h16pnp_ctx *ctx;
	struct pnp_dev *sib;
	unsigned int i;
	int ret = 0;

	ctx = devm_kzalloc(&pnp->dev, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;

	ctx->pnp = pnp;
	ctx->dma_chan = pnp_dma_valid(pnp, 0) ? pnp_dma(pnp, 0) : -1;
	INIT_WORK(&ctx->peer_work, h16pnp_peer_work);
	INIT_WORK(&ctx->peer_sync_work, h16pnp_peer_sync_work);
	pnp_set_drvdata(pnp, ctx);

	ref = fwnode_find_reference(dev_fwnode(&pnp->dev), "dma-parent", 0);
	if (!IS_ERR(ref)) {
		if (is_of_node(ref))
			ret = of_dma_configure(&pnp->dev, to_of_node(ref), true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		fwnode_handle_put(ref);
		if (ret)
			return ret;
	}

	ret = h16pnp_set_dma_chan(pnp, ctx->dma_chan); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	for (i = 0; i < H16PNP_MAX_FN; i++) {
		struct h16pnp_fn *fn = h16pnp_fn_add(ctx, i);

		ctx->fns[i] = IS_ERR(fn) ? NULL : fn;
	}

	if (pnp->card) {
		card_for_each_dev(pnp->card, sib) {
			if (sib != pnp) {
				ctx->peer = sib;
				get_device(&sib->dev);
				break;
			}
		}
	}
	if (ctx->peer)
		schedule_work(&ctx->peer_sync_work);
	return 0;
}

/* ->remove (device_lock(&pnp->dev) held). */
static void h16pnp_remove(struct pnp_dev *pnp)
{
	struct h16pnp_ctx *ctx = pnp_get_drvdata(pnp);
	struct device *d = &pnp->dev;
	struct pnp_dev *same = to_pnp_dev(d);
	unsigned int i;

	cancel_work_sync(&ctx->peer_work);
	cancel_work_sync(&ctx->peer_sync_work);
	h16pnp_set_dma_chan(same, -1); /* EXPECT-NONE: device-lock-required */

	for (i = 0; i < H16PNP_MAX_FN; i++)
		if (ctx->fns[i])
			device_unregister(&ctx->fns[i]->dev);
	if (ctx->peer)
		put_device(&ctx->peer->dev);
}

/*
 * ->shutdown (device_lock(&pnp->dev) held, the functions' locks not).
 * Shape: drivers/pnp/driver.c:pnp_device_shutdown's driver side.
 */
static void h16pnp_shutdown(struct pnp_dev *pnp)
{
	struct h16pnp_ctx *ctx = pnp_get_drvdata(pnp);
	struct h16pnp_fn *dma_fn = ctx->fns[0];

	if (dma_fn)
		h16pnp_fn_quiesce(&dma_fn->dev); /* EXPECT: device-lock-required */
}

/*
 * ->suspend (device_suspend() holds device_lock(&pnp->dev)).  The first
 * bound function is quiesced under its own lock, taken through
 * h16pnp_fn_lock_first_bound().
 */
static int h16pnp_suspend(struct pnp_dev *pnp, pm_message_t state)
{
	struct h16pnp_ctx *ctx = pnp_get_drvdata(pnp);
	struct h16pnp_fn *fn;

	fn = h16pnp_fn_lock_first_bound(ctx);
	if (fn) {
		h16pnp_fn_quiesce(&fn->dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(&fn->dev);
	}
	return 0;
}

/*
 * ->resume (device_resume() holds device_lock(&pnp->dev)).  Re-applies the
 * driver's own probed device's DMA setup from its ACPI companion (call form
 * of the ACPI branch of drivers/amba/bus.c:amba_dma_configure, but from a
 * driver callback on a device already bound), then lets the peer work
 * re-route the card sibling.
 */
static int h16pnp_resume(struct pnp_dev *pnp)
{
	struct h16pnp_ctx *ctx = pnp_get_drvdata(pnp);
	int ret = 0;

	if (ctx->dma_chan >= 0 && has_acpi_companion(&pnp->dev))
		ret = acpi_dma_configure(&pnp->dev, device_get_dma_attr(&pnp->dev)); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	if (ctx->peer)
		schedule_work(&ctx->peer_work);
	return ret;
}

static const struct pnp_device_id h16pnp_ids[] = {
	{ .id = "HXX1600" },
	{ .id = "HXX1601" },
	{ .id = "" },
};
MODULE_DEVICE_TABLE(pnp, h16pnp_ids);

struct pnp_driver h16pnp_driver = {
	.name		= "h16pnp",
	.id_table	= h16pnp_ids,
	.flags		= PNP_DRIVER_RES_DO_NOT_CHANGE,
	.probe		= h16pnp_probe,
	.remove		= h16pnp_remove,
	.shutdown	= h16pnp_shutdown,
	.suspend	= h16pnp_suspend,
	.resume		= h16pnp_resume,
};
