// SPDX-License-Identifier: GPL-2.0
/*
 * An I3C client with in-band interrupts, shaped on drivers/net/mctp/
 * mctp-i3c.c (mctp_i3c_probe/remove, mctp_i3c_ibi_handler, its poll work)
 * and drivers/iio/imu/st_lsm6dsx/st_lsm6dsx_i3c.c of Linux 6.12.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kstrtox.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "i3cx.h"

/*
 * The IBI handler: drivers/i3c/master.c:i3c_master_handle_ibi() calls it
 * from the controller's workqueue, with no device lock held.
 */
static void i3cx_sensor_ibi(struct i3c_device *i3cdev,
			    const struct i3c_ibi_payload *payload)
{
	struct i3cx_sensor *s = i3cdev_get_drvdata(i3cdev);
	const u8 *data = payload->data;

	if (payload->len >= 1 && data[0] == 0x5a)
		i3cx_sensor_set_odr_locked(i3cdev, data[1]); /* EXPECT: device-lock-required */
	schedule_work(&s->odr_work);
}

/* the same update deferred to a work that takes the device lock */
static void i3cx_sensor_odr_work(struct work_struct *work)
{
	struct i3cx_sensor *s = container_of(work, struct i3cx_sensor, odr_work);

	guard(device)(&s->i3cdev->dev);
	i3cx_sensor_set_odr_locked(s->i3cdev, s->odr); /* EXPECT-NONE: device-lock-required */
}

/* the poll work, as mctp-i3c.c:mctp_i3c_read(): it trylocks */
static void i3cx_sensor_poll_work(struct work_struct *work)
{
	struct i3cx_sensor *s = container_of(to_delayed_work(work),
					     struct i3cx_sensor, poll_work);

	if (!device_trylock(s->dev)) {
		schedule_delayed_work(&s->poll_work, HZ / 10);
		return;
	}
	i3cx_sensor_set_ibi_mask(s->dev, s->ibi_mask | 1); /* EXPECT-NONE: device-lock-required */
	device_unlock(s->dev);
}

/*
 * A watchdog timer for a silent device: timer callbacks run in softirq
 * context, no device lock held.
 */
static void i3cx_sensor_watchdog(struct timer_list *t)
{
	struct i3cx_sensor *s = from_timer(s, t, wd_timer);

	i3cx_sensor_set_ibi_mask(s->dev, 0); /* EXPECT: device-lock-required */
	schedule_delayed_work(&s->poll_work, 0);
}

/* FIFO read with goto paths: the "no data" exit keeps data_lock */
static int i3cx_sensor_read_fifo(struct i3cx_sensor *s, u8 *out)
{
	struct i3c_priv_xfer xfer = {
		.rnw = 1,
		.len = sizeof(s->fifo),
		.data.in = s->fifo,
	};
	int ret;

	mutex_lock(&s->data_lock);
	ret = i3c_device_do_priv_xfers(s->i3cdev, &xfer, 1);
	if (ret)
		goto err_unlock;
	if (!xfer.actual_len)
		goto err_nodata;
	*out = s->fifo[0];
	mutex_unlock(&s->data_lock);
	return 0;

err_unlock:
	mutex_unlock(&s->data_lock);
	return ret;
err_nodata:
	return -ENODATA; /* EXPECT: lock-imbalance */
}

/* twin: both error exits go through the unlock */
static int i3cx_sensor_read_status(struct i3cx_sensor *s, u8 *out)
{
	struct i3c_priv_xfer xfer = {
		.rnw = 1,
		.len = 1,
		.data.in = s->fifo,
	};
	int ret;

	mutex_lock(&s->data_lock);
	ret = i3c_device_do_priv_xfers(s->i3cdev, &xfer, 1);
	if (ret)
		goto out_unlock;
	if (!xfer.actual_len) {
		ret = -ENODATA;
		goto out_unlock;
	}
	*out = s->fifo[0];
out_unlock:
	mutex_unlock(&s->data_lock);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/* driver attributes (dev_groups): kernfs, no device lock */
static ssize_t odr_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	u32 val;
	int ret;

	if (kstrtou32(buf, 0, &val))
		return -EINVAL;
	ret = i3cx_sensor_set_odr_locked(dev_to_i3cdev(dev), val); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}

static ssize_t odr_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct i3cx_sensor *s = dev_get_drvdata(dev);
	u8 v = 0;
	int ret;

	ret = i3cx_sensor_read_fifo(s, &v);
	if (!ret)
		ret = i3cx_sensor_read_status(s, &v);
	return ret ? ret : sysfs_emit(buf, "%u %u\n", s->odr, v);
}
static DEVICE_ATTR_RW(odr);

static ssize_t ibi_mask_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	u8 val;

	if (kstrtou8(buf, 0, &val))
		return -EINVAL;
	scoped_guard(device, dev)
		i3cx_sensor_set_ibi_mask(dev, val); /* EXPECT-NONE: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(ibi_mask);

static struct attribute *i3cx_sensor_attrs[] = {
	&dev_attr_odr.attr,
	&dev_attr_ibi_mask.attr,
	NULL,
};
ATTRIBUTE_GROUPS(i3cx_sensor);

/* debugfs: no device lock */
static ssize_t i3cx_dbg_odr_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	struct i3cx_sensor *s = file->private_data;
	u32 val;
	int ret;

	ret = kstrtou32_from_user(ubuf, count, 0, &val);
	if (ret)
		return ret;
	ret = i3cx_sensor_set_odr_locked(s->i3cdev, val); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}

static const struct file_operations i3cx_dbg_odr_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = i3cx_dbg_odr_write,
};

static ssize_t i3cx_dbg_mask_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	struct i3cx_sensor *s = file->private_data;
	u8 val;
	int ret;

	ret = kstrtou8_from_user(ubuf, count, 0, &val);
	if (ret)
		return ret;
	if (device_lock_interruptible(s->dev))
		return -EINTR;
	i3cx_sensor_set_ibi_mask(s->dev, val); /* EXPECT-NONE: device-lock-required */
	device_unlock(s->dev);
	return count;
}

static const struct file_operations i3cx_dbg_mask_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = i3cx_dbg_mask_write,
};

/*
 * mctp-i3c.c:mctp_i3c_probe(): drivers/i3c/master.c:i3c_device_probe(),
 * a bus_type.probe, runs it under device_lock(&i3cdev->dev).
 */
static int i3cx_sensor_probe(struct i3c_device *i3cdev)
{
	const struct i3c_ibi_setup ibi = {
		.max_payload_len = 8,
		.num_slots = 4,
		.handler = i3cx_sensor_ibi,
	};
	struct i3cx_sensor *s;
	int ret;

	s = devm_kzalloc(i3cdev_to_dev(i3cdev), sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->i3cdev = i3cdev;
	s->dev = &i3cdev->dev;
	mutex_init(&s->data_lock);
	INIT_WORK(&s->odr_work, i3cx_sensor_odr_work);
	INIT_DELAYED_WORK(&s->poll_work, i3cx_sensor_poll_work);
	timer_setup(&s->wd_timer, i3cx_sensor_watchdog, 0);
	i3cdev_set_drvdata(i3cdev, s);

	ret = i3cx_sensor_set_odr_locked(i3cdev, 100); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	i3cx_sensor_set_ibi_mask(i3cdev_to_dev(i3cdev), 0x1); /* EXPECT-NONE: device-lock-required */

	ret = i3c_device_request_ibi(i3cdev, &ibi);
	if (ret)
		return ret;
	ret = i3c_device_enable_ibi(i3cdev);
	if (ret) {
		i3c_device_free_ibi(i3cdev);
		return ret;
	}

	s->dbg = debugfs_create_dir(dev_name(s->dev), NULL);
	debugfs_create_file("odr", 0200, s->dbg, s, &i3cx_dbg_odr_fops);
	debugfs_create_file("ibi_mask", 0200, s->dbg, s, &i3cx_dbg_mask_fops);
	schedule_delayed_work(&s->poll_work, HZ);
	mod_timer(&s->wd_timer, jiffies + 5 * HZ);
	return 0;
}

/* mctp_i3c_remove(): i3c_device_remove(), under the device lock */
static void i3cx_sensor_remove(struct i3c_device *i3cdev)
{
	struct i3cx_sensor *s = i3cdev_get_drvdata(i3cdev);

	debugfs_remove_recursive(s->dbg);
	timer_shutdown_sync(&s->wd_timer);
	cancel_delayed_work_sync(&s->poll_work);
	cancel_work_sync(&s->odr_work);
	i3cx_sensor_set_ibi_mask(s->dev, 0); /* EXPECT-NONE: device-lock-required */
	i3c_device_disable_ibi(i3cdev);
}

static const struct i3c_device_id i3cx_sensor_ids[] = {
	I3C_DEVICE(0x0104, 0x0070, NULL),
	{ }
};

static struct i3c_driver i3cx_sensor_driver = {
	.driver = {
		.name = "i3cx-sensor",
		.dev_groups = i3cx_sensor_groups,
	},
	.probe = i3cx_sensor_probe,
	.remove = i3cx_sensor_remove,
	.id_table = i3cx_sensor_ids,
};

int i3cx_sensor_init(void)
{
	return i3c_driver_register_with_owner(&i3cx_sensor_driver, THIS_MODULE);
}

void i3cx_sensor_exit(void)
{
	i3c_driver_unregister(&i3cx_sensor_driver);
}
