// SPDX-License-Identifier: GPL-2.0
/*
 * The WMI driver proper, shaped on drivers/platform/x86/lenovo-ymc.c
 * (lenovo_ymc_probe, lenovo_ymc_notify) and dell/dell-wmi-ddv.c
 * (probe, dev_pm_ops) of Linux 6.12.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/wmi.h>

#include "wmix.h"

#define WMIX_EVENT_GUID "06129D99-6083-4164-81AD-F092F9D773A6"

/*
 * ->notify: drivers/platform/x86/wmi.c:wmi_notify_device() calls it from
 * the ACPI notify handler under down_read(&wblock->notify_lock) only; no
 * device lock is held.
 */
static void wmix_notify(struct wmi_device *wdev, union acpi_object *obj)
{
	struct wmix_priv *priv = dev_get_drvdata(&wdev->dev);

	if (obj && obj->type == ACPI_TYPE_INTEGER)
		wmix_ec_select_profile_locked(wdev, obj->integer.value & 0xff); /* EXPECT: device-lock-required */
	schedule_work(&priv->event_work);
}

/* the event work takes the device lock itself */
static void wmix_event_work(struct work_struct *work)
{
	struct wmix_priv *priv = container_of(work, struct wmix_priv, event_work);

	guard(device)(priv->dev); /* EXPECT-NONE: lock-imbalance */
	wmix_ec_select_profile_locked(priv->wdev, priv->profile); /* EXPECT-NONE: device-lock-required */
}

static void wmix_fan_work(struct work_struct *work)
{
	struct wmix_priv *priv = container_of(to_delayed_work(work),
					      struct wmix_priv, fan_work);

	wmix_fan_update(priv);
	if (wmix_ec_trylock(priv)) {
		priv->regs[2]++;
		wmix_ec_unlock(priv);
	}
	/* a delayed work: no device lock held */
	wmix_ec_commit(priv->dev); /* EXPECT: device-lock-required */
}

/*
 * Driver attributes (dev_groups), as intel/wmi/sbl-fw-update.c:
 * firmware_update_request_store(): kernfs, no device lock.
 */
static ssize_t profile_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	u8 val;
	int ret;

	if (kstrtou8(buf, 0, &val))
		return -EINVAL;
	ret = wmix_ec_select_profile_locked(to_wmi_device(dev), val); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}

static ssize_t profile_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct wmix_priv *priv = dev_get_drvdata(dev);
	u32 v = 0;
	int ret;

	ret = wmix_ec_query(priv, 0, &v);
	return ret ? ret : sysfs_emit(buf, "%u\n", v);
}
static DEVICE_ATTR_RW(profile);

static ssize_t boost_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct wmix_priv *priv = dev_get_drvdata(dev);
	bool val;

	if (kstrtobool(buf, &val))
		return -EINVAL;
	device_lock(dev);
	priv->fan_boost = val;
	wmix_ec_commit(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return count;
}
static DEVICE_ATTR_WO(boost);

static struct attribute *wmix_attrs[] = {
	&dev_attr_profile.attr,
	&dev_attr_boost.attr,
	NULL,
};
ATTRIBUTE_GROUPS(wmix);

/*
 * lenovo_ymc_probe(): drivers/platform/x86/wmi.c:wmi_dev_probe(), a
 * bus_type.probe, calls it under device_lock(&wdev->dev).  The cell is
 * a platform device this probe registers with the WMI device as its
 * parent, as huawei-wmi.c:huawei_wmi_init() registers its own
 * (platform_device_register_simple()); its lock is not held here.
 */
static int wmix_probe(struct wmi_device *wdev, const void *context)
{
	struct wmix_priv *priv;
	int ret;

	priv = devm_kzalloc(&wdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->wdev = wdev;
	priv->dev = &wdev->dev;
	mutex_init(&priv->ec_lock);
	INIT_WORK(&priv->event_work, wmix_event_work);
	INIT_DELAYED_WORK(&priv->fan_work, wmix_fan_work);
	dev_set_drvdata(&wdev->dev, priv);

	ret = wmix_ec_select_profile_locked(wdev, 0); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	wmix_ec_commit(&wdev->dev); /* EXPECT-NONE: device-lock-required */

	priv->cell = platform_device_register_data(&wdev->dev, "wmix-cell",
						   PLATFORM_DEVID_AUTO, NULL, 0);
	if (IS_ERR(priv->cell))
		return PTR_ERR(priv->cell);
	ret = wmix_cell_bind(&priv->cell->dev, priv); /* EXPECT: device-lock-required */
	if (ret)
		goto err_cell;

	ret = wmix_hwmon_register(priv);
	if (ret)
		goto err_cell;
	schedule_delayed_work(&priv->fan_work, HZ);
	return 0;

err_cell:
	platform_device_unregister(priv->cell);
	return ret;
}

/*
 * wmi_dev_remove() calls ->remove under the device lock that
 * __device_release_driver() holds: taking it again self-deadlocks.
 */
static void wmix_remove(struct wmi_device *wdev)
{
	struct wmix_priv *priv = dev_get_drvdata(&wdev->dev);

	cancel_work_sync(&priv->event_work);
	cancel_delayed_work_sync(&priv->fan_work);
	scoped_guard(device, &wdev->dev) /* EXPECT: lock-imbalance */
		priv->cell_bound = false;
	wmix_ec_commit(priv->dev); /* EXPECT-NONE: device-lock-required */
	platform_device_unregister(priv->cell);
}

/*
 * dell_wmi_ddv_resume(): wmi_bus_type has no dev_pm_ops, so
 * drivers/base/power/main.c:device_suspend()/device_resume()/
 * device_complete() call the driver's own, under device_lock(dev).
 */
static int wmix_suspend(struct device *dev)
{
	wmix_ec_commit(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int wmix_resume(struct device *dev)
{
	struct wmix_priv *priv = dev_get_drvdata(dev);
	int ret = 0;

	/* parent then child, the device core's order */
	scoped_guard(device, &priv->cell->dev)
		ret = wmix_cell_bind(&priv->cell->dev, priv); /* EXPECT-NONE: device-lock-required */
	return ret;
}

static void wmix_complete(struct device *dev)
{
	wmix_ec_commit(dev); /* EXPECT-NONE: device-lock-required */
}

static const struct dev_pm_ops wmix_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(wmix_suspend, wmix_resume)
	.complete = wmix_complete,
};

static const struct wmi_device_id wmix_id_table[] = {
	{ .guid_string = WMIX_EVENT_GUID },
	{ }
};

static struct wmi_driver wmix_driver = {
	.driver = {
		.name = "wmix",
		.dev_groups = wmix_groups,
		.pm = pm_sleep_ptr(&wmix_pm_ops),
	},
	.id_table = wmix_id_table,
	.probe = wmix_probe,
	.remove = wmix_remove,
	.notify = wmix_notify,
};

static int __init wmix_init(void)
{
	int ret;

	ret = wmix_cell_driver_init();
	if (ret)
		return ret;
	ret = wmi_driver_register(&wmix_driver);
	if (ret)
		wmix_cell_driver_exit();
	return ret;
}

static void __exit wmix_exit(void)
{
	wmi_driver_unregister(&wmix_driver);
	wmix_cell_driver_exit();
}

module_init(wmix_init);
module_exit(wmix_exit);
MODULE_DESCRIPTION("heldout9 wmix: WMI driver with hwmon and a platform cell");
MODULE_LICENSE("GPL");
