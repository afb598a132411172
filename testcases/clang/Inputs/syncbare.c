// A core that also calls the wrapper on a device it did not lock: its
// static caller is reached from an exported function holding nothing.
#include "syncstate.h"

static void sync_one(struct device *dev)
{
	dev_sync_state(dev);
}

void sync_all(struct device *dev)
{
	device_lock(dev);
	dev_sync_state(dev);
	device_unlock(dev);
	sync_one(dev);
}
