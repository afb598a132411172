// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_xbus locking: a lock taken in a loop and dropped on all but one
 * early return; guards in a loop; a claim helper that returns holding the
 * lock on success only (the device_lock_interruptible() contract that
 * drivers/usb/core/sysfs.c relies on), used right and wrong.
 */
#include <linux/device.h>
#include "xbus.h"

int xbus_offline_all(struct device **devs, int n)
{
	for (int i = 0; i < n; i++) {
		device_lock(devs[i]);
		if (devs[i]->offline_disabled)
			return -EPERM; /* EXPECT: lock-imbalance */
		if (!devs[i]->driver) {
			device_unlock(devs[i]);
			return -EPERM;
		}
		xbus_sync(devs[i]); /* EXPECT-NONE: device-lock-required */
		device_unlock(devs[i]);
		xbus_sync(devs[i]); /* EXPECT: device-lock-required */
	}
	return 0;
}

int xbus_online_all(struct device **devs, int n)
{
	for (int i = 0; i < n; i++) {
		scoped_guard(device, devs[i]) {
			if (devs[i]->offline_disabled)
				return -EPERM; /* EXPECT-NONE: lock-imbalance */
			xbus_sync(devs[i]); /* EXPECT-NONE: device-lock-required */
		}
	}
	return 0;
}

/* 0 with the port's lock held; an error without it. */
int xbus_claim_port(struct device *port)
{
	int ret = device_lock_interruptible(port);

	if (ret)
		return ret;
	if (!port->driver) {
		device_unlock(port);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

void xbus_release_port(struct device *port)
{
	device_unlock(port); /* EXPECT-NONE: lock-imbalance */
}

int xbus_port_reset(struct device *port)
{
	int ret = xbus_claim_port(port);

	if (ret)
		return ret;
	xbus_sync(port); /* EXPECT-NONE: device-lock-required */
	xbus_release_port(port);
	return 0;
}

int xbus_port_kick(struct device *port)
{
	int ret = xbus_claim_port(port);

	if (ret)
		dev_dbg(port, "claim failed: %d\n", ret);
	xbus_sync(port); /* EXPECT: device-lock-required */
	if (!ret)
		xbus_release_port(port);
	return ret;
}
