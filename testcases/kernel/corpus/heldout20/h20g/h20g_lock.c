// SPDX-License-Identifier: GPL-2.0
/*
 * h20g_lock.c - helpers that need the device lock of their device (or of
 * the gameport's struct device), and wrappers that take it.
 *
 *   h20g_set_mode()       asserts device_lock(&gp->dev)
 *   h20g_rescan_locked()  _locked: caller holds device_lock(dev)
 *   h20g_flush_axes()     kernel-doc Context: line
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include "h20g.h"

static struct h20g_state *h20g_state_of(struct device *dev)
{
	if (dev->bus == &h20g_bus ||
	    (dev->driver && !strcmp(dev->driver->name, "h20g")))
		return dev_get_drvdata(dev);
	return NULL;
}

/* The caller must hold device_lock(&gp->dev). */
void h20g_set_mode(struct gameport *gp, int mode)
{
	struct h20g_state *st = h20g_state_of(&gp->dev);

	device_lock_assert(&gp->dev);
	if (st)
		st->mode = mode;
}

/* Caller holds device_lock(dev). */
int h20g_rescan_locked(struct device *dev)
{
	struct h20g_state *st = h20g_state_of(dev);

	if (!st)
		return -ENODEV;
	st->axes = 0;
	return 0;
}

/**
 * h20g_flush_axes() - forget the cached axis readings
 * @dev: the gameport's or a joystick port's device
 *
 * Context: Any context that may sleep, device lock held.
 */
void h20g_flush_axes(struct device *dev)
{
	struct h20g_state *st = h20g_state_of(dev);

	if (st) {
		st->axes = 0;
		st->stamp = jiffies;
	}
}

/* Returns &gp->dev locked, or NULL without any lock taken. */
struct device *h20g_trylock_port(struct gameport *gp)
{
	if (!device_trylock(&gp->dev))
		return NULL; /* EXPECT-NONE: lock-imbalance */
	return &gp->dev; /* EXPECT-NONE: lock-imbalance */
}

int h20g_apply_mode(struct gameport *gp, int mode)
{
	guard(device)(&gp->dev);
	if (mode < 0)
		return -EINVAL; /* EXPECT-NONE: lock-imbalance */
	h20g_set_mode(gp, mode); /* EXPECT-NONE: device-lock-required */
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* h20g_apply_mode() written by hand, with a forgotten unlock. */
int h20g_apply_mode_leaky(struct gameport *gp, int mode)
{
	device_lock(&gp->dev);
	if (mode < 0)
		return -EINVAL; /* EXPECT: lock-imbalance */
	h20g_set_mode(gp, mode);
	device_unlock(&gp->dev);
	return 0;
}

/* The early exit jumps past device_lock() to a label that unlocks. */
int h20g_resync(struct gameport *gp)
{
	int ret = 0;

	if (!gp->drv)
		goto out;
	device_lock(&gp->dev);
	ret = h20g_rescan_locked(&gp->dev);
out:
	device_unlock(&gp->dev); /* EXPECT: lock-imbalance */
	return ret;
}

int h20g_resync_fixed(struct gameport *gp)
{
	int ret = 0;

	if (!gp->drv)
		goto out;
	device_lock(&gp->dev);
	ret = h20g_rescan_locked(&gp->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&gp->dev); /* EXPECT-NONE: lock-imbalance */
out:
	return ret;
}
