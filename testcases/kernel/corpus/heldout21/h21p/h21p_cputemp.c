// SPDX-License-Identifier: GPL-2.0
/*
 * h21p_cputemp.c - CPU client driver for the h21p bus: a merge of the
 * peci-cpu client driver and the cputemp hwmon driver.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/peci/cpu.c: peci_cpu_probe(), peci_cpu_remove(), the id table
 *	keyed by family/model
 *   drivers/hwmon/peci/cputemp.c: cputemp_read(), cputemp_is_visible(),
 *	update_temp_target() (cached values with a validity window)
 *   drivers/hwmon/peci/dimmtemp.c: create_dimm_temp_info() (delayed work
 *	polling until the DIMMs show up)
 *
 * Core locking facts read in 6.12:
 *   drivers/base/dd.c:really_probe() -> h21p_bus_probe() -> driver probe:
 *	client lock HELD.  device_release_driver_internal() -> remove: HELD.
 *   drivers/hwmon/hwmon.c:hwmon_attr_show() calls hattr->ops->read()
 *	directly from the sysfs show: NOT held (neither the hwmon device's
 *	lock nor the PECI client's).
 *   kernel/workqueue.c: delayed work NOT held.
 */
#include <linux/device.h>
#include <linux/hwmon.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "h21p.h"

#define H21P_TEMP_UPDATE_INTERVAL	HZ
#define H21P_DIMM_POLL_INTERVAL		(5 * HZ)
#define H21P_DIMM_POLL_MAX		12

struct h21p_cputemp {
	struct h21p_device	*peci_dev;
	struct device		*dev;		/* == &peci_dev->dev */
	struct device		*hwmon;
	struct device		dimm_dev;	/* ours: one per socket */
	struct delayed_work	dimm_work;
	struct mutex		cache_lock;
	unsigned long		last_updated;
	long			temp;
	long			tjmax;
	int			dimm_polls;
	bool			dimm_registered;
};

/* ------------------------------------------------------------------ */
/* hwmon ops: hwmon_attr_show() -> ->read(), no device lock held        */

static int h21p_cputemp_read_die(struct h21p_cputemp *priv, long *val)
{
	u32 raw;
	int ret;

	ret = h21p_device_lock_live(priv->peci_dev);
	if (ret)
		return ret;

	ret = h21p_device_read_dib(priv->peci_dev, &raw); /* EXPECT-NONE: device-lock-required */
	if (!ret) {
		priv->temp = priv->tjmax - (long)(raw & 0xff) * 1000;
		priv->last_updated = jiffies;
	}
	device_unlock(priv->dev);

	if (!ret)
		*val = priv->temp;
	return ret;
}

static int h21p_cputemp_read_tjmax(struct h21p_cputemp *priv, long *val)
{
	u32 raw;
	int ret;

	/* forgot to take the client lock that the DIB read requires */
	ret = h21p_device_read_dib(priv->peci_dev, &raw); /* EXPECT: device-lock-required */
	if (ret)
		return ret;

	priv->tjmax = ((raw >> 16) & 0xff) * 1000;
	*val = priv->tjmax;
	return 0;
}

/* Error exit jumps over the lock but not over the unlock. */
static int h21p_cputemp_read_max(struct h21p_cputemp *priv, long *val)
{
	struct device *dev = priv->dev;
	u32 dib;
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		goto out;

	ret = h21p_device_read_dib(priv->peci_dev, &dib); /* EXPECT-NONE: device-lock-required */
	if (!ret)
		*val = priv->tjmax - (long)((dib >> 24) & 0xff) * 1000;
out:
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return ret;
}

static int h21p_cputemp_read_socket(struct h21p_cputemp *priv, long *val)
{
	u32 cpu_id;
	int ret;

	/* both helpers take the client lock themselves */
	ret = h21p_device_refresh(priv->peci_dev);
	if (ret)
		return ret;
	ret = h21p_device_get_info(priv->peci_dev, &cpu_id);
	if (ret)
		return ret;

	*val = priv->peci_dev->info.socket_id;
	return 0;
}

static int h21p_cputemp_read(struct device *dev, enum hwmon_sensor_types type,
			     u32 attr, int channel, long *val)
{
	struct h21p_cputemp *priv = dev_get_drvdata(dev);
	int ret;

	if (type != hwmon_temp)
		return -EOPNOTSUPP;

	mutex_lock(&priv->cache_lock);
	switch (attr) {
	case hwmon_temp_input:
		if (time_before(jiffies, priv->last_updated + H21P_TEMP_UPDATE_INTERVAL)) {
			*val = priv->temp;
			ret = 0;
		} else {
			ret = h21p_cputemp_read_die(priv, val);
		}
		break;
	case hwmon_temp_crit:
		ret = h21p_cputemp_read_tjmax(priv, val);
		break;
	case hwmon_temp_max:
		ret = h21p_cputemp_read_max(priv, val);
		break;
	case hwmon_temp_type:
		ret = h21p_cputemp_read_socket(priv, val);
		break;
	default:
		ret = -EOPNOTSUPP;
		break;
	}
	mutex_unlock(&priv->cache_lock);

	return ret;
}

static umode_t h21p_cputemp_is_visible(const void *data,
				       enum hwmon_sensor_types type,
				       u32 attr, int channel)
{
	return type == hwmon_temp ? 0444 : 0;
}

static const struct hwmon_ops h21p_cputemp_ops = {
	.is_visible	= h21p_cputemp_is_visible,
	.read		= h21p_cputemp_read,
};

static const struct hwmon_channel_info * const h21p_cputemp_info[] = {
	HWMON_CHANNEL_INFO(temp, HWMON_T_INPUT | HWMON_T_MAX | HWMON_T_CRIT |
			   HWMON_T_TYPE),
	NULL
};

static const struct hwmon_chip_info h21p_cputemp_chip_info = {
	.ops	= &h21p_cputemp_ops,
	.info	= h21p_cputemp_info,
};

/* ------------------------------------------------------------------ */
/* DIMM child device, polled until the memory controller answers        */

static void h21p_dimm_release(struct device *dev)
{
	/* embedded in h21p_cputemp, freed by devres of the client */
}

static int h21p_dimm_register(struct h21p_cputemp *priv)
{
	struct device *ddev = &priv->dimm_dev;
	int ret;

	device_initialize(ddev);
	ddev->parent = priv->dev;
	ddev->release = h21p_dimm_release;
	ret = dev_set_name(ddev, "%s-dimm", dev_name(priv->dev));
	if (ret)
		goto err_put;

	ret = device_add(ddev);
	if (ret)
		goto err_put;

	priv->dimm_registered = true;
	return 0;

err_put:
	put_device(ddev);
	return ret;
}

/*
 * The poll work checks the client under its lock, then registers the
 * DIMM device once the DIB says the memory controller is up.  One exit
 * keeps the lock.
 */
static int h21p_dimm_check(struct h21p_cputemp *priv)
{
	struct device *dev = priv->dev;
	u32 dib;
	int ret;

	device_lock(dev);
	if (!dev->driver)
		goto out_unlock;

	ret = h21p_device_read_dib(priv->peci_dev, &dib); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret; /* EXPECT: lock-imbalance */
	if (!(dib & 0x0400)) {
		device_unlock(dev);
		return -EAGAIN; /* EXPECT-NONE: lock-imbalance */
	}
	device_unlock(dev);

	return h21p_dimm_register(priv);

out_unlock:
	device_unlock(dev);
	return -ENODEV;
}

/* Same check written with a guard: every return drops the lock. */
static int h21p_dimm_check_guarded(struct h21p_cputemp *priv)
{
	struct device *dev = priv->dev;
	u32 dib;
	int ret;

	scoped_guard(device, dev) {
		if (!dev->driver)
			return -ENODEV; /* EXPECT-NONE: lock-imbalance */
		ret = h21p_device_read_dib(priv->peci_dev, &dib); /* EXPECT-NONE: device-lock-required */
		if (ret)
			return ret; /* EXPECT-NONE: lock-imbalance */
		if (!(dib & 0x0400))
			return -EAGAIN;
	}

	return h21p_dimm_register(priv);
}

static void h21p_dimm_work(struct work_struct *work)
{
	struct h21p_cputemp *priv = container_of(to_delayed_work(work),
						 struct h21p_cputemp, dimm_work);
	int ret;

	if (priv->dimm_polls++ & 1)
		ret = h21p_dimm_check(priv);
	else
		ret = h21p_dimm_check_guarded(priv);

	if (ret == -EAGAIN && priv->dimm_polls < H21P_DIMM_POLL_MAX)
		schedule_delayed_work(&priv->dimm_work, H21P_DIMM_POLL_INTERVAL);
}

/* ------------------------------------------------------------------ */
/* h21p driver callbacks                                               */

static int h21p_cputemp_probe(struct h21p_device *device,
			      const struct h21p_device_id *id)
{
	struct device *dev = &device->dev;
	struct h21p_cputemp *priv;
	u32 dib;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->peci_dev = device;
	priv->dev = dev;
	priv->tjmax = 100000;
	mutex_init(&priv->cache_lock);
	INIT_DELAYED_WORK(&priv->dimm_work, h21p_dimm_work);
	dev_set_drvdata(dev, priv);

	ret = h21p_device_read_dib(device, &dib); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	if (!device->info_valid) {
		ret = h21p_device_info_init_locked(dev); /* EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}

	priv->hwmon = devm_hwmon_device_register_with_info(dev, "h21p_cputemp",
							   priv,
							   &h21p_cputemp_chip_info,
							   NULL);
	if (IS_ERR(priv->hwmon))
		return PTR_ERR(priv->hwmon);

	schedule_delayed_work(&priv->dimm_work, 0);
	return 0;
}

static void h21p_cputemp_remove(struct h21p_device *device)
{
	struct h21p_cputemp *priv = dev_get_drvdata(&device->dev);
	u32 dib;

	cancel_delayed_work_sync(&priv->dimm_work);
	if (priv->dimm_registered)
		device_unregister(&priv->dimm_dev);

	/* last read for the log; device_release_driver_internal() HELD */
	if (!h21p_device_read_dib(device, &dib)) /* EXPECT-NONE: device-lock-required */
		dev_dbg(&device->dev, "dib at unbind: %#x\n", dib);
}

static const struct h21p_device_id h21p_cpu_ids[] = {
	{ .family = 6, .model = 0xa, .data = 0 },
	{ .family = 6, .model = 0xf, .data = 1 },
	{ }
};

static struct h21p_driver h21p_cpu_driver = {
	.driver		= {
		.name	= "h21p-cpu",
	},
	.probe		= h21p_cputemp_probe,
	.remove		= h21p_cputemp_remove,
	.id_table	= h21p_cpu_ids,
};

int h21p_cpu_init(void)
{
	return h21p_driver_register(&h21p_cpu_driver);
}

void h21p_cpu_exit(void)
{
	h21p_driver_unregister(&h21p_cpu_driver);
}
