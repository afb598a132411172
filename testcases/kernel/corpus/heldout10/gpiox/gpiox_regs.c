// SPDX-License-Identifier: GPL-2.0
/*
 * gpiox: register cache helpers, called locked and unlocked from
 * gpiox_main.c and gpiox_sysfs.c.
 */
#include <linux/device.h>
#include <linux/i2c.h>

#include "gpiox.h"

/*
 * Reads the output and direction registers back into the cache.  Requires
 * the I2C client's device lock, asserted as drivers/cxl/core/port.c:
 * find_dport() and add_dport() do (device_lock_assert(&port->dev)).
 */
void gpiox_sync_cache(struct gpiox *gx)
{
	s32 v;

	device_lock_assert(&gx->client->dev);
	v = i2c_smbus_read_byte_data(gx->client, 0x01);
	if (v >= 0)
		gx->out_cache = v;
	v = i2c_smbus_read_byte_data(gx->client, 0x03);
	if (v >= 0)
		gx->dir_cache = v;
}

/*
 * gpiox_restore_locked - write the cached registers back, as
 * gpio-pca953x.c:pca953x_restore_context().  Called with
 * device_lock(&gx->client->dev) held (the _locked name says so, as
 * drivers/cxl/core/port.c:cxl_decoder_add_locked()).
 */
int gpiox_restore_locked(struct gpiox *gx)
{
	int ret;

	ret = i2c_smbus_write_byte_data(gx->client, 0x03, gx->dir_cache);
	if (ret)
		return ret;
	return i2c_smbus_write_byte_data(gx->client, 0x01, gx->out_cache);
}

/**
 * gpiox_write_bank - write the output cache of one bank
 * @gx: the expander
 * @client: the I2C client of @gx
 *
 * Context: Process context, may sleep. Caller holds the device lock of @client.
 *
 * Return: 0 or a negative errno.
 */
int gpiox_write_bank(struct gpiox *gx, struct i2c_client *client)
{
	return i2c_smbus_write_byte_data(client, 0x01, gx->out_cache);
}
