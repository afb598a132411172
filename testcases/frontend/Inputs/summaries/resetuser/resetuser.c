// SPDX-License-Identifier: GPL-2.0
/* A module that resets through drivers/baz/resetlock.c's lock function:
 * resetuser_checked() unlocks only when it returned 0,
 * resetuser_unchecked() whatever it returned (line 26). */
#include <linux/device.h>

int lock_for_reset(struct device *dev);
int resetuser_checked(struct device *dev);
int resetuser_unchecked(struct device *dev);

int resetuser_checked(struct device *dev)
{
	int ret = lock_for_reset(dev);

	if (ret)
		return ret;
	device_unlock(dev);
	return 0;
}

int resetuser_unchecked(struct device *dev)
{
	int ret;

	ret = lock_for_reset(dev);
	device_unlock(dev);
	return ret;
}
