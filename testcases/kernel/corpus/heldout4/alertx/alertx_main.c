// SPDX-License-Identifier: GPL-2.0
/*
 * alertx driver (drivers/hwmon/lm90.c, 6.12).  Locks the cores hold:
 *  - i2c_driver.probe/remove: really_probe() / device_release_driver_
 *    internal() hold device_lock(&client->dev);
 *  - i2c_driver.shutdown: device_shutdown() holds device_lock(dev);
 *  - i2c_driver.alert: drivers/i2c/i2c-smbus.c:smbus_do_alert() takes
 *    device_lock(&client->dev) around driver->alert ("Lock so the driver
 *    won't change");
 *  - i2c_driver.command: drivers/i2c/i2c-core-base.c:i2c_cmd(), from
 *    i2c_clients_command(), holds no device lock;
 *  - a threaded IRQ handler holds none.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/i2c.h>
#include "alertx.h"

/* lm90.c:lm90_alert(), under smbus_do_alert()'s device_lock. */
static void alertx_alert(struct i2c_client *client,
			 enum i2c_alert_protocol type, unsigned int flag)
{
	struct alertx_data *data = i2c_get_clientdata(client);

	if (type != I2C_PROTOCOL_SMBUS_ALERT)
		return;
	alertx_clear_status(&client->dev); /* EXPECT-NONE: device-lock-required */
	if (data->alarms)
		alertx_update_config(data, data->config | 0x80); /* EXPECT-NONE: device-lock-required */
}

/*
 * lm90.c:lm90_irq_thread(): the same work from the chip's own interrupt,
 * where no device lock is held.
 */
static irqreturn_t alertx_irq_thread(int irq, void *dev_id)
{
	struct i2c_client *client = dev_id;
	struct alertx_data *data = i2c_get_clientdata(client);

	if (alertx_clear_status(&client->dev)) /* EXPECT: device-lock-required */
		return IRQ_NONE;
	if (data->alarms)
		alertx_update_config(data, data->config | 0x80); /* EXPECT: device-lock-required */
	return IRQ_HANDLED;
}

/* i2c_driver.command from i2c_clients_command(): no device lock. */
static int alertx_command(struct i2c_client *client, unsigned int cmd, void *arg)
{
	struct alertx_data *data = i2c_get_clientdata(client);

	if (cmd != 1)
		return -EINVAL;
	return alertx_update_config(data, *(u8 *)arg); /* EXPECT: device-lock-required */
}

static int alertx_probe(struct i2c_client *client)
{
	struct device *dev = &client->dev;
	struct alertx_data *data;
	int ret;

	data = devm_kzalloc(dev, sizeof(*data), GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	data->client = client;
	i2c_set_clientdata(client, data);

	ret = alertx_clear_status(dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	ret = alertx_update_config(data, 0x04); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	if (client->irq)
		ret = devm_request_threaded_irq(dev, client->irq, NULL,
						alertx_irq_thread, IRQF_ONESHOT,
						"alertx", client);
	return ret;
}

/* lm90.c:lm90_restore_conf()-like shutdown, under device_shutdown()'s lock. */
static void alertx_shutdown(struct i2c_client *client)
{
	struct alertx_data *data = i2c_get_clientdata(client);

	alertx_update_config(data, data->config & ~0x04); /* EXPECT-NONE: device-lock-required */
}

static const struct i2c_device_id alertx_id[] = {
	{ "alertx" },
	{ }
};
MODULE_DEVICE_TABLE(i2c, alertx_id);

static struct i2c_driver alertx_driver = {
	.class = I2C_CLASS_HWMON,
	.driver = { .name = "alertx" },
	.probe = alertx_probe,
	.shutdown = alertx_shutdown,
	.alert = alertx_alert,
	.command = alertx_command,
	.id_table = alertx_id,
};

module_i2c_driver(alertx_driver);
MODULE_DESCRIPTION("held-out corpus: SMBus alert client");
MODULE_LICENSE("GPL");
