// SPDX-License-Identifier: GPL-2.0
/*
 * gpiox: the I2C driver, its gpio_chip and its PM callbacks, shaped on
 * drivers/gpio/gpio-pca953x.c (pca953x_probe(), pca953x_gpio_set_value(),
 * pca953x_irq_handler(), pca953x_suspend()/pca953x_resume()).
 */
#include <linux/device.h>
#include <linux/gpio/driver.h>
#include <linux/i2c.h>
#include <linux/interrupt.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/property.h>

#include "gpiox.h"

/*
 * gpio_chip.set: gpiolib.c:gpiod_set_raw_value_commit() ->
 * gpiochip_set() calls it under gdev->srcu only, from any consumer; as
 * pca953x_gpio_set_value() it takes the driver's own i2c lock, never the
 * device lock.
 */
static void gpiox_gpio_set(struct gpio_chip *gc, unsigned int off, int val)
{
	struct gpiox *gx = gpiochip_get_data(gc);

	mutex_lock(&gx->io_lock);
	if (val)
		gx->out_cache |= BIT(off);
	else
		gx->out_cache &= ~BIT(off);
	gpiox_sync_cache(gx); /* EXPECT: device-lock-required */
	mutex_unlock(&gx->io_lock);
}

static int gpiox_gpio_get(struct gpio_chip *gc, unsigned int off)
{
	struct gpiox *gx = gpiochip_get_data(gc);
	s32 v = i2c_smbus_read_byte_data(gx->client, 0x00);

	return v < 0 ? v : !!(v & BIT(off));
}

/*
 * gpio_chip.init_valid_mask: gpiolib.c:gpiochip_init_valid_mask() calls it
 * only from gpiochip_add_data_with_key(), which this driver calls only
 * from gpiox_probe(), under the client's device lock (really_probe()).
 */
static int gpiox_init_valid_mask(struct gpio_chip *gc, unsigned long *valid_mask,
				 unsigned int ngpios)
{
	struct gpiox *gx = gpiochip_get_data(gc);

	bitmap_fill(valid_mask, ngpios);
	return gpiox_restore_locked(gx); /* EXPECT-NONE: device-lock-required */
}

/*
 * Threaded handlers: kernel/irq/manage.c:irq_thread() -> irq_thread_fn()
 * holds nothing of the device, as pca953x_irq_handler().
 */
static irqreturn_t gpiox_irq_thread(int irq, void *data)
{
	struct gpiox *gx = data;

	if (gpiox_restore_locked(gx)) /* EXPECT: device-lock-required */
		return IRQ_NONE;
	return IRQ_HANDLED;
}

/* the twin: the wake line's thread try-locks, as pci.c:pci_dev_trylock() */
static irqreturn_t gpiox_wake_thread(int irq, void *data)
{
	struct gpiox *gx = data;
	struct device *dev = &gx->client->dev;
	int ret;

	if (!device_trylock(dev))
		return IRQ_NONE;
	ret = gpiox_restore_locked(gx); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return ret ? IRQ_NONE : IRQ_HANDLED;
}

/*
 * System sleep, normal phase: drivers/base/power/main.c:device_suspend()
 * and device_resume() take device_lock(dev) around dpm_run_callback().
 */
static int gpiox_suspend(struct device *dev)
{
	struct gpiox *gx = dev_get_drvdata(dev);

	return gpiox_restore_locked(gx); /* EXPECT-NONE: device-lock-required */
}

static int gpiox_resume(struct device *dev)
{
	return pm_runtime_force_resume(dev);
}

/*
 * System sleep, noirq phase: power/main.c:device_suspend_noirq() calls
 * dpm_run_callback() without the device lock.
 */
static int gpiox_suspend_noirq(struct device *dev)
{
	struct gpiox *gx = dev_get_drvdata(dev);

	gpiox_sync_cache(gx); /* EXPECT: device-lock-required */
	return 0;
}

/*
 * Runtime PM: power/runtime.c:rpm_callback() -> __rpm_callback() drops
 * dev->power.lock around the callback and holds no device lock.
 */
static int gpiox_runtime_resume(struct device *dev)
{
	struct i2c_client *client = to_i2c_client(dev);
	struct gpiox *gx = i2c_get_clientdata(client);

	return gpiox_write_bank(gx, client); /* EXPECT: device-lock-required */
}

static int gpiox_runtime_suspend(struct device *dev)
{
	return 0;
}

static const struct dev_pm_ops gpiox_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(gpiox_suspend, gpiox_resume)
	NOIRQ_SYSTEM_SLEEP_PM_OPS(gpiox_suspend_noirq, NULL)
	RUNTIME_PM_OPS(gpiox_runtime_suspend, gpiox_runtime_resume, NULL)
};

/*
 * i2c_driver.probe: i2c-core-base.c:i2c_device_probe() from really_probe(),
 * under device_lock(&client->dev).
 */
static int gpiox_probe(struct i2c_client *client)
{
	struct device *dev = &client->dev;
	struct gpiox *gx;
	int ret;

	gx = devm_kzalloc(dev, sizeof(*gx), GFP_KERNEL);
	if (!gx)
		return -ENOMEM;
	gx->client = client;
	ret = devm_mutex_init(dev, &gx->io_lock);
	if (ret)
		return ret;
	i2c_set_clientdata(client, gx);

	gpiox_sync_cache(gx); /* EXPECT-NONE: device-lock-required */

	gx->gc.label = dev_name(dev);
	gx->gc.parent = dev;
	gx->gc.owner = THIS_MODULE;
	gx->gc.base = -1;
	gx->gc.ngpio = 8;
	gx->gc.can_sleep = true;
	gx->gc.set = gpiox_gpio_set;
	gx->gc.get = gpiox_gpio_get;
	gx->gc.init_valid_mask = gpiox_init_valid_mask;
	ret = devm_gpiochip_add_data(dev, &gx->gc, gx);
	if (ret)
		return ret;

	if (client->irq > 0) {
		ret = devm_request_threaded_irq(dev, client->irq, NULL,
						gpiox_irq_thread, IRQF_ONESHOT,
						dev_name(dev), gx);
		if (ret)
			return ret;
	}
	gx->wake_irq = fwnode_irq_get(dev_fwnode(dev), 1);
	if (gx->wake_irq > 0) {
		ret = devm_request_threaded_irq(dev, gx->wake_irq, NULL,
						gpiox_wake_thread, IRQF_ONESHOT,
						"gpiox-wake", gx);
		if (ret)
			return ret;
	}

	gpiox_poll_setup(gx);
	return devm_pm_runtime_enable(dev);
}

/*
 * i2c_driver.remove: i2c_device_remove() from device_remove(), under
 * device_lock(&client->dev) (drivers/base/dd.c:
 * device_release_driver_internal()): taking it again is a double lock.
 */
static void gpiox_remove(struct i2c_client *client)
{
	struct gpiox *gx = i2c_get_clientdata(client);

	gpiox_poll_stop(gx);
	device_lock(&client->dev); /* EXPECT: lock-imbalance */
	gx->irq_mask = 0;
	device_unlock(&client->dev);
}

static const struct i2c_device_id gpiox_id[] = {
	{ "gpiox" },
	{ }
};
MODULE_DEVICE_TABLE(i2c, gpiox_id);

static struct i2c_driver gpiox_driver = {
	.driver = {
		.name		= "gpiox",
		.pm		= pm_ptr(&gpiox_pm_ops),
		.dev_groups	= gpiox_groups,
	},
	.probe		= gpiox_probe,
	.remove		= gpiox_remove,
	.id_table	= gpiox_id,
};
module_i2c_driver(gpiox_driver);

MODULE_DESCRIPTION("iommu-lockcheck corpus: I2C GPIO expander");
MODULE_LICENSE("GPL");
