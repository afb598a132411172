/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_I2C_H
#define _LINUX_I2C_H

#include <linux/device.h>

struct i2c_client {
	unsigned short addr;
	char name[20];
	struct device dev;
};

struct i2c_driver {
	int (*probe)(struct i2c_client *client);
	void (*remove)(struct i2c_client *client);
	struct device_driver driver;
};

#endif
