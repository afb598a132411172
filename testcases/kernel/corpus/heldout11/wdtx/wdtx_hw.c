// SPDX-License-Identifier: GPL-2.0
/*
 * wdtx_hw.c - register helpers of the wdtx watchdog, each with a locking
 * contract on the platform device: device_lock_assert() (as
 * drivers/cxl/core/port.c's dport helpers), a _locked name (as
 * drivers/cxl/core/port.c:cxl_decoder_add_locked()), a kernel-doc Context:
 * line (as drivers/usb/core/message.c:usb_set_configuration()); and a lock
 * helper returning with the lock exactly on success, shaped on
 * drivers/usb/core/usb.c:usb_lock_device_for_reset().  Callers are in
 * wdtx_ops.c and wdtx_main.c.
 */
#include <linux/device.h>
#include "wdtx.h"

/* Program the bite counter; the caller holds device_lock(dev). */
int wdtx_hw_program(struct device *dev, unsigned int timeout)
{
	struct wdtx *wdt = dev_get_drvdata(dev);

	device_lock_assert(dev);

	if (!wdt)
		return -ENODEV;
	wdt->count = timeout;
	return 0;
}

/* Read the counter; device lock of @dev held by the caller. */
unsigned int wdtx_hw_read_locked(struct device *dev)
{
	struct wdtx *wdt = dev_get_drvdata(dev);

	return wdt ? wdt->count : 0;
}

/**
 * wdtx_hw_ack - acknowledge a bark
 * @dev: the watchdog's platform device
 *
 * Context: Process context.  Caller must hold the device lock of @dev.
 */
void wdtx_hw_ack(struct device *dev)
{
	struct wdtx *wdt = dev_get_drvdata(dev);

	if (wdt)
		wdt->barks = 0;
}

/**
 * wdtx_hw_lock - lock the watchdog's device unless it is going away
 * @wdt: the watchdog
 *
 * Return: 0 with device_lock(wdt->dev) held; a negative errno, without
 * it, if interrupted or if the device is going away.
 */
int wdtx_hw_lock(struct wdtx *wdt)
{
	int ret;

	ret = device_lock_interruptible(wdt->dev);
	if (ret)
		return ret;
	if (wdt->dying) {
		device_unlock(wdt->dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}
