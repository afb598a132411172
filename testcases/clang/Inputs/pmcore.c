// The PM core's system-sleep path, as drivers/base/power/main.c (6.12):
// device_suspend() and device_resume() pick the callback with pm_op() and
// run it through dpm_run_callback() under device_lock(dev);
// device_prepare() reads the slot into a local and calls it under the
// same lock; the late and early phases (pm_late_early_op()) take no
// device lock.
#include <linux/device.h>

typedef int (*pm_callback_t)(struct device *);

static pm_callback_t pm_op(const struct dev_pm_ops *ops, int event)
{
	switch (event) {
	case 1:
		return ops->suspend;
	case 2:
		return ops->resume;
	case 3:
		return ops->freeze;
	case 4:
		return ops->thaw;
	case 5:
		return ops->poweroff;
	case 6:
		return ops->restore;
	}
	return NULL;
}

static pm_callback_t pm_late_early_op(const struct dev_pm_ops *ops, int event)
{
	return event == 1 ? ops->suspend_late : ops->resume_early;
}

static int dpm_run_callback(pm_callback_t cb, struct device *dev, int event,
			    const char *info)
{
	if (!cb)
		return 0;
	return cb(dev);
}

static int device_resume(struct device *dev, int event)
{
	pm_callback_t callback = NULL;
	const char *info = NULL;
	int error;

	device_lock(dev);
	if (dev->bus && dev->bus->pm) {
		info = "bus ";
		callback = pm_op(dev->bus->pm, event);
		goto Driver;
	}
 Driver:
	if (!callback && dev->driver && dev->driver->pm) {
		info = "driver ";
		callback = pm_op(dev->driver->pm, event);
	}
	error = dpm_run_callback(callback, dev, event, info);
	device_unlock(dev);
	return error;
}

static int device_resume_early(struct device *dev, int event)
{
	pm_callback_t callback = NULL;

	if (dev->driver && dev->driver->pm)
		callback = pm_late_early_op(dev->driver->pm, event);
	return dpm_run_callback(callback, dev, event, "early driver ");
}

static int device_prepare(struct device *dev)
{
	int (*callback)(struct device *) = NULL;
	int ret = 0;

	device_lock(dev);
	if (dev->driver && dev->driver->pm)
		callback = dev->driver->pm->prepare;
	if (callback)
		ret = callback(dev);
	device_unlock(dev);
	return ret;
}

/* Each device in turn from the core's own list (dpm_list): no caller
 * hands one in, so the phases' callbacks are no API's (@api). */
struct device *dpm_list_next(struct device *dev);

int dpm_resume(int event)
{
	struct device *dev;
	int error = 0;

	for (dev = dpm_list_next(NULL); dev && !error; dev = dpm_list_next(dev)) {
		error = device_prepare(dev);
		if (!error)
			error = device_resume_early(dev, event);
		if (!error)
			error = device_resume(dev, event);
	}
	return error;
}
