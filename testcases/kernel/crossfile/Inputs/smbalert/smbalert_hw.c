// SPDX-License-Identifier: GPL-2.0
#include <linux/device.h>
#include "smbalert.h"

/* Reads and clears the chip's alarm latch: the driver must not change
 * under it (lm90.c's lm90_update_alarms() runs under its callers' lock). */
int smbalert_ack(struct device *dev)
{
	device_lock_assert(dev);
	return dev->driver ? 0 : -ENODEV;
}
