/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v4l2x: a CSI-2 capture bridge (platform driver) that waits for an I2C
 * camera sensor through a V4L2 async notifier, with an ISP companion found
 * by phandle.
 */
#ifndef _V4L2X_H
#define _V4L2X_H

#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>
#include <media/v4l2-async.h>
#include <media/v4l2-device.h>
#include <media/v4l2-subdev.h>
#include <media/videobuf2-core.h>

struct v4l2x_bridge {
	struct device *dev;		/* &pdev->dev: the probed device */
	struct v4l2_device v4l2_dev;
	struct v4l2_async_notifier notifier;
	struct v4l2_subdev *sensor;
	struct vb2_queue queue;
	struct mutex lock;		/* the video node's queue lock */
	struct platform_device *isp;	/* foreign: found by phandle */
	struct work_struct err_work;
	u32 status;
};

struct v4l2x_sensor {
	struct i2c_client *client;
	struct v4l2_subdev sd;
	u32 mode;
	bool streaming;
};

/* v4l2x_lib.c: helpers with a lock contract */
void v4l2x_bridge_program(struct v4l2x_bridge *b);
int v4l2x_sensor_write_mode(struct v4l2x_sensor *s, struct i2c_client *client);
int v4l2x_stream_attach(struct device *dev);

/* v4l2x_sensor.c */
extern struct i2c_driver v4l2x_sensor_driver;

#endif /* _V4L2X_H */
