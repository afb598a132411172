#include <linux/device.h>

/* Lock helpers that take a device and its parent together, parent first,
 * as drivers/base/dd.c's __device_driver_lock() does, and one trylock of
 * the pair in pci_dev_trylock()'s shape (1 holding both, 0 holding none). */
void pl_lock_pair(struct device *dev);
int pl_trylock_pair(struct device *dev);
void pl_unlock_pair(struct device *dev);
void pl_commit(struct device *dev);
void pl_commit_parent(struct device *dev);
