// SPDX-License-Identifier: GPL-2.0
/* A module that takes a device's lock through the bus core's helpers
 * (drivers/bar/hold.c), defined in a file it does not name: only the tree
 * index's summary of that file says they lock and unlock.  It stores no
 * function into a slot: the index is not only for slot contexts. */
#include <linux/device.h>

struct device *bar_find(int id);
void bar_hold(struct device *dev);
void bar_release(struct device *dev);

static void holder_commit(struct device *dev)
{
	device_lock_assert(dev);
}

void holder_locked(int id)
{
	struct device *dev = bar_find(id);

	bar_hold(dev);
	holder_commit(dev);
	bar_release(dev);
}

void holder_unlocked(int id)
{
	struct device *dev = bar_find(id);

	holder_commit(dev);
}
