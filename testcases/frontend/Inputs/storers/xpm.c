// SPDX-License-Identifier: GPL-2.0
/* The PM core (device_suspend() in drivers/base/power/main.c): a bus's
 * ->freeze() runs under the device's lock. */
#include <linux/device.h>
#include <linux/pm.h>

int xpm_freeze_device(struct device *dev, const struct dev_pm_ops *ops)
{
	int ret;

	device_lock(dev);
	ret = ops->freeze(dev);
	device_unlock(dev);
	return ret;
}
