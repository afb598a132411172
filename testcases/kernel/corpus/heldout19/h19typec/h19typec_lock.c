// SPDX-License-Identifier: GPL-2.0
/*
 * h19typec_lock.c: helpers with a device-lock contract and lock helpers.
 *
 * Contracts copied from 6.12: device_lock_assert() as in kill_device()
 * (drivers/base/core.c); a _locked name as cxl_decoder_add_locked()
 * (drivers/cxl/core/port.c); a kernel-doc Context: line as
 * usb_set_configuration() (drivers/usb/core/message.c).
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/errno.h>

#include "h19typec.h"

/* _locked name: caller holds device_lock(@dev) */
int h19typec_mode_locked(struct device *dev, u32 conf)
{
	if (!dev->driver)
		return -ENODEV;
	dev_dbg(dev, "conf %#x\n", conf);
	return 0;
}

/* assert, shape of kill_device() */
void h19typec_commit(struct device *dev)
{
	device_lock_assert(dev);
	dev_dbg(dev, "committed\n");
}

/**
 * h19typec_rearm - re-arm the mode's DMA path
 * @dev: the altmode or engine device
 *
 * Context: Process context, device lock held.
 *
 * Return: 0 or -ENODEV.
 */
int h19typec_rearm(struct device *dev)
{
	if (!dev->driver)
		return -ENODEV;
	dev_dbg(dev, "re-armed\n");
	return 0;
}

/*
 * Shape of pci_dev_trylock() (drivers/pci/pci.c): 1 with the lock held,
 * 0 without: held exactly on success.
 */
int h19typec_trylock_bound(struct device *dev)
{
	if (device_trylock(dev)) {
		if (dev->driver)
			return 1; /* EXPECT-NONE: lock-imbalance */
		device_unlock(dev);
	}
	return 0;
}

/*
 * Shape of cxl_decoder_add() (drivers/cxl/core/port.c): guard(device)
 * then the _locked variant; every return releases the lock.
 */
int h19typec_set_conf(struct device *dev, u32 conf)
{
	guard(device)(dev);
	if (!conf)
		return -EINVAL; /* EXPECT-NONE: lock-imbalance */
	return h19typec_mode_locked(dev, conf); /* EXPECT-NONE: device-lock-required */
}

/*
 * The open-coded version that forgets the unlock on its -EINVAL exit:
 * that return holds device_lock(dev), the others do not.
 */
int h19typec_set_conf_leaky(struct device *dev, u32 conf)
{
	int ret;

	device_lock(dev);
	if (!conf)
		return -EINVAL; /* EXPECT: lock-imbalance */
	ret = h19typec_mode_locked(dev, conf); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return ret;
}
