/*
 * A lock function that gives up after a second, in the shape of
 * drivers/usb/core/usb.c:usb_lock_device_for_reset(): held iff it
 * returns 0 (two-pass input).
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>

int lock_for_reset(struct device *dev)
{
	unsigned long expire = jiffies + HZ;

	while (!device_trylock(dev)) {
		/* false on the first pass: only msleep() moves jiffies on */
		if (time_after(jiffies, expire))
			return -16;
		msleep(15);
	}
	return 0;
}
