// SPDX-License-Identifier: GPL-2.0
/*
 * h17sx - configuration helpers.  Each one requires the SIOX device's
 * lock: by lockdep_assert_held(&dev->mutex), device_lock_assert(), its
 * name or its kernel-doc Context: line.
 */
#include <linux/device.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>

#include "h17sx.h"	/* linux/siox.h has no include guard */

/* Recompute the output image from mode/invert/debounce. */
int h17sx_cfg_apply(struct device *dev)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);

	lockdep_assert_held(&dev->mutex);

	if (dd->mode > H17SX_MODE_MAX || dd->debounce > H17SX_DEBOUNCE_MAX)
		return -EINVAL;

	mutex_lock(&dd->lock);
	if (dd->safe_state)
		dd->setdata = 0;
	dd->applied++;
	mutex_unlock(&dd->lock);

	return 0;
}

/* Fill the byte clocked out in the next SIOX cycle. */
void h17sx_cfg_outputs_locked(struct device *dev, u8 *buf)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);
	u8 out;

	mutex_lock(&dd->lock);
	out = dd->safe_state ? 0 : dd->setdata;
	mutex_unlock(&dd->lock);

	buf[0] = dd->invert ? ~out : out;
}

void h17sx_cfg_latch_inputs(struct device *dev, u8 in)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);

	device_lock_assert(dev);

	mutex_lock(&dd->lock);
	dd->getdata = dd->invert ? ~in : in;
	if (dd->mode != H17SX_MODE_RAW)
		dd->latched |= dd->getdata;
	mutex_unlock(&dd->lock);
}

/**
 * h17sx_cfg_reset() - drop all outputs to their safe state
 * @dev: the SIOX device
 *
 * Context: Process context.  The caller must hold the device lock of
 * @dev; it is ordered against probe, remove and the sysfs writers.
 */
void h17sx_cfg_reset(struct device *dev)
{
	struct h17sx_ddata *dd = dev_get_drvdata(dev);

	mutex_lock(&dd->lock);
	dd->setdata = 0;
	dd->latched = 0;
	mutex_unlock(&dd->lock);
}

/*
 * Lock @dev and check it is still bound: 0 with the lock held, an error
 * without it (device_lock_interruptible() contract).
 */
int h17sx_lock_bound(struct device *dev)
{
	if (device_lock_interruptible(dev))
		return -EINTR; /* EXPECT-NONE: lock-imbalance */

	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}

	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Trylock variant for work items; meant to have the same contract, but
 * the link check returns with the lock held.
 */
int h17sx_trylock_connected(struct siox_device *sdevice)
{
	struct device *dev = &sdevice->dev;

	if (!device_trylock(dev))
		return -EBUSY;

	if (!siox_device_connected(sdevice))
		return -ENOLINK; /* EXPECT: lock-imbalance @h17sx_link */

	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV;
	}

	return 0;
}
