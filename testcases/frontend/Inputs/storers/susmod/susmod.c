// SPDX-License-Identifier: GPL-2.0
/* A driver of the xsus bus: its ->suspend() runs where the core's
 * xsus_dev_suspend() does, which the tree says only through the file that
 * stores it (drivers/bar/xsus_pm.c) and the PM core that calls that slot
 * (drivers/bar/xpm.c).  Without them, line 26 is reported. */
#include <linux/device.h>

struct xsus_device {
	struct device dev;
};

struct xsus_driver {
	int (*suspend)(struct xsus_device *xd);
	struct device_driver driver;
};

int xsus_register_driver(struct xsus_driver *drv);

static void susmod_commit(struct device *dev)
{
	device_lock_assert(dev);
}

static int susmod_suspend(struct xsus_device *xd)
{
	susmod_commit(&xd->dev);
	return 0;
}

static struct xsus_driver susmod_driver = { .suspend = susmod_suspend };

int susmod_init(void)
{
	return xsus_register_driver(&susmod_driver);
}
