// SPDX-License-Identifier: GPL-2.0
/*
 * h19serio_lock.c: helpers with a device-lock contract and lock helpers.
 *
 * The contract helpers copy the three ways 6.12 states that a function
 * wants device_lock() held:
 *   - an assert: kill_device() (drivers/base/core.c) starts with
 *     device_lock_assert(dev);
 *   - a _locked name: cxl_decoder_add_locked() (drivers/cxl/core/port.c),
 *     which cxl_decoder_add() calls under guard(device)(&port->dev);
 *   - a kernel-doc Context: line: usb_set_configuration()
 *     (drivers/usb/core/message.c, "Caller holds device lock") and
 *     cxl_decoder_add_locked() ("Expects the device lock ... to be held").
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/errno.h>

#include "h19serio.h"

/* _locked name: the caller holds device_lock(@dev). */
int h19serio_route_locked(struct device *dev, u32 route)
{
	if (!dev->driver)
		return -ENODEV;
	dev_dbg(dev, "route %u\n", route);
	return 0;
}

/* assert: shape of kill_device(), drivers/base/core.c */
void h19serio_commit_window(struct device *dev)
{
	device_lock_assert(dev);
	dev_dbg(dev, "window committed\n");
}

/**
 * h19serio_rebind_window - re-arm the DMA window of a port or window device
 * @dev: the device
 *
 * Context: Process context, device lock held.
 *
 * Return: 0, or -ENODEV when no driver is bound.
 */
int h19serio_rebind_window(struct device *dev)
{
	if (!dev->driver)
		return -ENODEV;
	dev_dbg(dev, "window re-armed\n");
	return 0;
}

/*
 * Shape of pci_dev_trylock() (drivers/pci/pci.c): returns 1 holding the
 * lock, 0 without it: holds it exactly on success, not an imbalance.
 */
int h19serio_port_trylock(struct device *dev, bool ready)
{
	if (device_trylock(dev)) {
		if (ready)
			return 1; /* EXPECT-NONE: lock-imbalance */
		device_unlock(dev);
	}

	return 0;
}

/*
 * Shape of device_lock_interruptible() callers that hand the lock back
 * to their caller on success only (include/linux/device.h); returns 0
 * holding the lock, an error without it.
 */
int h19serio_lock_interruptible(struct device *dev)
{
	int ret = device_lock_interruptible(dev);

	if (ret)
		return ret;
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Shape of __device_attach() (drivers/base/dd.c): device_lock(), every
 * early exit goes through out_unlock.
 */
int h19serio_set_route(struct device *dev, u32 route)
{
	int ret = 0;

	device_lock(dev);
	if (!dev->driver) {
		ret = -ENODEV;
		goto out_unlock;
	}
	/* device_lock(dev) taken two lines up */
	ret = h19serio_route_locked(dev, route); /* EXPECT-NONE: device-lock-required */
out_unlock:
	device_unlock(dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/*
 * The same with the goto dropped: the !driver exit returns with
 * device_lock(dev) held while the other exit releases it.
 */
int h19serio_set_route_leaky(struct device *dev, u32 route)
{
	int ret;

	device_lock(dev);
	if (!dev->driver)
		return -ENODEV; /* EXPECT: lock-imbalance */
	ret = h19serio_route_locked(dev, route); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return ret;
}

/*
 * Shape of cxl_mem_sanitize() (drivers/cxl/core/mbox.c): guard(device)
 * releases the lock on every return.
 */
int h19serio_sync_guarded(struct device *dev)
{
	guard(device)(dev);
	if (!dev->driver)
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	h19serio_commit_window(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}
