// SPDX-License-Identifier: GPL-2.0
/* hold.c's lock helpers through a private header's macros, as
 * drivers/usb/core/usb.c through include/linux/usb.h's usb_lock_device(). */
#include <linux/device.h>
#include "bar.h"

void bar_hold(struct device *dev)
{
	bar_lock(dev);
}

void bar_release(struct device *dev)
{
	bar_unlock(dev);
}
