// SPDX-License-Identifier: GPL-2.0
/*
 * dmax channel helpers with device-lock contracts (_locked name,
 * lockdep_assert_held(&dev->mutex), kernel-doc Context: line), plus a
 * lock-on-success helper and an inconsistent-return bug.  Callers are in
 * dmax_bus.c and dmax_core.c.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/lockdep.h>

#include "dmax.h"

/* Contract by name. */
int dmax_chan_enable_locked(struct dmax_chan *dc)
{
	dc->enabled = true;
	return 0;
}

/* Contract by name; does not sleep, so it is also (wrongly) used from hard IRQ. */
void dmax_chan_ack_locked(struct dmax_chan *dc)
{
	dc->pending = false;
}

/* Contract by assert on the channel device's mutex. */
void dmax_chan_quiesce(struct dmax_chan *dc)
{
	lockdep_assert_held(&dc->dev.mutex);
	dc->enabled = false;
	dc->pending = false;
}

/**
 * dmax_ctrl_rescan() - re-read the channel map of the controller
 * @ctrl: controller
 *
 * Context: Caller holds the device lock of @ctrl->dev (device_lock()).
 */
void dmax_ctrl_rescan(struct dmax_ctrl *ctrl)
{
	ctrl->rescans++;
}

/*
 * Lock the channel device if a channel driver is bound to it.  Returns 0 with
 * device_lock(&dc->dev) held, -ENODEV without it; the same contract as
 * drivers/usb/core/hub.c:usb_lock_device_for_reset().
 */
int dmax_lock_chan(struct dmax_chan *dc)
{
	device_lock(&dc->dev);
	if (!dc->dev.driver) {
		device_unlock(&dc->dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* Inconsistent returns: the disabled-channel early return keeps the lock. */
void dmax_chan_set_prio(struct dmax_chan *dc, u32 prio)
{
	device_lock(&dc->dev);
	if (!dc->enabled)
		return; /* EXPECT: lock-imbalance */
	dc->prio = prio;
	device_unlock(&dc->dev);
}

/* Twin with guard(device): the early return drops the lock. */
void dmax_chan_set_prio_fixed(struct dmax_chan *dc, u32 prio)
{
	guard(device)(&dc->dev);
	if (!dc->enabled)
		return; /* EXPECT-NONE: lock-imbalance */
	dc->prio = prio;
}
