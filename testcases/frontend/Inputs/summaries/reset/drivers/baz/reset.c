// SPDX-License-Identifier: GPL-2.0
/*
 * A lock function that gives up after a second, in the shape of
 * drivers/usb/core/usb.c:usb_lock_device_for_reset(): held iff it returns
 * 0.  Only pass 1 sees the timeout expire (it runs with cast symbols); a
 * full analysis of this file finds it always holding.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>

int baz_lock_for_reset(struct device *dev)
{
	unsigned long expire = jiffies + HZ;

	while (!device_trylock(dev)) {
		if (time_after(jiffies, expire))
			return -16;
		msleep(15);
	}
	return 0;
}
