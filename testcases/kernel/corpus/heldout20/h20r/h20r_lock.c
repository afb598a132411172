// SPDX-License-Identifier: GPL-2.0
/*
 * h20r_lock.c - helpers that need the device lock, and lock wrappers.
 *
 *   h20r_route_locked()  _locked: caller holds device_lock(&rdev->dev)
 *   h20r_arm()           device_lock_assert(dev)
 *   h20r_quiesce()       kernel-doc Context: line
 */
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include "h20r.h"

#define H20R_NO_ROUTE	0xffffffff

static struct h20r_state *h20r_state_of(struct device *dev)
{
	if (dev->bus == &h20r_bus ||
	    (dev->driver && !strcmp(dev->driver->name, "h20r")))
		return dev_get_drvdata(dev);
	return NULL;
}

/* Caller holds device_lock(&rdev->dev). */
int h20r_route_locked(struct rio_dev *rdev)
{
	struct h20r_state *st = h20r_state_of(&rdev->dev);

	if (!st)
		return -ENODEV;
	st->route = rdev->destid;
	return 0;
}

/* The caller must hold device_lock(dev). */
void h20r_arm(struct device *dev)
{
	struct h20r_state *st = h20r_state_of(dev);

	device_lock_assert(dev);
	if (st)
		st->armed = 1;
}

/**
 * h20r_quiesce() - stop accepting doorbells and port-writes
 * @dev: the rio_dev's device or a lane device
 *
 * Context: Process context, device lock held.
 */
void h20r_quiesce(struct device *dev)
{
	struct h20r_state *st = h20r_state_of(dev);

	if (st) {
		st->armed = 0;
		st->stamp = jiffies;
	}
}

/* 0 with device_lock(&rdev->dev) held, or -EINTR without it. */
int h20r_lock_rdev(struct rio_dev *rdev)
{
	return device_lock_interruptible(&rdev->dev); /* EXPECT-NONE: lock-imbalance */
}

int h20r_load_routes(struct rio_dev *rdev, const u32 *routes, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		device_lock(&rdev->dev);
		if (routes[i] == H20R_NO_ROUTE) {
			device_unlock(&rdev->dev);
			return -EINVAL; /* EXPECT-NONE: lock-imbalance */
		}
		h20r_route_locked(rdev); /* EXPECT-NONE: device-lock-required */
		device_unlock(&rdev->dev);
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* h20r_load_routes() whose bad-entry exit keeps the lock of that round. */
int h20r_load_routes_leaky(struct rio_dev *rdev, const u32 *routes, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		device_lock(&rdev->dev);
		if (routes[i] == H20R_NO_ROUTE)
			return -EINVAL; /* EXPECT: lock-imbalance */
		h20r_route_locked(rdev);
		device_unlock(&rdev->dev);
	}
	return 0;
}
