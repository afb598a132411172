/* A header's static inline functions: a file that never names one never
 * runs it.  See ../named.c. */
#include <linux/device.h>
#include <linux/platform_device.h>

int nm_ext_named(struct device *dev);
int nm_ext_unnamed(struct device *dev);
int nm_probe_named(struct platform_device *pdev);
int nm_probe_unnamed(struct platform_device *pdev);

static inline int nm_named(struct platform_driver *drv, struct device *dev)
{
	drv->probe = nm_probe_named;
	return nm_ext_named(dev);
}

static inline int nm_unnamed(struct platform_driver *drv, struct device *dev)
{
	drv->probe = nm_probe_unnamed;
	return nm_ext_unnamed(dev);
}
