/* Uses resetlock.c's lock_for_reset() (two-pass input). */
#include <linux/device.h>

int lock_for_reset(struct device *dev);

/* the result ignored: the unlock may drop a lock it never got */
void reset_unchecked(struct device *dev)
{
	lock_for_reset(dev);
	device_unlock(dev);
}

void reset_checked(struct device *dev)
{
	if (lock_for_reset(dev))
		return;
	device_unlock(dev);
}
