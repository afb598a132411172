// Lock helpers on the device in a pointer member of their argument, like
// usb_lock_device_for_reset(): 0 with device_lock(p->dev) held, a
// negative errno without it.
#include <linux/device.h>
#include <linux/errno.h>
#include "ptrlock.h"

int plk_lock(struct plk *p)
{
	int ret;

	ret = device_lock_interruptible(p->dev);
	if (ret)
		return ret;
	if (p->gone) {
		device_unlock(p->dev);
		return -ENODEV;
	}
	return 0;
}

void plk_unlock(struct plk *p)
{
	device_unlock(p->dev);
}

void plk_set_mode(struct plk *p, int mode)
{
	device_lock_assert(p->dev);
	p->mode = mode;
}

/* Locks the device itself around the helper that asserts it: nothing is
 * left to its callers. */
int plk_set_mode_self(struct plk *p, int mode)
{
	if (p->gone)
		return -ENODEV;
	device_lock(p->dev);
	if (mode < 0)
		return -EINVAL; /* the lock leaks here: a finding of its own */
	plk_set_mode(p, mode);
	device_unlock(p->dev);
	return 0;
}
