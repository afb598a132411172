// SPDX-License-Identifier: GPL-2.0
/*
 * Entry contexts that only the PM core's code states: drivers/base/power/
 * main.c picks a system-sleep callback with pm_op() and runs it through
 * dpm_run_callback() under device_lock(dev) (device_suspend(),
 * device_resume()); the early-resume phase (pm_late_early_op()) and
 * runtime PM hold no device lock.
 */
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/pm.h>

static void pmsleep_restore_state(struct device *dev)
{
	device_lock_assert(dev);
}

static int pmsleep_suspend(struct device *dev)
{
	pmsleep_restore_state(dev);
	return 0;
}

static int pmsleep_resume(struct device *dev)
{
	pmsleep_restore_state(dev);
	return 0;
}

static int pmsleep_resume_early(struct device *dev)
{
	pmsleep_restore_state(dev);
	return 0;
}

static int pmsleep_runtime_resume(struct device *dev)
{
	pmsleep_restore_state(dev);
	return 0;
}

static const struct dev_pm_ops pmsleep_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(pmsleep_suspend, pmsleep_resume)
	LATE_SYSTEM_SLEEP_PM_OPS(NULL, pmsleep_resume_early)
	RUNTIME_PM_OPS(NULL, pmsleep_runtime_resume, NULL)
};

static int pmsleep_probe(struct platform_device *pdev)
{
	return 0;
}

static struct platform_driver pmsleep_driver = {
	.probe = pmsleep_probe,
	.driver = {
		.name = "pmsleep",
		.pm = pm_ptr(&pmsleep_pm_ops),
	},
};
module_platform_driver(pmsleep_driver);

MODULE_DESCRIPTION("device_lock() around system-sleep callbacks");
MODULE_LICENSE("GPL");
