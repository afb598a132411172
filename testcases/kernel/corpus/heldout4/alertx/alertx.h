/* SPDX-License-Identifier: GPL-2.0 */
/*
 * alertx: an SMBus-alert capable hwmon-like I2C client, in the shape of
 * drivers/hwmon/lm90.c (lm90_alert()) on drivers/i2c/i2c-smbus.c (6.12).
 */
#ifndef ALERTX_H
#define ALERTX_H

#include <linux/i2c.h>

struct alertx_data {
	struct i2c_client *client;
	u8 status;
	u8 config;
	bool alarms;
};

int alertx_clear_status(struct device *dev);
int alertx_update_config(struct alertx_data *data, u8 config);

#endif
