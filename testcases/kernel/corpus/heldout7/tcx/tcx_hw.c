// SPDX-License-Identifier: GPL-2.0
/*
 * tcx_hw.c - the pin-assignment and HPD helpers of tcx.  Their contracts
 * (an assert, a _locked name, a kernel-doc Context: line) are about the
 * device lock of the altmode device; their callers are in tcx_main.c and
 * tcx_ops.c.
 */
#include <linux/device.h>
#include <linux/usb/typec_altmode.h>

#include "tcx.h"

/*
 * tcx_pin_commit - program a DisplayPort-like pin assignment for @alt
 *
 * Asserts the lock as drivers/cxl/core/port.c's dport helpers do: the pin
 * assignment may only change while no driver can bind or unbind @alt.
 */
int tcx_pin_commit(struct typec_altmode *alt, u8 pins)
{
	struct tcx_altmode *tx = typec_altmode_get_drvdata(alt);

	device_lock_assert(&alt->dev);

	if (!tx)
		return -ENODEV;
	if (pins && !(pins & (BIT(2) | BIT(3) | BIT(4))))
		return -EINVAL;

	mutex_lock(&tx->lock);
	tx->pins = pins;
	mutex_unlock(&tx->lock);
	return 0;
}

/*
 * tcx_mux_apply_locked - set the port mux for the altmode device @dev
 *
 * Named as cxl/core/port.c:cxl_decoder_add_locked(): the caller holds
 * device_lock(@dev).
 */
int tcx_mux_apply_locked(struct device *dev, unsigned long conf)
{
	struct tcx_altmode *tx = dev_get_drvdata(dev);

	if (!tx)
		return -ENODEV;

	mutex_lock(&tx->lock);
	tx->status = conf;
	mutex_unlock(&tx->lock);
	return 0;
}

/**
 * tcx_hpd_report() - report the Hot Plug Detect level of @alt upstream
 * @alt: the altmode whose HPD changed
 * @hpd: the new level
 *
 * Shaped as drivers/usb/core/message.c:usb_set_configuration()'s contract.
 *
 * Context: Process context.  Caller holds the device lock of @alt.
 */
void tcx_hpd_report(struct typec_altmode *alt, bool hpd)
{
	struct tcx_altmode *tx = typec_altmode_get_drvdata(alt);

	if (!tx)
		return;

	mutex_lock(&tx->lock);
	tx->hpd = hpd;
	mutex_unlock(&tx->lock);
	dev_dbg(&alt->dev, "hpd %d\n", hpd);
}

/*
 * tcx_lock_alt - lock @alt for a user request
 *
 * Returns 0 holding device_lock(&alt->dev), or an error without it, as
 * device_lock_interruptible() and usb_lock_device_for_reset() do; a
 * function that returns with the lock exactly on success is not an
 * inconsistent return.
 */
int tcx_lock_alt(struct typec_altmode *alt)
{
	int ret;

	ret = device_lock_interruptible(&alt->dev);
	if (ret)
		return ret;

	if (!alt->ops) {
		/* the driver is going away */
		device_unlock(&alt->dev);
		return -ENODEV;
	}

	return 0; /* EXPECT-NONE: lock-imbalance */
}

void tcx_unlock_alt(struct typec_altmode *alt)
{
	device_unlock(&alt->dev);
}
