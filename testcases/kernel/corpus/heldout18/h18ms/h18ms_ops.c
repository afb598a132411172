// SPDX-License-Identifier: GPL-2.0
/*
 * h18ms_ops.c - media helpers that need the card's device lock, and the
 * lock helpers of the driver.
 *
 * Contract styles imitated (linux 6.12):
 *   device_lock_assert()   drivers/base/core.c:kill_device
 *   *_locked name          drivers/cxl/core/port.c:cxl_decoder_add_locked
 *   "Context:" kernel-doc  drivers/usb/core/message.c:usb_set_configuration
 *   trylock with an early way out:
 *                          drivers/base/dd.c:__driver_attach (device_lock),
 *                          include/linux/device.h:device_trylock
 */
#include <linux/device.h>
#include <linux/memstick.h>
#include "h18ms.h"

void h18ms_media_init(struct device *dev)
{
	struct h18ms *ms = dev_get_drvdata(dev);

	device_lock_assert(dev);
	ms->dirty = false;
}

/**
 * h18ms_media_check - tell whether the media in the slot is still ours
 * @dev: the card device
 *
 * Context: Process context. Caller holds the device lock of @dev.
 *
 * Return: 1 when it is the same media, 0 otherwise.
 */
int h18ms_media_check(struct device *dev)
{
	struct h18ms *ms = dev_get_drvdata(dev);

	return !ms->removing;
}

void h18ms_media_stop_locked(struct device *dev)
{
	struct h18ms *ms = dev_get_drvdata(dev);

	ms->dirty = false;
}

int h18ms_media_flush_locked(struct device *dev)
{
	struct h18ms *ms = dev_get_drvdata(dev);

	if (!ms->dirty)
		return 0;
	ms->dirty = false;
	return 1;
}

/* ---- lock helpers ---- */

void h18ms_lock_card(struct h18ms *ms)
{
	device_lock(ms->dev); /* EXPECT-NONE: lock-imbalance */
}

void h18ms_unlock_card(struct h18ms *ms)
{
	device_unlock(ms->dev); /* EXPECT-NONE: lock-imbalance */
}

/* leaky: the read-only case returns 0 with the lock still held */
int h18ms_set_ro(struct device *dev, bool ro)
{
	struct h18ms *ms = dev_get_drvdata(dev);

	if (!device_trylock(dev)) /* EXPECT: lock-imbalance @ms_setro */
		return -EBUSY; /* EXPECT-NONE: lock-imbalance */
	ms->read_only = ro;
	if (ro)
		return 0; /* EXPECT: lock-imbalance @ms_setro */
	h18ms_media_flush_locked(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* the same, every locked path through the unlock */
int h18ms_set_ro_checked(struct device *dev, bool ro)
{
	struct h18ms *ms = dev_get_drvdata(dev);

	if (!device_trylock(dev)) /* EXPECT-NONE: lock-imbalance @ms_setrook */
		return -EBUSY; /* EXPECT-NONE: lock-imbalance @ms_setrook */
	ms->read_only = ro;
	if (!ro)
		h18ms_media_flush_locked(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return 0; /* EXPECT-NONE: lock-imbalance @ms_setrook */
}
