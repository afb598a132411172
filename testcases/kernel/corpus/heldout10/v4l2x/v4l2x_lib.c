// SPDX-License-Identifier: GPL-2.0
/*
 * v4l2x: helpers with a lock contract, called locked and unlocked from
 * v4l2x_bridge.c and v4l2x_sensor.c.
 */
#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/iommu.h>

#include "v4l2x.h"

/*
 * Programs the receiver's lanes.  Needs the bridge device's lock, asserted
 * as drivers/cxl/core/port.c:reap_dports() asserts device_lock_assert().
 */
void v4l2x_bridge_program(struct v4l2x_bridge *b)
{
	device_lock_assert(b->dev);
	b->status = 0;
}

/**
 * v4l2x_sensor_write_mode - write the current mode's register table
 * @s: the sensor
 * @client: the I2C client of @s
 *
 * Context: Process context, sleeps. Caller holds the device lock of @client.
 *
 * Return: 0 or a negative errno.
 */
int v4l2x_sensor_write_mode(struct v4l2x_sensor *s, struct i2c_client *client)
{
	return i2c_smbus_write_byte_data(client, 0x10, s->mode);
}

/*
 * Attaches the capture stream of @dev.  Needs the iommu group mutex of
 * @dev, asserted as the IOMMU drivers' helpers do with
 * iommu_group_mutex_assert() (drivers/iommu/iommu.c).
 */
int v4l2x_stream_attach(struct device *dev)
{
	iommu_group_mutex_assert(dev);
	return dev->iommu_group ? 0 : -ENODEV;
}
