// expected-no-diagnostics
#include "pairlock.h"

void pl_lock_pair(struct device *dev)
{
	device_lock(dev->parent);
	device_lock(dev);
}

int pl_trylock_pair(struct device *dev)
{
	if (!device_trylock(dev->parent))
		return 0;
	if (!device_trylock(dev)) {
		device_unlock(dev->parent);
		return 0;
	}
	return 1;
}

void pl_unlock_pair(struct device *dev)
{
	device_unlock(dev);
	device_unlock(dev->parent);
}

void pl_commit(struct device *dev)
{
	device_lock_assert(dev);
}

void pl_commit_parent(struct device *dev)
{
	device_lock_assert(dev->parent);
}
