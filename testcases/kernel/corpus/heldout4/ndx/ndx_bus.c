// SPDX-License-Identifier: GPL-2.0
/*
 * ndx core: bus_type callbacks, the notify path that takes the device lock
 * around the driver's ->notify (as nd_device_notify()), unregistration
 * (as nd_device_unregister()), a command path (as __nd_ioctl()), and the
 * helpers that require the device lock of their argument.
 */
#include <linux/module.h>
#include <linux/async.h>
#include <linux/acpi.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include "ndx.h"

static ASYNC_DOMAIN_EXCLUSIVE(ndx_async_domain);

/**
 * ndx_claim() - mark a namespace claimed by its driver
 * @ndev: the namespace
 *
 * Imitates drivers/base/core.c:kill_device(): dev->driver and the claim
 * state change only under the device lock, which it asserts.
 */
int ndx_claim(struct ndx_dev *ndev)
{
	device_lock_assert(&ndev->dev);
	if (ndev->claimed)
		return -EBUSY;
	ndev->claimed = true;
	return 0;
}

/**
 * ndx_set_size_locked() - resize a namespace
 * @ndev: the namespace
 * @size: new size
 *
 * As drivers/cxl/core/port.c:cxl_decoder_add_locked(): expects the device
 * lock of @ndev to be held (the name says so); it does not take it.
 */
int ndx_set_size_locked(struct ndx_dev *ndev, u64 size)
{
	if (ndev->active && size)
		return -EBUSY;
	ndev->size = size;
	return 0;
}

/**
 * ndx_activate() - bring a namespace online
 * @ndev: the namespace
 *
 * Context: Process context. Caller holds the device lock of @ndev.
 */
int ndx_activate(struct ndx_dev *ndev)
{
	if (!ndev->size)
		return -ENXIO;
	ndev->active = true;
	return 0;
}

/*
 * drivers/nvdimm/bus.c:wait_nvdimm_bus_probe_idle(): called with the
 * device lock held; drops it while it sleeps and takes it back.
 */
void ndx_wait_probe_idle(struct device *dev)
{
	struct ndx_bus *bus = to_ndx_dev(dev)->bus;

	device_lock_assert(dev);
	do {
		if (bus->probe_active == 0)
			break;
		device_unlock(dev);
		wait_event(bus->wait, bus->probe_active == 0);
		device_lock(dev); /* EXPECT-NONE: lock-imbalance */
	} while (true);
}

/*
 * Returns holding the device lock exactly when it returns 0, as
 * device_lock_interruptible() itself (drivers/usb/core/sysfs.c:
 * supports_autosuspend_show() uses it this way).
 */
int ndx_lock_interruptible(struct ndx_dev *ndev)
{
	return device_lock_interruptible(&ndev->dev); /* EXPECT-NONE: lock-imbalance */
}

static int ndx_bus_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

/*
 * drivers/nvdimm/bus.c:nvdimm_bus_probe(): bus_type.probe, which
 * really_probe() calls holding device_lock(dev).
 */
static int ndx_bus_probe(struct device *dev)
{
	struct ndx_driver *drv = to_ndx_driver(dev->driver);
	struct ndx_dev *ndev = to_ndx_dev(dev);
	int rc;

	rc = ndx_claim(ndev); /* EXPECT-NONE: device-lock-required */
	if (rc)
		return rc;
	return drv->probe(ndev);
}

/*
 * nvdimm_bus_remove(): bus_type.remove, called by
 * device_release_driver_internal() under device_lock(dev).
 */
static void ndx_bus_remove(struct device *dev)
{
	struct ndx_driver *drv = to_ndx_driver(dev->driver);
	struct ndx_dev *ndev = to_ndx_dev(dev);

	if (drv->remove)
		drv->remove(ndev);
	ndx_set_size_locked(ndev, 0); /* EXPECT-NONE: device-lock-required */
	ndev->claimed = false;
}

/*
 * A static helper with no contract of its own, reached only from the
 * bus's dma_configure below (drivers/cdx/cdx.c:cdx_dma_configure()'s
 * call, split out).
 */
static int ndx_dma_setup(struct device *dev, struct device_node *np)
{
	return of_dma_configure(dev, np, true); /* EXPECT-NONE: dma-configure-outside-bus @ndxdma */
}

/*
 * bus_type.dma_configure: really_probe() calls it under device_lock(dev)
 * before ->probe, paired with ->dma_cleanup.  The ACPI branch as
 * drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_dma_configure().
 */
static int ndx_dma_configure(struct device *dev)
{
	struct device *parent = dev->parent;

	if (parent && dev_of_node(parent))
		return ndx_dma_setup(dev, parent->of_node); /* EXPECT-NONE: dma-configure-outside-bus @ndxdma */
	if (parent && has_acpi_companion(parent))
		return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, NULL); /* EXPECT-NONE: dma-configure-outside-bus */
	return 0;
}

const struct bus_type ndx_bus_type = {
	.name = "ndx",
	.match = ndx_bus_match,
	.probe = ndx_bus_probe,
	.remove = ndx_bus_remove,
	.dma_configure = ndx_dma_configure,
};

/*
 * drivers/nvdimm/bus.c:nd_device_notify(): the core of this bus takes the
 * device lock around the driver's ->notify, so that the driver cannot
 * unbind under it.
 */
void ndx_device_notify(struct device *dev, enum ndx_event event)
{
	device_lock(dev);
	if (dev->driver) {
		struct ndx_driver *drv = to_ndx_driver(dev->driver);

		if (drv->notify)
			drv->notify(to_ndx_dev(dev), event);
	}
	device_unlock(dev);
}

/*
 * nd_async_device_unregister(): an async_schedule_domain() callback runs
 * in a kthread that holds no lock.  Calling kill_device() (which asserts
 * device_lock) from here misses the lock.
 */
static void ndx_async_unregister(void *d, async_cookie_t cookie)
{
	struct device *dev = d;

	if (!kill_device(dev)) /* EXPECT: device-lock-required */
		return;
	device_unregister(dev);
	put_device(dev);
}

/* The twin: the same async callback, the lock taken by guard(device). */
static void ndx_async_unregister_locked(void *d, async_cookie_t cookie)
{
	struct device *dev = d;
	bool killed;

	{
		guard(device)(dev);
		killed = kill_device(dev); /* EXPECT-NONE: device-lock-required */
	}
	if (killed)
		device_unregister(dev);
	put_device(dev);
}

/*
 * drivers/nvdimm/bus.c:nd_device_unregister(): the ND_SYNC arm claims the
 * kill state under device_lock(); the async arms hand off.
 */
void ndx_device_unregister(struct device *dev, enum ndx_async_mode mode)
{
	bool killed;

	switch (mode) {
	case NDX_ASYNC:
		get_device(dev);
		if (to_ndx_dev(dev)->active)
			async_schedule_domain(ndx_async_unregister_locked, dev,
					      &ndx_async_domain);
		else
			async_schedule_domain(ndx_async_unregister, dev,
					      &ndx_async_domain);
		break;
	case NDX_SYNC:
		device_lock(dev);
		killed = kill_device(dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
		if (!killed)
			return;
		async_synchronize_full_domain(&ndx_async_domain);
		device_unregister(dev);
		break;
	}
}

/*
 * drivers/nvdimm/bus.c:__nd_ioctl(): device_lock() of the target, every
 * failure after it unwinds through out_unlock.
 */
int ndx_bus_cmd(struct ndx_bus *bus, struct ndx_dev *ndev, unsigned int cmd)
{
	struct device *dev = ndev ? &ndev->dev : &bus->dev;
	void *buf;
	int rc;

	buf = kzalloc(64, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	device_lock(dev);
	if (bus->probe_active) {
		rc = -EBUSY;
		goto out_unlock;
	}
	rc = cmd > 16 ? -EINVAL : 0;
	if (rc)
		goto out_unlock;
	rc = 0;
out_unlock:
	device_unlock(dev);
	kfree(buf);
	return rc; /* EXPECT-NONE: lock-imbalance */
}

/*
 * The positive twin: one failure returns straight out, keeping the lock
 * that the other returns drop (Smatch's inconsistent returns).
 */
int ndx_bus_cmd_fast(struct ndx_bus *bus, struct ndx_dev *ndev, unsigned int cmd)
{
	struct device *dev = ndev ? &ndev->dev : &bus->dev;
	int rc = 0;

	device_lock(dev);
	if (bus->probe_active)
		return -EBUSY; /* EXPECT: lock-imbalance */
	if (cmd > 16)
		rc = -EINVAL;
	device_unlock(dev);
	return rc;
}

int ndx_driver_register(struct ndx_driver *drv)
{
	drv->drv.bus = &ndx_bus_type;
	return driver_register(&drv->drv);
}

void ndx_driver_unregister(struct ndx_driver *drv)
{
	driver_unregister(&drv->drv);
}

static int __init ndx_init(void)
{
	int rc;

	rc = bus_register(&ndx_bus_type);
	if (rc)
		return rc;
	rc = ndx_region_init();
	if (rc)
		bus_unregister(&ndx_bus_type);
	return rc;
}

static void __exit ndx_exit(void)
{
	ndx_region_exit();
	bus_unregister(&ndx_bus_type);
}

module_init(ndx_init);
module_exit(ndx_exit);
MODULE_DESCRIPTION("held-out corpus: nvdimm-like private bus");
MODULE_LICENSE("GPL");
