// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16pnp_x.c - the private bus array, helpers with a locking contract and
 * module init.
 *
 * Bus callback slots and what drivers/base/ of 6.12 holds around them:
 *   .probe         drivers/base/dd.c:call_driver_probe() from really_probe(),
 *                  device_lock(dev) held by __device_attach()/__driver_attach().
 *   .remove        drivers/base/dd.c:device_remove() from
 *                  __device_release_driver(), device_lock(dev) held.
 *   .dma_configure drivers/base/dd.c:really_probe(), device_lock(dev) held.
 * Both elements of h16pnp_buses[] are registered with bus_register(); the
 * SIO element has no .probe, so really_probe() calls the driver's own
 * device_driver.probe, under the same lock.
 */
#include <linux/acpi.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "h16pnp.h"

static int h16pnp_match(struct device *dev, const struct device_driver *drv)
{
	if (of_driver_match_device(dev, drv))
		return 1;
	return strstr(dev_name(dev), drv->name) != NULL;
}

/* Slot: bus_type.probe of the LPC element (device_lock(dev) held). */
static int h16pnp_lpc_probe(struct device *dev)
{
	struct h16pnp_fn_driver *fdrv = to_h16pnp_fn_driver(dev->driver);

	h16pnp_fn_quiesce(dev); /* EXPECT-NONE: device-lock-required */
	return fdrv->probe(to_h16pnp_fn(dev));
}

/* Slot: bus_type.remove of the LPC element (device_lock(dev) held). */
static void h16pnp_lpc_remove(struct device *dev)
{
	struct h16pnp_fn_driver *fdrv = to_h16pnp_fn_driver(dev->driver);

	if (fdrv->remove)
		fdrv->remove(to_h16pnp_fn(dev));
}

/*
 * Static helper reached only from h16pnp_lpc_dma_configure().  Shape:
 * drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_dma_configure (ACPI branch with an
 * input id).
 */
static int h16pnp_lpc_dma_stream(struct device *dev, u32 sid)
{
	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &sid); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

/*
 * Slot: bus_type.dma_configure of the LPC element (really_probe(),
 * device_lock(dev) held).  Shape: drivers/pci/pci-driver.c:pci_dma_configure
 * (the bridge's node for OF; the device's ACPI companion - shared with the
 * PNP parent - for ACPI).
 */
static int h16pnp_lpc_dma_configure(struct device *dev)
{
	struct h16pnp_fn *fn = to_h16pnp_fn(dev);
	struct device *bridge = dev->parent;

	if (fn->stream_id)
		return h16pnp_lpc_dma_stream(dev, fn->stream_id);

	if (bridge && bridge->of_node)
		return of_dma_configure(dev, bridge->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	if (has_acpi_companion(dev))
		return acpi_dma_configure(dev, device_get_dma_attr(dev)); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	return 0;
}

/*
 * Slot: bus_type.dma_configure of the SIO element (really_probe(),
 * device_lock(dev) held).  Shape: drivers/cdx/cdx.c:cdx_dma_configure.
 */
static int h16pnp_sio_dma_configure(struct device *dev)
{
	struct fwnode_handle *fwnode = dev_fwnode(dev);
	u32 id;

	if (!is_of_node(fwnode))
		return 0;

	if (!fwnode_property_read_u32(fwnode, "h16,sio-id", &id))
		return of_dma_configure_id(dev, to_of_node(fwnode), true, &id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	return of_dma_configure(dev, to_of_node(fwnode), true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

const struct bus_type h16pnp_buses[H16PNP_NR_BUSES] = {
	[H16PNP_BUS_LPC] = {
		.name		= "h16pnp-lpc",
		.match		= h16pnp_match,
		.probe		= h16pnp_lpc_probe,
		.remove		= h16pnp_lpc_remove,
		.dma_configure	= h16pnp_lpc_dma_configure,
	},
	[H16PNP_BUS_SIO] = {
		.name		= "h16pnp-sio",
		.match		= h16pnp_match,
		.dma_configure	= h16pnp_sio_dma_configure,
	},
};
EXPORT_SYMBOL_GPL(h16pnp_buses);

/*
 * h16pnp_fn_quiesce - stop a function's DMA
 * @dev: the function device
 *
 * Tests dev->driver, so it asserts the device lock.  Shape:
 * drivers/cxl/core/port.c:decoder_populate_targets (device_lock_assert()).
 */
void h16pnp_fn_quiesce(struct device *dev)
{
	struct h16pnp_fn *fn = to_h16pnp_fn(dev);

	device_lock_assert(dev);
	if (dev->driver)
		fn->dma_chan = -1;
}

/**
 * h16pnp_set_dma_chan - route the bridge's ISA DMA channel to its functions
 * @pnp: the PNP device
 * @chan: channel from pnp_dma(), or -1 to disconnect
 *
 * Context: Process context. The caller holds the device lock of @pnp->dev;
 * pnp->driver and its driver data are only stable under that lock.
 *
 * Return: 0, or -ENODEV if @pnp is not (being) bound to this driver.
 */
int h16pnp_set_dma_chan(struct pnp_dev *pnp, int chan)
{
	struct h16pnp_ctx *ctx = pnp_get_drvdata(pnp);
	unsigned int i;

	if (!ctx || (pnp->driver && pnp->driver != &h16pnp_driver))
		return -ENODEV;

	ctx->dma_chan = chan;
	for (i = 0; i < H16PNP_MAX_FN; i++)
		if (ctx->fns[i])
			WRITE_ONCE(ctx->fns[i]->dma_chan, chan);
	return 0;
}

/*
 * h16pnp_fn_lock_first_bound - find the first bound function and lock it
 * @ctx: the bridge
 *
 * Return: the function with device_lock(&fn->dev) held, or NULL with
 * nothing held.  (Return-locked-on-success, as
 * drivers/pci/pci.c:pci_dev_trylock.)
 */
struct h16pnp_fn *h16pnp_fn_lock_first_bound(struct h16pnp_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < H16PNP_MAX_FN; i++) {
		struct h16pnp_fn *fn = ctx->fns[i];

		if (!fn)
			continue;
		device_lock(&fn->dev);
		if (fn->dev.driver)
			return fn; /* EXPECT-NONE: lock-imbalance */
		device_unlock(&fn->dev);
	}
	return NULL;
}

/*
 * h16pnp_fn_lock_by_chan - same contract as above for the function that
 * owns @chan; the unbound case returns NULL with that function still
 * locked.
 */
struct h16pnp_fn *h16pnp_fn_lock_by_chan(struct h16pnp_ctx *ctx, int chan)
{
	unsigned int i;

	for (i = 0; i < H16PNP_MAX_FN; i++) {
		struct h16pnp_fn *fn = ctx->fns[i];

		if (!fn)
			continue;
		device_lock(&fn->dev);
		if (fn->dma_chan == chan) {
			if (!fn->dev.driver)
				return NULL; /* EXPECT: lock-imbalance */
			return fn;
		}
		device_unlock(&fn->dev);
	}
	return NULL;
}

static int __init h16pnp_init(void)
{
	int i, ret;

	for (i = 0; i < H16PNP_NR_BUSES; i++) {
		ret = bus_register(&h16pnp_buses[i]);
		if (ret)
			goto err_buses;
	}

	ret = bus_register_notifier(&h16pnp_buses[H16PNP_BUS_SIO],
				    &h16pnp_sio_nb);
	if (ret)
		goto err_buses;

	ret = driver_register(&h16pnp_fn_driver.driver);
	if (ret)
		goto err_nb;

	ret = pnp_register_driver(&h16pnp_driver);
	if (ret)
		goto err_fn_drv;

	return 0;

err_fn_drv:
	driver_unregister(&h16pnp_fn_driver.driver);
err_nb:
	bus_unregister_notifier(&h16pnp_buses[H16PNP_BUS_SIO], &h16pnp_sio_nb);
	i = H16PNP_NR_BUSES;
err_buses:
	while (--i >= 0)
		bus_unregister(&h16pnp_buses[i]);
	return ret;
}

static void __exit h16pnp_exit(void)
{
	int i;

	pnp_unregister_driver(&h16pnp_driver);
	driver_unregister(&h16pnp_fn_driver.driver);
	bus_unregister_notifier(&h16pnp_buses[H16PNP_BUS_SIO], &h16pnp_sio_nb);
	for (i = H16PNP_NR_BUSES - 1; i >= 0; i--)
		bus_unregister(&h16pnp_buses[i]);
}

module_init(h16pnp_init);
module_exit(h16pnp_exit);

MODULE_DESCRIPTION("PNP LPC bridge with function bus (lock-rule corpus)");
MODULE_LICENSE("GPL");
