// drivers/base/power/generic_ops.c (6.12): an exported helper a bus or
// class calls with its own device, handing it to the driver's callback.
// Alone, this file would make the slot an API's (@api).
#include <linux/device.h>
#include <linux/export.h>

int pm_generic_runtime_resume(struct device *dev)
{
	const struct dev_pm_ops *pm = dev->driver ? dev->driver->pm : NULL;

	return pm && pm->runtime_resume ? pm->runtime_resume(dev) : 0;
}
EXPORT_SYMBOL_GPL(pm_generic_runtime_resume);
