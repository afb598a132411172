// SPDX-License-Identifier: GPL-2.0
/*
 * wdtx_main.c - the wdtx platform driver: probe, remove, shutdown, system
 * sleep and sysfs, shaped on drivers/watchdog/qcom-wdt.c (qcom_wdt_probe(),
 * qcom_wdt_suspend(), qcom_wdt_resume()).
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/sysfs.h>
#include <linux/watchdog.h>
#include "wdtx.h"

/*
 * Attributes of the driver's dev_groups on the platform device: kernfs
 * calls them (dev_attr_show()/dev_attr_store()) with no device lock.
 */

/* unlocked show */
static ssize_t counter_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	unsigned int count = wdtx_hw_read_locked(dev); /* EXPECT: device-lock-required */

	return sysfs_emit(buf, "%u\n", count);
}
static DEVICE_ATTR_RO(counter);

/*
 * store locking through wdtx_hw_lock(), checked as
 * drivers/net/usb/cdc_subset.c:m5632_recover() checks
 * usb_lock_device_for_reset()
 */
static ssize_t reload_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct wdtx *wdt = dev_get_drvdata(dev);
	unsigned int cnt;
	int ret;

	ret = wdtx_hw_lock(wdt);
	if (ret)
		return ret;
	cnt = wdtx_hw_read_locked(wdt->dev); /* EXPECT-NONE: device-lock-required */
	ret = wdtx_hw_program(wdt->dev, cnt ? cnt : wdt->wdd.timeout); /* EXPECT-NONE: device-lock-required */
	device_unlock(wdt->dev); /* EXPECT-NONE: lock-imbalance */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(reload);

/* the same, with an error return that keeps the lock */
static ssize_t margin_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct wdtx *wdt = dev_get_drvdata(dev);
	unsigned int val;
	int ret;

	ret = kstrtouint(buf, 0, &val);
	if (ret)
		return ret;

	ret = wdtx_hw_lock(wdt);
	if (ret)
		return ret;
	if (val >= wdt->wdd.timeout)
		return -ERANGE; /* EXPECT: lock-imbalance */
	wdt->margin = val;
	device_unlock(wdt->dev);
	return count;
}
static DEVICE_ATTR_WO(margin);

static struct attribute *wdtx_attrs[] = {
	&dev_attr_counter.attr,
	&dev_attr_reload.attr,
	&dev_attr_margin.attr,
	NULL
};
ATTRIBUTE_GROUPS(wdtx);

/*
 * platform_driver.probe: platform_probe() is platform_bus_type.probe,
 * which drivers/base/dd.c:really_probe() calls under
 * device_lock(&pdev->dev).  Shaped on qcom-wdt.c:qcom_wdt_probe().
 */
static int wdtx_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct wdtx *wdt;
	int irq, ret;

	wdt = devm_kzalloc(dev, sizeof(*wdt), GFP_KERNEL);
	if (!wdt)
		return -ENOMEM;

	wdt->dev = dev;
	platform_set_drvdata(pdev, wdt);

	wdt->wdd.info = &wdtx_info;
	wdt->wdd.ops = &wdtx_ops;
	wdt->wdd.min_timeout = 1;
	wdt->wdd.max_timeout = 60;
	wdt->wdd.timeout = 30;
	wdt->wdd.parent = dev;
	watchdog_init_timeout(&wdt->wdd, 0, dev);

	ret = wdtx_hw_program(dev, wdt->wdd.timeout); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	irq = platform_get_irq_optional(pdev, 0);
	if (irq > 0) {
		ret = devm_request_threaded_irq(dev, irq, NULL, wdtx_bark_thread,
						IRQF_ONESHOT, "wdtx-bark", wdt);
		if (ret)
			return ret;
	}

	watchdog_stop_on_reboot(&wdt->wdd);
	watchdog_stop_on_unregister(&wdt->wdd);
	return devm_watchdog_register_device(dev, &wdt->wdd);
}

/*
 * platform_driver.remove: platform_remove(), from device_remove() in
 * __device_release_driver(), under device_lock(&pdev->dev).
 */
static void wdtx_remove(struct platform_device *pdev)
{
	struct wdtx *wdt = platform_get_drvdata(pdev);

	wdt->dying = true;
	wdtx_hw_ack(&pdev->dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * platform_driver.shutdown: platform_shutdown(), called by
 * drivers/base/core.c:device_shutdown() under device_lock(dev).
 */
static void wdtx_shutdown(struct platform_device *pdev)
{
	wdtx_hw_ack(&pdev->dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * System sleep .suspend: drivers/base/power/main.c:device_suspend() runs
 * it (through platform_pm_suspend()) under device_lock(dev).
 * Shaped on qcom-wdt.c:qcom_wdt_suspend().
 */
static int wdtx_suspend(struct device *dev)
{
	struct wdtx *wdt = dev_get_drvdata(dev);

	wdt->margin = wdtx_hw_read_locked(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/*
 * .resume_early: drivers/base/power/main.c:device_resume_early() runs it
 * through dpm_run_callback() with no device lock (platform_dev_pm_ops has
 * no early callback, so the driver's is used).
 */
static int wdtx_resume_early(struct device *dev)
{
	struct wdtx *wdt = dev_get_drvdata(dev);

	return wdtx_hw_program(dev, wdt->wdd.timeout); /* EXPECT: device-lock-required */
}

static const struct dev_pm_ops wdtx_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(wdtx_suspend, NULL)
	LATE_SYSTEM_SLEEP_PM_OPS(NULL, wdtx_resume_early)
};

static const struct of_device_id wdtx_of_match[] = {
	{ .compatible = "corpus,wdtx" },
	{ }
};
MODULE_DEVICE_TABLE(of, wdtx_of_match);

static struct platform_driver wdtx_driver = {
	.probe = wdtx_probe,
	.remove = wdtx_remove,
	.shutdown = wdtx_shutdown,
	.driver = {
		.name = "wdtx",
		.of_match_table = wdtx_of_match,
		.dev_groups = wdtx_groups,
		.pm = pm_sleep_ptr(&wdtx_pm_ops),
	},
};
module_platform_driver(wdtx_driver);

MODULE_DESCRIPTION("iommu-lockcheck corpus: watchdog");
MODULE_LICENSE("GPL");
