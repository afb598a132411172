// SPDX-License-Identifier: GPL-2.0-only
/*
 * gbx - locking helpers and the gbx function bus
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/greybus.h>
#include <linux/lockdep.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "gbx.h"

/**
 * gbx_bundle_sync_locked() - bring the bundle's cached state up to date
 * @bundle: the bundle
 *
 * Context: Process context. Caller holds device_lock(&@bundle->dev).
 * Return: 0 on success or a negative errno.
 */
int gbx_bundle_sync_locked(struct gb_bundle *bundle)
{
	struct gbx_dev *gdev = greybus_get_drvdata(bundle);

	device_lock_assert(&bundle->dev);

	if (!gdev)
		return -ENODEV;

	gdev->state = bundle->state ? *bundle->state : 0;
	return 0;
}

/**
 * gbx_hd_cport_setup_locked() - program a CPort in the host controller
 * @hd: the host device
 * @cport_id: host CPort
 * @on: enable or disable
 *
 * Context: Process context. Caller holds the device lock of @hd.
 * Return: 0 on success or a negative errno.
 */
int gbx_hd_cport_setup_locked(struct gb_host_device *hd, u16 cport_id,
			      bool on)
{
	struct gbx_host *host = (struct gbx_host *)hd->hd_priv;

	lockdep_assert_held(&hd->dev.mutex);

	if (cport_id >= GBX_NUM_CPORTS)
		return -EINVAL;

	if (on)
		set_bit(cport_id, &host->cports_live);
	else
		clear_bit(cport_id, &host->cports_live);
	return 0;
}

/**
 * gbx_fn_set_active_locked() - start or stop a function's stream
 * @fn: the function
 * @on: start or stop
 *
 * Context: Process context. Caller holds device_lock(&@fn->dev).
 * Return: 0.
 */
int gbx_fn_set_active_locked(struct gbx_fn *fn, bool on)
{
	device_lock_assert(&fn->dev);

	fn->active = on;
	return 0;
}

/**
 * gbx_fn_activate() - start a function after its bundle came back
 * @fn: the function
 *
 * Context: Process context. The device lock of @fn->dev must be held.
 * Return: 0 on success or a negative errno.
 */
int gbx_fn_activate(struct gbx_fn *fn)
{
	if (!fn->gdev->connection)
		return -ENOTCONN;

	return gbx_fn_set_active_locked(fn, true);	/* EXPECT-NONE: device-lock-required */
}

/**
 * gbx_hd_lock() - lock the host device a bundle hangs off
 * @bundle: the bundle
 *
 * Return: the host device with its device lock held, or NULL (nothing
 * held) once the host is being torn down.
 */
struct gb_host_device *gbx_hd_lock(struct gb_bundle *bundle)
{
	struct gb_host_device *hd = bundle->intf->hd;

	device_lock(&hd->dev);
	if (!device_is_registered(&hd->dev)) {
		device_unlock(&hd->dev);
		return NULL;
	}

	return hd;				/* EXPECT-NONE: lock-imbalance */
}

/**
 * gbx_bundle_trylock_bound() - trylock a bundle that still has its driver
 * @bundle: the bundle
 *
 * Return: true with device_lock(&@bundle->dev) held, false without.
 */
bool gbx_bundle_trylock_bound(struct gb_bundle *bundle)
{
	if (!device_trylock(&bundle->dev))
		return false;

	if (!bundle->dev.driver) {
		device_unlock(&bundle->dev);
		return false;
	}

	return true;				/* EXPECT-NONE: lock-imbalance */
}

/* ---- gbx function bus ---- */

static struct device *gbx_fn_host(struct gbx_fn *fn)
{
	return fn->gdev->bundle->intf->hd->dev.parent;
}

static int gbx_bus_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

static int gbx_bus_dma_configure(struct device *dev)
{
	struct gbx_fn *fn = to_gbx_fn(dev);
	struct device *host = gbx_fn_host(fn);
	u32 id = fn->stream;

	if (dev_of_node(host))
		return of_dma_configure_id(dev, host->of_node, true, &id);	/* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */

	return acpi_dma_configure_id(dev, device_get_dma_attr(host), &id);	/* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */
}

static int gbx_bus_probe(struct device *dev)
{
	return gbx_fn_set_active_locked(to_gbx_fn(dev), true);	/* EXPECT-NONE: device-lock-required */
}

static void gbx_bus_remove(struct device *dev)
{
	gbx_fn_set_active_locked(to_gbx_fn(dev), false);	/* EXPECT-NONE: device-lock-required */
}

static const struct bus_type gbx_bus = {
	.name		= "gbx",
	.match		= gbx_bus_match,
	.probe		= gbx_bus_probe,
	.remove		= gbx_bus_remove,
	.dma_configure	= gbx_bus_dma_configure,
};

static struct device_driver gbx_fn_driver = {
	.name	= "gbx-stream",
	.bus	= &gbx_bus,
};

static void gbx_fn_release(struct device *dev)
{
	kfree(to_gbx_fn(dev));
}

struct gbx_fn *gbx_fn_create(struct gbx_dev *gdev)
{
	struct gb_bundle *bundle = gdev->bundle;
	struct gbx_fn *fn;
	int ret;

	fn = kzalloc(sizeof(*fn), GFP_KERNEL);
	if (!fn)
		return ERR_PTR(-ENOMEM);

	fn->gdev = gdev;
	fn->stream = (bundle->intf->interface_id << 8) | bundle->id;
	fn->dev.parent = &bundle->dev;
	fn->dev.bus = &gbx_bus;
	fn->dev.release = gbx_fn_release;
	dev_set_name(&fn->dev, "%s.stream", dev_name(&bundle->dev));

	ret = device_register(&fn->dev);
	if (ret) {
		put_device(&fn->dev);
		return ERR_PTR(ret);
	}

	return fn;
}

void gbx_fn_destroy(struct gbx_fn *fn)
{
	device_unregister(&fn->dev);
}

int gbx_bus_init(void)
{
	int ret;

	ret = bus_register(&gbx_bus);
	if (ret)
		return ret;

	ret = driver_register(&gbx_fn_driver);
	if (ret)
		bus_unregister(&gbx_bus);

	return ret;
}

void gbx_bus_exit(void)
{
	driver_unregister(&gbx_fn_driver);
	bus_unregister(&gbx_bus);
}
