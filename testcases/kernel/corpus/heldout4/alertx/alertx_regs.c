// SPDX-License-Identifier: GPL-2.0
/*
 * Register helpers of alertx.  Both read and write the chip with the
 * driver's binding stable: the I2C client's device lock is required.
 */
#include <linux/device.h>
#include <linux/i2c.h>
#include "alertx.h"

#define ALERTX_REG_STATUS	0x02
#define ALERTX_REG_CONFIG	0x09

/* Reached through the device: to_i2c_client() and its driver data. */
int alertx_clear_status(struct device *dev)
{
	struct i2c_client *client = to_i2c_client(dev);
	struct alertx_data *data = i2c_get_clientdata(client);
	s32 st;

	device_lock_assert(dev);
	st = i2c_smbus_read_byte_data(client, ALERTX_REG_STATUS);
	if (st < 0)
		return st;
	data->status = st;
	data->alarms = st & 0x7c;
	return 0;
}

/**
 * alertx_update_config() - write the configuration register
 * @data: driver data of the client
 * @config: new value
 *
 * Context: Process context. Caller holds the device lock of
 * @data->client.
 */
int alertx_update_config(struct alertx_data *data, u8 config)
{
	int ret;

	ret = i2c_smbus_write_byte_data(data->client, ALERTX_REG_CONFIG, config);
	if (!ret)
		data->config = config;
	return ret;
}
