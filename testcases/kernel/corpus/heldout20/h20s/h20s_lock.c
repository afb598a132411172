// SPDX-License-Identifier: GPL-2.0
/*
 * h20s_lock.c - helpers that need the device lock, and lock wrappers.
 *
 *   h20s_push_locked()  _locked: caller holds device_lock(&sdev->dev)
 *   h20s_latch()        device_lock_assert(dev)
 *   h20s_reload()       kernel-doc Context: line
 */
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include "h20s.h"

static struct h20s_state *h20s_state_of(struct device *dev)
{
	if (dev->bus == &h20s_bus ||
	    (dev->driver && !strcmp(dev->driver->name, "h20s")))
		return dev_get_drvdata(dev);
	return NULL;
}

/* Caller holds device_lock(&sdev->dev). */
int h20s_push_locked(struct siox_device *sdev)
{
	struct h20s_state *st = h20s_state_of(&sdev->dev);

	if (!st)
		return -ENODEV;
	st->latches++;
	return st->out;
}

/* The caller must hold device_lock(dev). */
void h20s_latch(struct device *dev)
{
	struct h20s_state *st = h20s_state_of(dev);

	device_lock_assert(dev);
	if (st)
		st->in = st->out;
}

/**
 * h20s_reload() - reload the output image from the cached state
 * @dev: the siox device or one of its banks
 *
 * Context: Process context, device lock held.
 */
void h20s_reload(struct device *dev)
{
	struct h20s_state *st = h20s_state_of(dev);

	if (st)
		st->stamp = jiffies;
}

/* True with device_lock(&sdev->dev) held, false without it. */
bool h20s_trylock(struct siox_device *sdev)
{
	return device_trylock(&sdev->dev); /* EXPECT-NONE: lock-imbalance */
}

/* 0 with device_lock(&sdev->dev) held and the module connected; else no lock. */
int h20s_lock_connected(struct siox_device *sdev)
{
	device_lock(&sdev->dev);
	if (!siox_device_connected(sdev)) {
		device_unlock(&sdev->dev);
		return -ENOTCONN; /* EXPECT-NONE: lock-imbalance */
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

int h20s_relatch(struct siox_device *sdev)
{
	device_lock(&sdev->dev);
	if (h20s_push_locked(sdev) < 0) { /* EXPECT-NONE: device-lock-required */
		device_unlock(&sdev->dev); /* EXPECT-NONE: lock-imbalance */
		return -EIO;
	}
	h20s_latch(&sdev->dev);
	device_unlock(&sdev->dev);
	return 0;
}

/* h20s_relatch() with the error path's unlock mistyped as a second lock. */
int h20s_relatch_typo(struct siox_device *sdev)
{
	device_lock(&sdev->dev);
	if (h20s_push_locked(sdev) < 0) {
		device_lock(&sdev->dev); /* EXPECT: lock-imbalance @h20s_typo */
		return -EIO; /* EXPECT: lock-imbalance @h20s_typo */
	}
	h20s_latch(&sdev->dev);
	device_unlock(&sdev->dev);
	return 0;
}
