// SPDX-License-Identifier: GPL-2.0
/*
 * h17w1 - GPIO 1-Wire bus master with presence-detect interrupt.
 *
 * Callback facts checked in linux-source-6.12:
 *  - platform_driver.probe/.remove: drivers/base/platform.c:
 *    platform_probe()/platform_remove() are platform_bus_type.probe/
 *    .remove, run by drivers/base/dd.c:really_probe() and
 *    __device_release_driver() under device_lock(&pdev->dev).
 *  - dev_pm_ops .suspend/.resume: drivers/base/power/main.c:
 *    device_suspend()/device_resume() take device_lock(dev) before
 *    dpm_run_callback(); platform_bus_type.pm (platform_pm_suspend/
 *    platform_pm_resume) calls the driver's callback inside that.
 *  - dev_pm_ops .suspend_late/.resume_early: power/main.c:
 *    device_suspend_late()/device_resume_early() take no device lock;
 *    platform_dev_pm_ops has no late/early entry, so the driver's own
 *    callback is picked.
 *  - w1_bus_master ops: drivers/w1/w1_io.c:w1_reset_bus() etc. call them
 *    from the w1 kthread / slave drivers under w1_master.bus_mutex; the
 *    platform device's lock is not taken by w1.
 *  - threaded IRQ handler: kernel/irq/manage.c:irq_thread() runs it with
 *    no device lock.
 *  - sysfs show/store: drivers/base/core.c:dev_attr_store(), no lock.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/gpio/consumer.h>
#include <linux/interrupt.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/property.h>
#include <linux/sysfs.h>
#include <linux/w1.h>

#include "h17w1.h"

static u8 h17w1_read_bit(void *data)
{
	struct h17w1_master *m = data;

	return gpiod_get_value_cansleep(m->gpiod) ? 1 : 0;
}

static void h17w1_write_bit(void *data, u8 bit)
{
	struct h17w1_master *m = data;

	gpiod_set_value_cansleep(m->gpiod, bit);
}

/*
 * w1_bus_master.reset_bus, called from w1_io.c:w1_reset_bus() with
 * w1_master.bus_mutex held and no device lock of the platform device.
 * Returns 0 when a presence pulse was seen.
 */
static u8 h17w1_reset_bus(void *data)
{
	struct h17w1_master *m = data;
	int presence;

	gpiod_set_value_cansleep(m->gpiod, 0);
	udelay(480);
	gpiod_set_value_cansleep(m->gpiod, 1);
	udelay(70);
	presence = !gpiod_get_value_cansleep(m->gpiod);
	udelay(410);

	if (!gpiod_get_value_cansleep(m->gpiod)) {
		/* line stuck low after the slot: try to free it */
		if (h17w1_master_recover(m->dev)) /* EXPECT: device-lock-required */
			return 1;
	}

	return presence ? 0 : 1;
}

/* like w1-gpio.c:w1_gpio_set_pullup() */
static u8 h17w1_set_pullup(void *data, int delay)
{
	struct h17w1_master *m = data;

	if (delay) {
		m->pullup_ms = delay;
	} else if (m->pullup_ms) {
		gpiod_set_value_cansleep(m->pullup_gpiod, 1);
		msleep(m->pullup_ms);
		gpiod_set_value_cansleep(m->pullup_gpiod, 0);
		m->pullup_ms = 0;
	}

	return 0;
}

static irqreturn_t h17w1_presence_irq(int irq, void *data)
{
	return IRQ_WAKE_THREAD;
}

/* threaded handler: kernel/irq/manage.c:irq_thread(), no device lock */
static irqreturn_t h17w1_presence_thread(int irq, void *data)
{
	struct h17w1_master *m = data;

	if (device_trylock(m->dev)) {
		if (!m->suspended)
			h17w1_master_recover(m->dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(m->dev);
	} else {
		/* probe, remove or a sleep transition owns the device */
		h17w1_master_quiesce(m->dev); /* EXPECT: device-lock-required */
	}

	return IRQ_HANDLED;
}

static ssize_t recover_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct h17w1_master *m = dev_get_drvdata(dev);
	int ret;

	device_lock(dev);
	if (m->suspended) {
		ret = -EBUSY;
		goto out;
	}
	ret = h17w1_master_recover(dev); /* EXPECT-NONE: device-lock-required */
out:
	device_unlock(dev);
	return ret ? ret : count; /* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_WO(recover);

static ssize_t pullup_ms_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct h17w1_master *m = dev_get_drvdata(dev);
	unsigned int ms;
	int ret;

	ret = kstrtouint(buf, 0, &ms);
	if (ret)
		return ret;

	device_lock(dev);
	if (m->suspended)
		return -EBUSY; /* EXPECT: lock-imbalance */
	m->pullup_ms = ms;
	device_unlock(dev);

	return count;
}
static DEVICE_ATTR_WO(pullup_ms);

/* re-point the probed master at another DMA-capable node from sysfs */
static ssize_t dma_node_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct device_node *np;
	char name[32];
	int ret;

	strscpy(name, buf, sizeof(name));
	np = of_get_child_by_name(dev->of_node, strim(name));
	if (!np)
		return -ENOENT;

	ret = of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
	of_node_put(np);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(dma_node);

static struct attribute *h17w1_master_attrs[] = {
	&dev_attr_recover.attr,
	&dev_attr_pullup_ms.attr,
	&dev_attr_dma_node.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h17w1_master);

/*
 * like w1-gpio.c:w1_gpio_probe(); platform.c:platform_probe() under
 * device_lock(&pdev->dev) (dd.c:really_probe()).
 */
static int h17w1_master_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np;
	struct h17w1_master *m;
	int ret;

	m = devm_kzalloc(dev, sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;

	m->dev = dev;
	platform_set_drvdata(pdev, m);

	m->gpiod = devm_gpiod_get_index(dev, NULL, 0, GPIOD_OUT_LOW_OPEN_DRAIN);
	if (IS_ERR(m->gpiod))
		return dev_err_probe(dev, PTR_ERR(m->gpiod), "data gpio\n");

	m->pullup_gpiod = devm_gpiod_get_index_optional(dev, NULL, 1,
							GPIOD_OUT_LOW);
	if (IS_ERR(m->pullup_gpiod))
		return dev_err_probe(dev, PTR_ERR(m->pullup_gpiod),
				     "pullup gpio\n");

	/*
	 * The search accelerator DMAs through the bridge described by the
	 * "dma-bus" child: re-point the probed device at it, as
	 * drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe() does.
	 */
	np = of_get_child_by_name(dev->of_node, "dma-bus");
	if (np) {
		ret = of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(np);
		if (ret)
			return ret;
	}

	ret = h17w1_master_hw_init_locked(dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	/* optional presence-detect line from the bus transceiver */
	m->irq = platform_get_irq_optional(pdev, 0);
	if (m->irq > 0) {
		ret = devm_request_threaded_irq(dev, m->irq, h17w1_presence_irq,
						h17w1_presence_thread,
						IRQF_ONESHOT |
						IRQF_TRIGGER_FALLING,
						dev_name(dev), m);
		if (ret)
			return ret;
	}

	m->bus.data = m;
	m->bus.read_bit = h17w1_read_bit;
	m->bus.write_bit = h17w1_write_bit;
	m->bus.reset_bus = h17w1_reset_bus;
	if (m->pullup_gpiod)
		m->bus.set_pullup = h17w1_set_pullup;

	ret = w1_add_master_device(&m->bus);
	if (ret)
		return dev_err_probe(dev, ret, "w1_add_master_device\n");
	m->registered = true;

	return 0;
}

/* platform.c:platform_remove() under device_lock (dd.c:__device_release_driver()) */
static void h17w1_master_remove(struct platform_device *pdev)
{
	struct h17w1_master *m = platform_get_drvdata(pdev);

	h17w1_master_quiesce(&pdev->dev); /* EXPECT-NONE: device-lock-required */

	if (m->registered)
		w1_remove_master_device(&m->bus);
}

/* power/main.c:device_suspend() holds device_lock(dev) */
static int h17w1_master_suspend(struct device *dev)
{
	h17w1_master_quiesce(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/* power/main.c:device_resume() holds device_lock(dev) */
static int h17w1_master_resume(struct device *dev)
{
	return h17w1_master_hw_init_locked(dev); /* EXPECT-NONE: device-lock-required */
}

/* power/main.c:device_suspend_late(): no device lock */
static int h17w1_master_suspend_late(struct device *dev)
{
	struct h17w1_master *m = dev_get_drvdata(dev);

	if (m->irq > 0)
		disable_irq(m->irq);
	h17w1_master_quiesce(dev); /* EXPECT: device-lock-required */

	return 0;
}

/* power/main.c:device_resume_early(): no device lock, so take it */
static int h17w1_master_resume_early(struct device *dev)
{
	struct h17w1_master *m = dev_get_drvdata(dev);
	int ret = 0;

	scoped_guard(device, dev)
		ret = h17w1_master_hw_init_locked(dev); /* EXPECT-NONE: device-lock-required */

	if (m->irq > 0)
		enable_irq(m->irq);

	return ret;
}

static const struct dev_pm_ops h17w1_master_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(h17w1_master_suspend, h17w1_master_resume)
	LATE_SYSTEM_SLEEP_PM_OPS(h17w1_master_suspend_late,
				 h17w1_master_resume_early)
};

static const struct of_device_id h17w1_master_of_ids[] = {
	{ .compatible = "h17,w1-gpio-master" },
	{ }
};
MODULE_DEVICE_TABLE(of, h17w1_master_of_ids);

static struct platform_driver h17w1_master_driver = {
	.driver = {
		.name		= "h17w1-master",
		.of_match_table	= h17w1_master_of_ids,
		.dev_groups	= h17w1_master_groups,
		.pm		= pm_sleep_ptr(&h17w1_master_pm_ops),
	},
	.probe	= h17w1_master_probe,
	.remove	= h17w1_master_remove,
};

int h17w1_master_register(void)
{
	return platform_driver_register(&h17w1_master_driver);
}

void h17w1_master_unregister(void)
{
	platform_driver_unregister(&h17w1_master_driver);
}
