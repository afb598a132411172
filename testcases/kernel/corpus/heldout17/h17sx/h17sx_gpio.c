// SPDX-License-Identifier: GPL-2.0
/*
 * h17sx - SIOX digital I/O module exposed as a gpio_chip.
 *
 * Callback facts checked in linux-source-6.12 (drivers/siox/siox-core.c):
 *  - siox_driver.probe/.remove: siox_probe()/siox_remove() are
 *    siox_bus_type.probe/.remove, run by drivers/base/dd.c:really_probe()
 *    and __device_release_driver() under device_lock(&sdevice->dev).
 *  - siox_driver.shutdown: siox_shutdown() is siox_bus_type.shutdown,
 *    called by drivers/base/core.c:device_shutdown() between
 *    device_lock(dev) and device_unlock(dev).
 *  - siox_driver.set_data/.get_data: called by siox_poll() from the
 *    siox_poll_thread() kthread with smaster->lock (a mutex of the
 *    master) held; the SIOX device's own lock is not taken.  Since
 *    siox_device_add() holds smaster->lock around device_register(),
 *    i.e. around our probe, get_data only ever trylocks it.
 *  - dev_pm_ops: siox_bus_type and siox_device_type have no pm, so
 *    drivers/base/power/main.c uses driver->pm: device_suspend()/
 *    device_resume() hold device_lock(dev) around .suspend/.resume.
 *  - sysfs (driver dev_groups): core.c:dev_attr_show()/dev_attr_store(),
 *    no lock.  Work items: no lock.
 */
#include <linux/device.h>
#include <linux/gpio/driver.h>
#include <linux/jiffies.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/pm.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>

#include "h17sx.h"

/* ---- SIOX data callbacks (siox_poll(), smaster->lock only) ---------- */

static int h17sx_set_data(struct siox_device *sdevice, u8 status, u8 buf[])
{
	h17sx_cfg_outputs_locked(&sdevice->dev, buf); /* EXPECT: device-lock-required */

	return 0;
}

static int h17sx_get_data(struct siox_device *sdevice, const u8 buf[])
{
	struct device *dev = &sdevice->dev;
	struct h17sx_ddata *dd = dev_get_drvdata(dev);

	if (!device_trylock(dev)) {
		/* probe/remove/sysfs own it: latch from process context */
		mutex_lock(&dd->lock);
		dd->getdata = buf[0];
		dd->missed_latches++;
		mutex_unlock(&dd->lock);
		schedule_work(&dd->latch_work);
		return 0;
	}

	h17sx_cfg_latch_inputs(dev, buf[0]); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return 0;
}

/* ---- work items (no lock) ------------------------------------------ */

static void h17sx_latch_work(struct work_struct *work)
{
	struct h17sx_ddata *dd = container_of(work, struct h17sx_ddata,
					      latch_work);
	u8 in;

	mutex_lock(&dd->lock);
	in = dd->getdata;
	mutex_unlock(&dd->lock);

	h17sx_cfg_latch_inputs(dd->dev, in); /* EXPECT: device-lock-required */
}

static void h17sx_watchdog_work(struct work_struct *work)
{
	struct h17sx_ddata *dd = container_of(to_delayed_work(work),
					      struct h17sx_ddata,
					      watchdog_work);
	int ret;

	ret = h17sx_trylock_connected(dd->sdevice);
	if (ret) {
		if (ret != -ENODEV)
			schedule_delayed_work(&dd->watchdog_work, HZ);
		return; /* EXPECT: lock-imbalance @h17sx_link */
	}

	/* locked by h17sx_trylock_connected(); dd->dev == &sdevice->dev */
	ret = h17sx_cfg_apply(dd->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&dd->sdevice->dev); /* EXPECT-NONE: lock-imbalance */

	if (ret)
		dev_warn(dd->dev, "watchdog re-apply failed: %d\n", ret);

	schedule_delayed_work(&dd->watchdog_work, HZ);
}

/* ---- gpio_chip, as gpio-siox.c; dd->lock only ----------------------- */

static int h17sx_gpio_get(struct gpio_chip *gc, unsigned int offset)
{
	struct h17sx_ddata *dd = gpiochip_get_data(gc);
	int ret;

	mutex_lock(&dd->lock);
	if (offset < 8)
		ret = !!(dd->getdata & BIT(offset));
	else
		ret = !!(dd->setdata & BIT(offset - 8));
	mutex_unlock(&dd->lock);

	return ret;
}

static void h17sx_gpio_set(struct gpio_chip *gc, unsigned int offset,
			   int value)
{
	struct h17sx_ddata *dd = gpiochip_get_data(gc);

	mutex_lock(&dd->lock);
	if (value)
		dd->setdata |= BIT(offset - 8);
	else
		dd->setdata &= ~BIT(offset - 8);
	mutex_unlock(&dd->lock);
}

static int h17sx_gpio_direction_input(struct gpio_chip *gc,
				      unsigned int offset)
{
	return offset < 8 ? 0 : -EINVAL;
}

static int h17sx_gpio_direction_output(struct gpio_chip *gc,
				       unsigned int offset, int value)
{
	if (offset < 8)
		return -EINVAL;

	h17sx_gpio_set(gc, offset, value);

	return 0;
}

static int h17sx_gpio_get_direction(struct gpio_chip *gc, unsigned int offset)
{
	return offset < 8 ? GPIO_LINE_DIRECTION_IN : GPIO_LINE_DIRECTION_OUT;
}

/* ---- sysfs (driver dev_groups): no lock on entry -------------------- */

static ssize_t debounce_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);
	u8 val;
	int ret;

	ret = kstrtou8(buf, 0, &val);
	if (ret)
		return ret;

	guard(device)(dev);
	if (val > H17SX_DEBOUNCE_MAX)
		return -EINVAL; /* EXPECT-NONE: lock-imbalance */

	dd->debounce = val;
	ret = h17sx_cfg_apply(dev); /* EXPECT-NONE: device-lock-required */

	return ret ? ret : count;
}

static ssize_t debounce_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", dd->debounce);
}
static DEVICE_ATTR_RW(debounce);

static ssize_t outputs_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);
	u8 val;
	int ret;

	ret = kstrtou8(buf, 0, &val);
	if (ret)
		return ret;

	mutex_lock(&dd->lock);
	dd->setdata = val;
	mutex_unlock(&dd->lock);

	ret = h17sx_cfg_apply(dev); /* EXPECT: device-lock-required */

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(outputs);

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);
	u8 val;
	int ret;

	ret = kstrtou8(buf, 0, &val);
	if (ret)
		return ret;

	ret = h17sx_lock_bound(dev);
	if (ret)
		return ret;

	if (val > H17SX_MODE_MAX)
		return -EINVAL; /* EXPECT: lock-imbalance */

	dd->mode = val;
	ret = h17sx_cfg_apply(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : count;
}

static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", dd->mode);
}
static DEVICE_ATTR_RW(mode);

static ssize_t invert_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);
	bool val;
	int ret;

	ret = kstrtobool(buf, &val);
	if (ret)
		return ret;

	ret = h17sx_lock_bound(dev);
	if (ret)
		return ret;

	if (dd->mode == H17SX_MODE_RAW) {
		device_unlock(dev);
		return -EPERM; /* EXPECT-NONE: lock-imbalance */
	}

	dd->invert = val;
	ret = h17sx_cfg_apply(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(invert);

static ssize_t stats_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);
	ssize_t len = -EBUSY;

	if (!device_trylock(dev))
		goto out;

	len = sysfs_emit(buf, "applied %u missed %u\n", dd->applied,
			 dd->missed_latches);
out:
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return len;
}
static DEVICE_ATTR_RO(stats);

static ssize_t latched_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);
	ssize_t len = -EBUSY;
	u8 latched;

	if (!device_trylock(dev))
		goto out;

	mutex_lock(&dd->lock);
	latched = dd->latched;
	dd->latched = 0;
	mutex_unlock(&dd->lock);
	len = sysfs_emit(buf, "0x%02x\n", latched);
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
out:
	return len;
}
static DEVICE_ATTR_RO(latched);

static struct attribute *h17sx_attrs[] = {
	&dev_attr_debounce.attr,
	&dev_attr_outputs.attr,
	&dev_attr_mode.attr,
	&dev_attr_invert.attr,
	&dev_attr_stats.attr,
	&dev_attr_latched.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h17sx);

/* ---- driver callbacks ---------------------------------------------- */

/* siox-core.c:siox_probe() under device_lock (dd.c:really_probe()) */
static int h17sx_probe(struct siox_device *sdevice)
{
	struct device *dev = &sdevice->dev;
	struct h17sx_ddata *dd;
	struct gpio_chip *gc;
	int ret;

	dd = devm_kzalloc(dev, sizeof(*dd), GFP_KERNEL);
	if (!dd)
		return -ENOMEM;

	dd->sdevice = sdevice;
	dd->dev = dev;
	mutex_init(&dd->lock);
	INIT_DELAYED_WORK(&dd->watchdog_work, h17sx_watchdog_work);
	INIT_WORK(&dd->latch_work, h17sx_latch_work);
	dev_set_drvdata(dev, dd);

	ret = h17sx_cfg_apply(dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	gc = &dd->gchip;
	gc->base = -1;
	gc->can_sleep = true;
	gc->parent = dev;
	gc->owner = THIS_MODULE;
	gc->label = dev_name(dev);
	gc->get = h17sx_gpio_get;
	gc->set = h17sx_gpio_set;
	gc->direction_input = h17sx_gpio_direction_input;
	gc->direction_output = h17sx_gpio_direction_output;
	gc->get_direction = h17sx_gpio_get_direction;
	gc->ngpio = H17SX_NGPIO;

	ret = devm_gpiochip_add_data(dev, gc, dd);
	if (ret)
		return dev_err_probe(dev, ret, "gpiochip\n");

	schedule_delayed_work(&dd->watchdog_work, HZ);

	return 0;
}

/* siox-core.c:siox_remove() under device_lock */
static void h17sx_remove(struct siox_device *sdevice)
{
	struct h17sx_ddata *dd = dev_get_drvdata(&sdevice->dev);

	cancel_delayed_work_sync(&dd->watchdog_work);
	cancel_work_sync(&dd->latch_work);

	h17sx_cfg_reset(&sdevice->dev); /* EXPECT-NONE: device-lock-required */
}

/* siox-core.c:siox_shutdown() from core.c:device_shutdown(), device locked */
static void h17sx_shutdown(struct siox_device *sdevice)
{
	struct h17sx_ddata *dd = dev_get_drvdata(&sdevice->dev);
	u8 out;

	dd->safe_state = true;
	h17sx_cfg_outputs_locked(&sdevice->dev, &out); /* EXPECT-NONE: device-lock-required */
	dev_dbg(&sdevice->dev, "final output image 0x%02x\n", out);
}

/* power/main.c:device_suspend() holds device_lock(dev) */
static int h17sx_suspend(struct device *dev)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);

	cancel_delayed_work_sync(&dd->watchdog_work);
	h17sx_cfg_reset(dev); /* EXPECT-NONE: device-lock-required */

	return 0;
}

/* power/main.c:device_resume() holds device_lock(dev) */
static int h17sx_resume(struct device *dev)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);
	int ret;

	ret = h17sx_cfg_apply(dev); /* EXPECT-NONE: device-lock-required */
	schedule_delayed_work(&dd->watchdog_work, HZ);

	return ret;
}

static DEFINE_SIMPLE_DEV_PM_OPS(h17sx_pm_ops, h17sx_suspend, h17sx_resume);

static struct siox_driver h17sx_driver = {
	.probe		= h17sx_probe,
	.remove		= h17sx_remove,
	.shutdown	= h17sx_shutdown,
	.set_data	= h17sx_set_data,
	.get_data	= h17sx_get_data,
	.driver = {
		.name		= "h17sx-dio",
		.dev_groups	= h17sx_groups,
		.pm		= pm_sleep_ptr(&h17sx_pm_ops),
	},
};
module_siox_driver(h17sx_driver);

MODULE_DESCRIPTION("h17 SIOX digital I/O module");
MODULE_LICENSE("GPL");
