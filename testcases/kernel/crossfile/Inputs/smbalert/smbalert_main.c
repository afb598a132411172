// SPDX-License-Identifier: GPL-2.0
/*
 * An SMBus alert client.  drivers/i2c/i2c-smbus.c:smbus_do_alert() calls
 * ->alert(client) under device_lock(dev), with client =
 * i2c_verify_client(dev), a converter of drivers/i2c/i2c-core-base.c;
 * i2c_cmd() calls ->command with no device lock.
 */
#include <linux/module.h>
#include <linux/i2c.h>
#include "smbalert.h"

static void smbalert_alert(struct i2c_client *client,
			   enum i2c_alert_protocol type, unsigned int flag)
{
	smbalert_ack(&client->dev);
}

static int smbalert_command(struct i2c_client *client, unsigned int cmd, void *arg)
{
	return smbalert_ack(&client->dev);
}

static int smbalert_probe(struct i2c_client *client)
{
	return smbalert_ack(&client->dev);
}

static const struct i2c_device_id smbalert_id[] = {
	{ "smbalert" },
	{ }
};
MODULE_DEVICE_TABLE(i2c, smbalert_id);

static struct i2c_driver smbalert_driver = {
	.driver = { .name = "smbalert" },
	.probe = smbalert_probe,
	.alert = smbalert_alert,
	.command = smbalert_command,
	.id_table = smbalert_id,
};
module_i2c_driver(smbalert_driver);

MODULE_DESCRIPTION("SMBus alert slot context test");
MODULE_LICENSE("GPL");
