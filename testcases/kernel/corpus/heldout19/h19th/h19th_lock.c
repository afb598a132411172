// SPDX-License-Identifier: GPL-2.0
/*
 * h19th_lock.c: helpers with a device-lock contract and lock helpers.
 *
 * Contracts copied from 6.12: device_lock_assert() as in kill_device()
 * (drivers/base/core.c); a _locked name as cxl_decoder_add_locked()
 * (drivers/cxl/core/port.c); a Context: line as usb_set_configuration()
 * (drivers/usb/core/message.c).
 *
 * The pair helpers lock the parent then the device, the order of
 * device_shutdown() (drivers/base/core.c) and of __driver_attach() with
 * bus->need_parent_lock (drivers/base/dd.c).  Output devices of the trace
 * hub always have a parent (the GTH switch, intel_th_output_enable()).
 */
#include <linux/device.h>
#include <linux/errno.h>

#include "h19th.h"

/* _locked name: caller holds device_lock(@dev) */
int h19th_mode_locked(struct device *dev, u32 mode)
{
	if (!dev->driver)
		return -ENODEV;
	dev_dbg(dev, "mode %u\n", mode);
	return 0;
}

/* assert, shape of kill_device() */
void h19th_commit(struct device *dev)
{
	device_lock_assert(dev);
	dev_dbg(dev, "committed\n");
}

/**
 * h19th_rearm - re-arm an output or sink for a new trace window
 * @dev: the device
 *
 * Context: Process context, device lock held.
 *
 * Return: 0 or -ENODEV.
 */
int h19th_rearm(struct device *dev)
{
	if (!dev->driver)
		return -ENODEV;
	dev_dbg(dev, "re-armed\n");
	return 0;
}

/* Parent then device, both released on every exit. */
int h19th_lock_pair(struct device *dev)
{
	struct device *parent = dev->parent;
	int ret = 0;

	device_lock(parent);
	device_lock(dev);
	if (!dev->driver)
		ret = -ENODEV;
	else
		h19th_commit(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	device_unlock(parent);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/*
 * The same where the early exit drops the device's lock but forgets the
 * parent's: that return holds device_lock(parent), the last one does not.
 */
int h19th_lock_pair_leaky(struct device *dev)
{
	struct device *parent = dev->parent;

	device_lock(parent);
	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV; /* EXPECT: lock-imbalance */
	}
	h19th_commit(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	device_unlock(parent);
	return 0;
}

/*
 * Trylock of both, shape of pci_dev_trylock() (drivers/pci/pci.c):
 * returns 1 holding both locks, 0 holding none.
 */
int h19th_trylock_pair(struct device *dev)
{
	if (!device_trylock(dev->parent))
		return 0;
	if (!device_trylock(dev)) {
		device_unlock(dev->parent);
		return 0;
	}
	return 1; /* EXPECT-NONE: lock-imbalance */
}
