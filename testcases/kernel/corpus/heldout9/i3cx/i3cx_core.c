// SPDX-License-Identifier: GPL-2.0
/*
 * i3cx helpers shared by the controller (i3cx_master.c) and the client
 * driver (i3cx_sensor.c): helpers with a device-lock contract, and the
 * controller's transfer lock helpers.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/module.h>

#include "i3cx.h"

/**
 * i3cx_ctrl_set_speed - reprogram the SCL rate of the controller
 * @ctrl_dev: the controller's platform device
 * @hz: new rate, 0 to gate the clock
 *
 * Context: Process context. Caller holds the device lock of @ctrl_dev,
 * which keeps the controller bound while the rate changes.
 *
 * Return: 0 on success, -ENODEV if no driver is bound.
 */
int i3cx_ctrl_set_speed(struct device *ctrl_dev, unsigned long hz)
{
	struct i3cx_master *m = dev_get_drvdata(ctrl_dev);

	if (!ctrl_dev->driver || !m)
		return -ENODEV;
	m->speed_hz = hz;
	return 0;
}

/* the contract is an assert on the device kept in the struct */
void i3cx_ctrl_clear_pending(struct i3cx_master *m)
{
	device_lock_assert(m->dev);
	m->hj_enabled = false;
	m->last_cmd = 0;
}

/*
 * _locked: the caller holds device_lock(&i3cdev->dev); the output data
 * rate belongs to the bound driver (i3cdev->dev.driver).
 */
int i3cx_sensor_set_odr_locked(struct i3c_device *i3cdev, u32 odr)
{
	struct i3cx_sensor *s = i3cdev_get_drvdata(i3cdev);

	if (!s)
		return -ENODEV;
	s->odr = odr;
	return 0;
}

void i3cx_sensor_set_ibi_mask(struct device *dev, u8 mask)
{
	struct i3cx_sensor *s = dev_get_drvdata(dev);

	device_lock_assert(dev);
	s->ibi_mask = mask;
}

/*
 * Returns 0 with m->xfer_lock held, -EINTR without it: the lock is kept
 * exactly on success, as mutex_lock_interruptible().
 */
int i3cx_xfer_begin(struct i3cx_master *m)
{
	if (mutex_lock_interruptible(&m->xfer_lock))
		return -EINTR;
	return 0; /* EXPECT-NONE: lock-imbalance */
}

void i3cx_xfer_end(struct i3cx_master *m)
{
	mutex_unlock(&m->xfer_lock);
}

/*
 * CCC broadcast loop, shaped on dw-i3c-master.c:dw_i3c_ccc_set(): the
 * lock is taken per command; a bad command returns from inside the loop
 * with the lock held while the other returns hold nothing.
 */
int i3cx_ctrl_send_all(struct i3cx_master *m, const u8 *cmds, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		mutex_lock(&m->xfer_lock);
		if (cmds[i] == 0xff)
			return -EINVAL; /* EXPECT: lock-imbalance */
		m->last_cmd = cmds[i];
		mutex_unlock(&m->xfer_lock);
	}
	return 0;
}

/* twin: the same loop with scoped_guard(), which unlocks on return */
int i3cx_ctrl_send_all_guarded(struct i3cx_master *m, const u8 *cmds, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		scoped_guard(mutex, &m->xfer_lock) {
			if (cmds[i] == 0xff)
				return -EINVAL; /* EXPECT-NONE: lock-imbalance */
			m->last_cmd = cmds[i];
		}
	}
	return 0;
}

static int __init i3cx_init(void)
{
	int ret;

	ret = i3cx_master_init();
	if (ret)
		return ret;
	ret = i3cx_sensor_init();
	if (ret)
		i3cx_master_exit();
	return ret;
}

static void __exit i3cx_exit(void)
{
	i3cx_sensor_exit();
	i3cx_master_exit();
}

module_init(i3cx_init);
module_exit(i3cx_exit);
MODULE_DESCRIPTION("heldout9 i3cx: I3C controller and client");
MODULE_LICENSE("GPL");
