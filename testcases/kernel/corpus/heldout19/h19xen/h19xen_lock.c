// SPDX-License-Identifier: GPL-2.0
/*
 * h19xen_lock.c: helpers with a device-lock contract and lock helpers.
 *
 * Contracts copied from 6.12: device_lock_assert() as in kill_device()
 * (drivers/base/core.c); a _locked name as cxl_decoder_add_locked()
 * (drivers/cxl/core/port.c); a Context: line as usb_set_configuration()
 * (drivers/usb/core/message.c).
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/errno.h>

#include "h19xen.h"

/* _locked name: caller holds device_lock(@dev) */
int h19xen_features_locked(struct device *dev, u32 features)
{
	if (!dev->driver)
		return -ENODEV;
	dev_dbg(dev, "features %#x\n", features);
	return 0;
}

/* assert, shape of kill_device() */
void h19xen_commit(struct device *dev)
{
	device_lock_assert(dev);
	dev_dbg(dev, "committed\n");
}

/**
 * h19xen_rearm - re-arm the frontend's or a ring's grant window
 * @dev: the device
 *
 * Context: Process context, device lock held.
 *
 * Return: 0 or -ENODEV.
 */
int h19xen_rearm(struct device *dev)
{
	if (!dev->driver)
		return -ENODEV;
	dev_dbg(dev, "re-armed\n");
	return 0;
}

/* Each case locks and unlocks on its own. */
int h19xen_switch_state(struct device *dev, int state)
{
	switch (state) {
	case 1:
		device_lock(dev);
		h19xen_commit(dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
		return 0;
	case 2:
		device_lock(dev);
		if (dev->driver)
			h19xen_commit(dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
		return dev->driver ? 0 : -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}
	return -EINVAL;
}

/* The same where case 2 returns from inside its locked region. */
int h19xen_switch_state_leaky(struct device *dev, int state)
{
	switch (state) {
	case 1:
		device_lock(dev);
		h19xen_commit(dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
		return 0;
	case 2:
		device_lock(dev);
		if (!dev->driver)
			return -ENODEV; /* EXPECT: lock-imbalance */
		h19xen_commit(dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
		return 0;
	}
	return -EINVAL;
}

/*
 * Shape of cxl_cor_error_detected() (drivers/cxl/core/ras.c): a return
 * inside scoped_guard(device, ...) releases the lock.
 */
int h19xen_sync_scoped(struct device *dev)
{
	scoped_guard(device, dev) {
		if (!dev->driver)
			return -ENODEV; /* EXPECT-NONE: lock-imbalance */
		h19xen_commit(dev); /* EXPECT-NONE: device-lock-required */
	}
	return 0;
}
