// SPDX-License-Identifier: GPL-2.0
/*
 * v4l2x: the I2C camera sensor subdev, shaped on drivers/media/i2c/imx219.c
 * (imx219_probe(), imx219_set_stream(), imx219 runtime PM) and
 * drivers/media/i2c/ov5640.c (ov5640_s_stream()).
 */
#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <media/v4l2-async.h>
#include <media/v4l2-subdev.h>

#include "v4l2x.h"

static struct v4l2x_sensor *to_sensor(struct v4l2_subdev *sd)
{
	return container_of(sd, struct v4l2x_sensor, sd);
}

/*
 * v4l2_subdev_video_ops.s_stream: v4l2-subdev.c:call_s_stream() from the
 * bridge's start_streaming (VIDIOC_STREAMON, under the bridge's queue
 * mutex only); nobody holds the sensor's device lock.
 */
static int v4l2x_s_stream(struct v4l2_subdev *sd, int enable)
{
	struct v4l2x_sensor *s = to_sensor(sd);
	int ret = 0;

	if (enable)
		ret = v4l2x_sensor_write_mode(s, s->client); /* EXPECT: device-lock-required */
	if (!ret)
		s->streaming = enable;
	return ret;
}

static const struct v4l2_subdev_video_ops v4l2x_video_ops = {
	.s_stream	= v4l2x_s_stream,
};

static const struct v4l2_subdev_ops v4l2x_subdev_ops = {
	.video		= &v4l2x_video_ops,
};

/*
 * Runtime PM: power/runtime.c:rpm_callback(), no device lock, as
 * imx219_power_on().
 */
static int v4l2x_runtime_resume(struct device *dev)
{
	struct i2c_client *client = to_i2c_client(dev);
	struct v4l2x_sensor *s = to_sensor(i2c_get_clientdata(client));

	return v4l2x_sensor_write_mode(s, client); /* EXPECT: device-lock-required */
}

static int v4l2x_runtime_suspend(struct device *dev)
{
	return 0;
}

/*
 * dev_pm_ops.complete: power/main.c:device_complete() takes
 * device_lock(dev) around the callback (as device_prepare() does).
 */
static void v4l2x_pm_complete(struct device *dev)
{
	struct i2c_client *client = to_i2c_client(dev);
	struct v4l2x_sensor *s = to_sensor(i2c_get_clientdata(client));

	if (s->streaming)
		v4l2x_sensor_write_mode(s, client); /* EXPECT-NONE: device-lock-required */
}

static const struct dev_pm_ops v4l2x_sensor_pm = {
	RUNTIME_PM_OPS(v4l2x_runtime_suspend, v4l2x_runtime_resume, NULL)
	.complete = pm_sleep_ptr(v4l2x_pm_complete),
};

/*
 * i2c_driver.probe: i2c_device_probe() from really_probe(), under
 * device_lock(&client->dev).
 */
static int v4l2x_sensor_probe(struct i2c_client *client)
{
	struct v4l2x_sensor *s;
	int ret;

	s = devm_kzalloc(&client->dev, sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->client = client;
	v4l2_i2c_subdev_init(&s->sd, client, &v4l2x_subdev_ops);

	ret = v4l2x_sensor_write_mode(s, client); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	ret = devm_pm_runtime_enable(&client->dev);
	if (ret)
		return ret;
	return v4l2_async_register_subdev(&s->sd);
}

static void v4l2x_sensor_remove(struct i2c_client *client)
{
	struct v4l2_subdev *sd = i2c_get_clientdata(client);

	v4l2_async_unregister_subdev(sd);
}

static const struct i2c_device_id v4l2x_sensor_id[] = {
	{ "v4l2x-sensor" },
	{ }
};
MODULE_DEVICE_TABLE(i2c, v4l2x_sensor_id);

struct i2c_driver v4l2x_sensor_driver = {
	.driver = {
		.name	= "v4l2x-sensor",
		.pm	= pm_ptr(&v4l2x_sensor_pm),
	},
	.probe		= v4l2x_sensor_probe,
	.remove		= v4l2x_sensor_remove,
	.id_table	= v4l2x_sensor_id,
};
