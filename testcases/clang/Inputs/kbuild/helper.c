/* Exported, asserts its caller holds the device lock (two-pass input). */
#include <linux/device.h>

void helper_needs(struct device *dev)
{
	device_lock_assert(dev);
}
