// drivers/base/power/runtime.c (6.12): rpm_resume() picks the callback
// with RPM_GET_CALLBACK(), a getter told the slot by its offset, and runs
// it through rpm_callback() -> __rpm_callback() -> cb(dev), under no
// device lock; its device comes from the exported API or from the core's
// own work item (pm_runtime_work()), so the slot is no API's (@notapi).
#include <linux/device.h>
#include <linux/export.h>
#include <linux/kernel.h>

typedef int (*pm_callback_t)(struct device *);

static pm_callback_t __rpm_get_callback(struct device *dev, unsigned long cb_offset)
{
	pm_callback_t cb = NULL;

	if (dev->driver && dev->driver->pm)
		cb = *(pm_callback_t *)((void *)dev->driver->pm + cb_offset);
	return cb;
}

#define RPM_GET_CALLBACK(dev, callback) \
		__rpm_get_callback(dev, offsetof(struct dev_pm_ops, callback))

static int __rpm_callback(int (*cb)(struct device *), struct device *dev)
{
	return cb(dev);
}

static int rpm_callback(int (*cb)(struct device *), struct device *dev)
{
	if (!cb)
		return -38;
	return __rpm_callback(cb, dev);
}

static int rpm_resume(struct device *dev, int rpmflags)
{
	int (*callback)(struct device *);

	callback = RPM_GET_CALLBACK(dev, runtime_resume);
	return rpm_callback(callback, dev);
}

int __pm_runtime_resume(struct device *dev, int rpmflags)
{
	return rpm_resume(dev, rpmflags);
}
EXPORT_SYMBOL_GPL(__pm_runtime_resume);

/* The core's deferred request, for a device it queued itself. */
struct rpm_request {
	struct device *dev;
	void (*fn)(struct rpm_request *req);
};

static void pm_runtime_work(struct rpm_request *req)
{
	rpm_resume(req->dev, 0);
}

void pm_runtime_queue(struct rpm_request *req, struct device *dev)
{
	req->dev = dev;
	req->fn = pm_runtime_work;
}
