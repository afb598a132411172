// As 6.12's dd.c: state_synced_store() calls dev_sync_state() under the
// device lock, and nothing here calls it without.
#include "syncstate.h"

int state_synced_store(struct device *dev, int synced)
{
	device_lock(dev);
	if (!synced)
		dev_sync_state(dev);
	device_unlock(dev);
	return 0;
}
