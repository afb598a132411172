// SPDX-License-Identifier: GPL-2.0
/* The callers, in another file that names no function of the rules table:
 * only the cross-file pass finds them (the shape of nvdimm's
 * nd_device_unregister()). */
#include <linux/device.h>

int bar_mark_dead(struct device *dev);
struct device *bar_find(int id);

void bar_remove_unlocked(int id)
{
	struct device *dev = bar_find(id);

	bar_mark_dead(dev);
}

void bar_remove_locked(int id)
{
	struct device *dev = bar_find(id);

	device_lock(dev);
	bar_mark_dead(dev);
	device_unlock(dev);
}
