// SPDX-License-Identifier: GPL-2.0
/*
 * h20i_lock.c - helpers whose contract is that the caller holds the device
 * lock of their device argument, and wrappers that take that lock.
 *
 * Three ways of stating the contract are used:
 *   h20i_apply_cfg()     device_lock_assert(dev) in its body
 *   h20i_commit_locked() the _locked suffix (caller holds device_lock(dev))
 *   h20i_sync_state()    a kernel-doc Context: line
 */
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include "h20i.h"

/* Only this module's devices carry a struct h20i_state as drvdata. */
static struct h20i_state *h20i_state_of(struct device *dev)
{
	if (dev->bus == &h20i_bus ||
	    (dev->driver && !strcmp(dev->driver->name, "h20i")))
		return dev_get_drvdata(dev);
	return NULL;
}

/* The caller must hold device_lock(dev). */
void h20i_apply_cfg(struct device *dev, u32 cfg)
{
	struct h20i_state *st = h20i_state_of(dev);

	device_lock_assert(dev);
	if (st)
		st->cfg = cfg;
}

/* Caller holds device_lock(dev); copies the pending config to the chip. */
int h20i_commit_locked(struct device *dev)
{
	struct h20i_state *st = h20i_state_of(dev);

	if (!st)
		return -ENODEV;
	st->committed = st->cfg;
	return 0;
}

/**
 * h20i_sync_state() - stamp the cached configuration as written
 * @dev: the client or sub-channel device
 *
 * Context: Process context, device lock held.
 */
void h20i_sync_state(struct device *dev)
{
	struct h20i_state *st = h20i_state_of(dev);

	if (st)
		st->stamp = jiffies;
}

/* Returns with device_lock(dev) held, always; paired with h20i_unlock(). */
void h20i_lock(struct device *dev)
{
	device_lock(dev); /* EXPECT-NONE: lock-imbalance */
}

void h20i_unlock(struct device *dev)
{
	device_unlock(dev);
}

/*
 * Returns 0 holding device_lock(dev) with a driver bound, or an error
 * without the lock (interrupted, or nothing bound).
 */
int h20i_lock_intr(struct device *dev)
{
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret; /* EXPECT-NONE: lock-imbalance */
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* Returns true holding device_lock(dev) with a driver bound, false without it. */
bool h20i_trylock_bound(struct device *dev)
{
	if (!device_trylock(dev))
		return false;
	if (!dev->driver) {
		device_unlock(dev);
		return false; /* EXPECT-NONE: lock-imbalance */
	}
	return true; /* EXPECT-NONE: lock-imbalance */
}

int h20i_update_cfg(struct device *dev, u32 cfg)
{
	int ret;

	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}
	h20i_apply_cfg(dev, cfg); /* EXPECT-NONE: device-lock-required */
	ret = h20i_commit_locked(dev);
	device_unlock(dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/* Same as h20i_update_cfg(), but the unbound case forgets to unlock. */
int h20i_update_cfg_leaky(struct device *dev, u32 cfg)
{
	int ret;

	device_lock(dev);
	if (!dev->driver)
		return -ENODEV; /* EXPECT: lock-imbalance */
	h20i_apply_cfg(dev, cfg);
	ret = h20i_commit_locked(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return ret;
}
