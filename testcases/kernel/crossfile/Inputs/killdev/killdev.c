// SPDX-License-Identifier: GPL-2.0
/*
 * An out-of-tree module that calls drivers/base/core.c's exported
 * kill_device(), which requires its caller to hold the device's lock
 * (device_lock_assert(dev)), on a device it looks up on the platform bus:
 * once under device_lock(), as device_del() and nvdimm's
 * nd_device_unregister(ND_SYNC) do, and once without it.
 */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/platform_device.h>

static bool killdev_unlocked(const char *name)
{
	struct device *dev = bus_find_device_by_name(&platform_bus_type, NULL, name);
	bool killed;

	if (!dev)
		return false;
	killed = kill_device(dev);
	put_device(dev);
	return killed;
}

static bool killdev_locked(const char *name)
{
	struct device *dev = bus_find_device_by_name(&platform_bus_type, NULL, name);
	bool killed;

	if (!dev)
		return false;
	device_lock(dev);
	killed = kill_device(dev);
	device_unlock(dev);
	put_device(dev);
	return killed;
}

static int __init killdev_init(void)
{
	killdev_locked("killdev-a");
	killdev_unlocked("killdev-b");
	return 0;
}
module_init(killdev_init);

MODULE_DESCRIPTION("iommu-lockcheck test: kill_device() with and without device_lock");
MODULE_LICENSE("GPL");
