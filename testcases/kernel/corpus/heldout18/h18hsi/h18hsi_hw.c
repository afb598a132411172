// SPDX-License-Identifier: GPL-2.0
/*
 * h18hsi_hw.c - link helpers that need the client's device lock, and
 * the lock helpers the rest of the driver uses.
 *
 * Contract styles imitated (linux 6.12):
 *   device_lock_assert()   drivers/base/core.c:kill_device,
 *                          drivers/xen/xen-pciback/pci_stub.c:pcistub_put_pci_dev
 *   *_locked name          drivers/cxl/core/port.c:cxl_decoder_add_locked
 *   "Context:" kernel-doc  drivers/usb/core/message.c:usb_set_configuration
 *                          ("Caller holds device lock.")
 */
#include <linux/device.h>
#include <linux/hsi/hsi.h>
#include "h18hsi.h"

void h18hsi_hw_setup(struct device *dev)
{
	struct h18hsi *h = dev_get_drvdata(dev);

	device_lock_assert(dev);
	h->mode = 0;
	h->awake = false;
}

void h18hsi_hw_wake(struct device *dev, bool on)
{
	struct h18hsi *h = dev_get_drvdata(dev);

	device_lock_assert(dev);
	h->awake = on;
}

/* name says it: the caller holds device_lock(dev) */
int h18hsi_hw_kick_locked(struct device *dev)
{
	struct h18hsi *h = dev_get_drvdata(dev);

	if (!h->awake)
		return -EAGAIN;
	return hsi_start_tx(h->cl);
}

/**
 * h18hsi_hw_set_mode - switch the link between frame and stream mode
 * @dev: the HSI client device
 * @mode: 0 for stream, 1 for frame
 *
 * Context: Process context, might sleep. Caller holds the device lock of @dev.
 *
 * Return: 0 or a negative errno from hsi_setup().
 */
int h18hsi_hw_set_mode(struct device *dev, unsigned int mode)
{
	struct h18hsi *h = dev_get_drvdata(dev);

	h->mode = mode;
	h->cl->tx_cfg.mode = mode ? HSI_MODE_FRAME : HSI_MODE_STREAM;
	return hsi_setup(h->cl);
}

void h18hsi_hw_shutdown_locked(struct device *dev)
{
	struct h18hsi *h = dev_get_drvdata(dev);

	h->awake = false;
	hsi_flush(h->cl);
}

/* the companion must not be rebound under us: its lock is held */
void h18hsi_hw_detach_companion(struct device *companion)
{
	device_lock_assert(companion);
	dev_dbg(companion, "h18hsi companion detached\n");
}

/* ---- lock helpers ---- */

/* leaky trylock: an unbound device returns false but stays locked */
bool h18hsi_trylock_bound(struct device *dev)
{
	if (!device_trylock(dev)) /* EXPECT: lock-imbalance @hsi_trybound */
		return false; /* EXPECT-NONE: lock-imbalance */
	if (!dev->driver)
		return false; /* EXPECT: lock-imbalance @hsi_trybound */
	return true; /* EXPECT-NONE: lock-imbalance */
}

/* correct trylock: held exactly when it returns true */
bool h18hsi_trylock_ready(struct device *dev)
{
	if (!device_trylock(dev)) /* EXPECT-NONE: lock-imbalance @hsi_tryready */
		return false; /* EXPECT-NONE: lock-imbalance @hsi_tryready */
	if (!dev->driver) {
		device_unlock(dev);
		return false; /* EXPECT-NONE: lock-imbalance @hsi_tryready */
	}
	return true; /* EXPECT-NONE: lock-imbalance @hsi_tryready */
}
