// SPDX-License-Identifier: GPL-2.0
/*
 * gpiox: sysfs attributes (the driver's dev_groups), a poll timer and the
 * work it queues.
 */
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/kstrtox.h>
#include <linux/sysfs.h>
#include <linux/timer.h>

#include "gpiox.h"

/*
 * dev_groups attributes: kernfs_fop_write_iter() -> dev_attr_store()
 * (drivers/base/core.c) holds no device lock around ->store.
 */
static ssize_t out_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	struct gpiox *gx = dev_get_drvdata(dev);
	u8 val;
	int ret;

	ret = kstrtou8(buf, 0, &val);
	if (ret)
		return ret;
	/* as drivers/cxl/pci.c:cxl_reset_done() */
	guard(device)(dev);
	gx->out_cache = val;
	gpiox_sync_cache(gx); /* EXPECT-NONE: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(out);

static ssize_t dir_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	struct gpiox *gx = dev_get_drvdata(dev);
	u8 val;
	int ret;

	ret = kstrtou8(buf, 0, &val);
	if (ret)
		return ret;
	gx->dir_cache = val;
	gpiox_sync_cache(gx); /* EXPECT: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(dir);

/*
 * The result of device_lock_interruptible() is ignored: on a signal the
 * lock is not held and the unlock below drops a lock nobody holds.
 */
static ssize_t irq_mask_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct gpiox *gx = dev_get_drvdata(dev);
	u8 val;
	int ret;

	ret = kstrtou8(buf, 0, &val);
	if (ret)
		return ret;
	device_lock_interruptible(dev);
	gx->irq_mask = val;
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return count;
}
static DEVICE_ATTR_WO(irq_mask);

/* the twin, as drivers/usb/core/sysfs.c:supports_autosuspend_show() */
static ssize_t bank_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct gpiox *gx = dev_get_drvdata(dev);
	u8 val;
	int ret;

	ret = kstrtou8(buf, 0, &val);
	if (ret)
		return ret;
	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;
	gx->out_cache = val;
	ret = gpiox_write_bank(gx, gx->client); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(bank);

static struct attribute *gpiox_attrs[] = {
	&dev_attr_out.attr,
	&dev_attr_dir.attr,
	&dev_attr_irq_mask.attr,
	&dev_attr_bank.attr,
	NULL
};
static const struct attribute_group gpiox_group = {
	.attrs = gpiox_attrs,
};
const struct attribute_group *gpiox_groups[] = {
	&gpiox_group,
	NULL
};

/*
 * timer_list callback: kernel/time/timer.c:call_timer_fn() from the timer
 * softirq, atomic: the device mutex cannot be held (nor taken) here.
 */
static void gpiox_poll_timer(struct timer_list *t)
{
	struct gpiox *gx = from_timer(gx, t, poll_timer);

	gpiox_sync_cache(gx); /* EXPECT: device-lock-required */
	schedule_work(&gx->sync_work);
	mod_timer(&gx->poll_timer, jiffies + HZ);
}

/*
 * the work the timer queues: a kworker holding nothing; it locks, as
 * drivers/platform/x86/intel/pmc/core.c:pmc_core_set_device_d3()
 */
static void gpiox_sync_work(struct work_struct *work)
{
	struct gpiox *gx = container_of(work, struct gpiox, sync_work);

	device_lock(&gx->client->dev); /* EXPECT-NONE: lock-imbalance */
	gpiox_restore_locked(gx); /* EXPECT-NONE: device-lock-required */
	device_unlock(&gx->client->dev);
}

void gpiox_poll_setup(struct gpiox *gx)
{
	INIT_WORK(&gx->sync_work, gpiox_sync_work);
	timer_setup(&gx->poll_timer, gpiox_poll_timer, 0);
	mod_timer(&gx->poll_timer, jiffies + HZ);
}

void gpiox_poll_stop(struct gpiox *gx)
{
	timer_delete_sync(&gx->poll_timer);
	cancel_work_sync(&gx->sync_work);
}
