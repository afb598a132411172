// SPDX-License-Identifier: GPL-2.0
/* The bus core: it locks nothing, and no function of this file stores
 * xsus_dev_suspend().  Only the file that does (xsus_pm.c, the shape of
 * xenbus_probe_frontend.c) says where it runs.  It is exported in a
 * namespace, as many cores' functions are. */
#include <linux/export.h>
#include "xsus.h"

int xsus_dev_suspend(struct device *dev)
{
	struct xsus_device *xd = container_of(dev, struct xsus_device, dev);
	struct xsus_driver *drv = container_of(dev->driver, struct xsus_driver, driver);

	return drv->suspend(xd);
}
EXPORT_SYMBOL_NS_GPL(xsus_dev_suspend, XSUS);

int xsus_register_driver(struct xsus_driver *drv)
{
	return drv ? 0 : -22;
}
EXPORT_SYMBOL_GPL(xsus_register_driver);
