// SPDX-License-Identifier: GPL-2.0
/* A bus core that states its contract by assertion (the shape of
 * drivers/base/core.c's kill_device()): callers elsewhere must hold the
 * device's lock. */
#include <linux/device.h>

struct bar_state {
	int dead;
};

int bar_mark_dead(struct device *dev)
{
	device_lock_assert(dev);
	return dev->driver_data ? 0 : 1;
}
