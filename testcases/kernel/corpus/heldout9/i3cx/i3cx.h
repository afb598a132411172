/* SPDX-License-Identifier: GPL-2.0 */
/*
 * i3cx: an I3C master controller (platform driver + i3c_master_controller_ops,
 * shaped on drivers/i3c/master/dw-i3c-master.c and svc-i3c-master.c) and an
 * I3C client driver with IBIs (i3c_driver, shaped on drivers/net/mctp/
 * mctp-i3c.c and drivers/iio/imu/st_lsm6dsx/st_lsm6dsx_i3c.c) of Linux 6.12.
 */
#ifndef _I3CX_H
#define _I3CX_H

#include <linux/device.h>
#include <linux/i3c/device.h>
#include <linux/i3c/master.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct i3cx_master {
	struct i3c_master_controller base;
	struct device *dev;		/* &pdev->dev, kept by probe */
	struct mutex xfer_lock;
	struct work_struct hj_work;
	struct work_struct speed_work;
	unsigned long speed_hz;
	bool hj_enabled;
	u8 last_cmd;
};

#define to_i3cx_master(m)	container_of(m, struct i3cx_master, base)

struct i3cx_sensor {
	struct i3c_device *i3cdev;
	struct device *dev;		/* &i3cdev->dev, kept by probe */
	struct mutex data_lock;
	struct work_struct odr_work;
	struct delayed_work poll_work;
	struct timer_list wd_timer;
	struct dentry *dbg;
	u32 odr;
	u8 ibi_mask;
	u8 fifo[8];
};

/* i3cx_core.c: helpers with a device-lock contract */
int i3cx_ctrl_set_speed(struct device *ctrl_dev, unsigned long hz);
void i3cx_ctrl_clear_pending(struct i3cx_master *m);
int i3cx_sensor_set_odr_locked(struct i3c_device *i3cdev, u32 odr);
void i3cx_sensor_set_ibi_mask(struct device *dev, u8 mask);

/* i3cx_core.c: transfer lock helpers */
int i3cx_xfer_begin(struct i3cx_master *m);
void i3cx_xfer_end(struct i3cx_master *m);
int i3cx_ctrl_send_all(struct i3cx_master *m, const u8 *cmds, int n);
int i3cx_ctrl_send_all_guarded(struct i3cx_master *m, const u8 *cmds, int n);

/* i3cx_master.c / i3cx_sensor.c */
int i3cx_master_init(void);
void i3cx_master_exit(void);
int i3cx_sensor_init(void);
void i3cx_sensor_exit(void);

#endif /* _I3CX_H */
