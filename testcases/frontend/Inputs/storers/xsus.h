/* A bus whose core calls its drivers' ->suspend() from an exported
 * function (xenbus_dev_suspend() in drivers/xen/xenbus/xenbus_probe.c). */
#include <linux/device.h>

struct xsus_device {
	struct device dev;
};

struct xsus_driver {
	int (*suspend)(struct xsus_device *xd);
	struct device_driver driver;
};

int xsus_dev_suspend(struct device *dev);
int xsus_register_driver(struct xsus_driver *drv);
