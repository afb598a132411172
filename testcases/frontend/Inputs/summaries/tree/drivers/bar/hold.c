// SPDX-License-Identifier: GPL-2.0
/* Lock helpers of the bus core (the shape of pci_dev_lock()): their
 * callers hold the device's lock between the two. */
#include <linux/device.h>

void bar_hold(struct device *dev)
{
	device_lock(dev);
}

void bar_release(struct device *dev)
{
	device_unlock(dev);
}
