// SPDX-License-Identifier: GPL-2.0
/*
 * ishx bus core: bus_type callbacks, client device creation, the reset and
 * event paths that call into client drivers, and helpers whose callers must
 * hold the client's device lock.
 */
#include <linux/acpi.h>
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "ishx.h"

static int ishx_bus_match(struct device *dev, const struct device_driver *drv)
{
	/* one client kind per driver name, as ishtp_cl_bus_match() by uuid */
	return !strncmp(dev_name(dev), drv->name, strlen(drv->name));
}

/*
 * bus_type.probe, as ishtp/bus.c:ishtp_cl_device_probe(): the driver core
 * calls it from really_probe() (drivers/base/dd.c) with device_lock(dev)
 * held (__device_attach() or __driver_attach()).
 */
static int ishx_bus_probe(struct device *dev)
{
	struct ishx_cl_device *cl = to_ishx_cl(dev);
	const struct ishx_cl_driver *drv = to_ishx_cl_driver(dev->driver);

	if (!drv->probe)
		return -ENODEV;
	return drv->probe(cl);
}

/*
 * bus_type.remove, as ishtp/bus.c:ishtp_cl_device_remove(): called from
 * device_release_driver_internal() with device_lock(dev) held.
 */
static void ishx_bus_remove(struct device *dev)
{
	struct ishx_cl_device *cl = to_ishx_cl(dev);
	const struct ishx_cl_driver *drv = to_ishx_cl_driver(dev->driver);

	cl->event_cb = NULL;
	cancel_work_sync(&cl->event_work);
	if (drv->remove)
		drv->remove(cl);
}

/*
 * bus_type.dma_configure, shaped as drivers/amba/bus.c:amba_dma_configure():
 * really_probe() calls it with device_lock(dev) held, before ->probe.
 */
static int ishx_bus_dma_configure(struct device *dev)
{
	struct ishx_cl_device *cl = to_ishx_cl(dev);
	enum dev_dma_attr attr;
	int ret = 0;

	if (dev->of_node) {
		ret = of_dma_configure(dev, dev->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	} else if (has_acpi_companion(dev)) {
		attr = acpi_get_dma_attr(to_acpi_device_node(dev->fwnode));
		ret = acpi_dma_configure(&cl->dev, attr); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	}
	return ret;
}

const struct bus_type ishx_bus_type = {
	.name		= "ishx",
	.match		= ishx_bus_match,
	.probe		= ishx_bus_probe,
	.remove		= ishx_bus_remove,
	.dma_configure	= ishx_bus_dma_configure,
};

int ishx_cl_driver_register(struct ishx_cl_driver *drv)
{
	drv->driver.bus = &ishx_bus_type;
	drv->driver.owner = THIS_MODULE;
	return driver_register(&drv->driver);
}

void ishx_cl_driver_unregister(struct ishx_cl_driver *drv)
{
	driver_unregister(&drv->driver);
}

static void ishx_cl_release(struct device *dev)
{
	kfree(to_ishx_cl(dev));
}

/* as ishtp/bus.c:ishtp_bus_event_work(): no lock around ->event_cb */
static void ishx_bus_event_work(struct work_struct *work)
{
	struct ishx_cl_device *cl = container_of(work, struct ishx_cl_device,
						 event_work);

	if (cl->event_cb)
		cl->event_cb(cl);
}

void ishx_bus_rx_event(struct ishx_cl_device *cl)
{
	if (cl && cl->event_cb)
		schedule_work(&cl->event_work);
}

static struct ishx_cl_device *ishx_cl_alloc(struct ishx_host *host, u32 id)
{
	struct ishx_cl_device *cl;

	cl = kzalloc(sizeof(*cl), GFP_KERNEL);
	if (!cl)
		return NULL;

	device_initialize(&cl->dev);
	cl->host = host;
	cl->id = id;
	cl->dev.parent = host->dev;
	cl->dev.bus = &ishx_bus_type;
	cl->dev.release = ishx_cl_release;
	cl->dma_mask = DMA_BIT_MASK(32);
	cl->dev.dma_mask = &cl->dma_mask;
	cl->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	INIT_WORK(&cl->event_work, ishx_bus_event_work);
	INIT_LIST_HEAD(&cl->node);
	return cl;
}

/*
 * A client created here and configured for DMA from the host's node before
 * device_add(), as drivers/staging/vc04_services/interface/vchiq_arm/
 * vchiq_bus.c:vchiq_device_register() and drivers/bcma/main.c:
 * bcma_of_fill_device().  The caller (ishx_host.c) holds host->cl_lock, a
 * plain mutex; nobody holds the new device's lock.
 */
struct ishx_cl_device *ishx_bus_add_device(struct ishx_host *host, u32 id)
{
	struct ishx_cl_device *cl;
	int ret;

	lockdep_assert_held(&host->cl_lock);

	cl = ishx_cl_alloc(host, id);
	if (!cl)
		return ERR_PTR(-ENOMEM);

	dev_set_name(&cl->dev, "ishx-sensor.%u", id);
	ret = of_dma_configure(&cl->dev, host->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (ret)
		goto err_put;

	ret = device_add(&cl->dev);
	if (ret)
		goto err_put;

	list_add_tail(&cl->node, &host->clients);
	return cl;

err_put:
	put_device(&cl->dev);
	return ERR_PTR(ret);
}

/*
 * The twin: a fixed client whose DMA set-up is done with its device lock
 * taken, as the driver core would hold it around bus_type.dma_configure.
 */
struct ishx_cl_device *ishx_bus_add_fixed_device(struct ishx_host *host, u32 id)
{
	struct ishx_cl_device *cl;
	int ret;

	lockdep_assert_held(&host->cl_lock);

	cl = ishx_cl_alloc(host, id);
	if (!cl)
		return ERR_PTR(-ENOMEM);

	dev_set_name(&cl->dev, "ishx-hid.%u", id);
	scoped_guard(device, &cl->dev)
		ret = of_dma_configure(&cl->dev, host->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	if (ret)
		goto err_put;

	ret = device_add(&cl->dev);
	if (ret)
		goto err_put;

	list_add_tail(&cl->node, &host->clients);
	return cl;

err_put:
	put_device(&cl->dev);
	return ERR_PTR(ret);
}

void ishx_bus_remove_device(struct ishx_cl_device *cl)
{
	list_del(&cl->node);
	device_unregister(&cl->dev);
}

/*
 * As ishtp/bus.c:ishtp_bus_remove_all_clients(dev, true) ->
 * ishtp_cl_device_reset(): each bound client's ->reset is called from the
 * host's reset work with host->cl_lock held and no device lock.
 */
void ishx_bus_reset_all(struct ishx_host *host)
{
	struct ishx_cl_device *cl;

	mutex_lock(&host->cl_lock);
	list_for_each_entry(cl, &host->clients, node) {
		const struct ishx_cl_driver *drv;

		cl->event_cb = NULL;
		cancel_work_sync(&cl->event_work);
		if (!cl->dev.driver)
			continue;
		drv = to_ishx_cl_driver(cl->dev.driver);
		if (drv->reset)
			drv->reset(cl);
	}
	mutex_unlock(&host->cl_lock);
}

/*
 * Requires the client's device lock, asserted, as the dport helpers of
 * drivers/cxl/core/port.c (device_lock_assert(&port->dev)).
 */
int ishx_cl_set_mode(struct ishx_cl_device *cl, u32 mode)
{
	device_lock_assert(&cl->dev);

	if (mode > ISHX_MODE_BUSY)
		return -EINVAL;
	cl->mode = mode;
	return 0;
}

/*
 * _locked: the caller holds device_lock(&cl->dev), as
 * drivers/cxl/core/port.c:cxl_decoder_add_locked().
 */
void ishx_cl_flush_locked(struct ishx_cl_device *cl)
{
	cl->active = false;
	cl->mode = ISHX_MODE_OFF;
}

/**
 * ishx_cl_rebind - announce a client again after a firmware reset
 * @cl: the client device
 *
 * Context: Process context, may sleep.  Caller holds the device lock of
 * @cl (device_lock(&cl->dev)).
 *
 * Return: 0, or -ENODEV if no driver is bound.
 */
int ishx_cl_rebind(struct ishx_cl_device *cl)
{
	if (!cl->dev.driver)
		return -ENODEV;
	cl->active = true;
	cl->mode = ISHX_MODE_ON;
	return 0;
}

/*
 * Returns 0 with device_lock(&cl->dev) held when the client is active, an
 * error without the lock: the contract of drivers/usb/core/usb.c:
 * usb_lock_device_for_reset().
 */
int ishx_cl_lock_active(struct ishx_cl_device *cl)
{
	if (!READ_ONCE(cl->active))
		return -ENODEV;

	device_lock(&cl->dev);
	if (!cl->active) {
		device_unlock(&cl->dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Quiesce one client before a firmware update.  The BUSY error return
 * keeps the device lock that every other return drops (Smatch's
 * inconsistent returns).
 */
int ishx_bus_suspend_client(struct ishx_cl_device *cl)
{
	device_lock(&cl->dev);
	if (!cl->dev.driver) {
		device_unlock(&cl->dev);
		return 0;
	}
	if (cl->mode == ISHX_MODE_BUSY)
		return -EBUSY; /* EXPECT: lock-imbalance */

	ishx_cl_flush_locked(cl); /* EXPECT-NONE: device-lock-required */
	device_unlock(&cl->dev);
	return 0;
}

/* The twin: every path leaves through the one unlock. */
int ishx_bus_resume_client(struct ishx_cl_device *cl)
{
	int ret = 0;

	device_lock(&cl->dev); /* EXPECT-NONE: lock-imbalance */
	if (!cl->dev.driver)
		goto out;
	if (cl->mode == ISHX_MODE_BUSY) {
		ret = -EBUSY;
		goto out;
	}
	cl->active = true;
out:
	device_unlock(&cl->dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

static int __init ishx_init(void)
{
	int ret;

	ret = bus_register(&ishx_bus_type);
	if (ret)
		return ret;
	ret = ishx_client_init();
	if (ret)
		goto err_bus;
	ret = ishx_host_init();
	if (ret)
		goto err_client;
	return 0;

err_client:
	ishx_client_exit();
err_bus:
	bus_unregister(&ishx_bus_type);
	return ret;
}

static void __exit ishx_exit(void)
{
	ishx_host_exit();
	ishx_client_exit();
	bus_unregister(&ishx_bus_type);
}

module_init(ishx_init);
module_exit(ishx_exit);
MODULE_DESCRIPTION("corpus: ishtp-like private bus");
MODULE_LICENSE("GPL");
