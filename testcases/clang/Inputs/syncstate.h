/* The driver core's private header, as drivers/base/base.h (6.12): the
 * slots are called from a static inline of its own. */
#include <linux/device.h>

static inline void dev_sync_state(struct device *dev)
{
	if (dev->bus->sync_state)
		dev->bus->sync_state(dev);
	else if (dev->driver && dev->driver->sync_state)
		dev->driver->sync_state(dev);
}
