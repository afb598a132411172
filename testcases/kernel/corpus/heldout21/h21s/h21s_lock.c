// SPDX-License-Identifier: GPL-2.0
/*
 * h21s_lock.c - backplane core control helpers with a device-lock contract.
 * Callers live in h21s_main.c (bus core) and h21s_gige.c (core driver).
 *
 * Shapes copied from Linux 6.12:
 *   drivers/ssb/main.c: ssb_device_enable(), ssb_device_disable(),
 *	ssb_device_is_enabled(), ssb_flush_tmslow()
 *   drivers/bcma/core.c: bcma_core_enable(), bcma_core_disable()
 *
 * Core locking facts read in 6.12: the driver core never calls these.
 * include/linux/device.h: device_lock_assert() is
 * lockdep_assert_held(&dev->mutex); device_trylock() returns nonzero only
 * with the mutex taken.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/lockdep.h>

#include "h21s.h"

void h21s_core_enable(struct h21s_core *core, u32 flags)
{
	device_lock_assert(&core->dev);

	core->tmslow = H21S_TMSLOW_RESET | H21S_TMSLOW_CLOCK | flags;
	udelay(1);
	core->tmslow &= ~H21S_TMSLOW_RESET;
	core->enabled = true;
}

/*
 * h21s_core_disable_locked - put a core back into reset.
 * @dev: the core's struct device
 *
 * The caller must hold the device lock of @dev.
 */
void h21s_core_disable_locked(struct device *dev)
{
	struct h21s_core *core = to_h21s_core(dev);

	if (!core->enabled)
		return;
	core->tmslow = H21S_TMSLOW_RESET;
	udelay(1);
	core->enabled = false;
}

/**
 * h21s_core_set_stream() - program the backplane DMA stream id of a core
 * @dev: the core's struct device
 * @sid: the stream id
 *
 * Context: Process context. Caller must hold the device lock of @dev.
 * Return: 0, or -EINVAL for an out-of-range id.
 */
int h21s_core_set_stream(struct device *dev, u32 sid)
{
	struct h21s_core *core = to_h21s_core(dev);

	if (sid > 0xffff)
		return -EINVAL;
	core->stream_id = sid;
	return 0;
}

/*
 * Returns true with the core's lock held when the core is enabled; false,
 * lock not held, otherwise.
 */
bool h21s_core_trylock_enabled(struct h21s_core *core)
{
	if (!device_trylock(&core->dev))
		return false;
	if (!core->enabled) {
		device_unlock(&core->dev);
		return false;
	}
	return true; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Reset cycle of a core.  The stream-id error path drops the lock a
 * second time.
 */
int h21s_core_reset(struct h21s_core *core)
{
	struct device *dev = &core->dev;
	int ret;

	device_lock(dev);
	h21s_core_disable_locked(dev);
	ret = h21s_core_set_stream(dev, core->stream_id); /* EXPECT-NONE: device-lock-required */
	if (ret) {
		device_unlock(dev);
		goto err;
	}
	h21s_core_enable(core, 0);
	device_unlock(dev);
	return 0;

err:
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return ret;
}

/* Same reset cycle, unlocking exactly once on each path. */
int h21s_core_reset_fixed(struct h21s_core *core)
{
	struct device *dev = &core->dev;
	int ret;

	device_lock(dev);
	h21s_core_disable_locked(dev);
	ret = h21s_core_set_stream(dev, core->stream_id); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto err_unlock;
	h21s_core_enable(core, 0);

err_unlock:
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return ret;
}
