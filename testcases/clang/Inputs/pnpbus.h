/* A bus whose own dev_pm_ops calls its drivers' PM ops, as PNP does
 * (drivers/pnp/driver.c, 6.12). */
#include <linux/device.h>

struct xpnp_dev {
	struct device dev;	/* first, as pnp_dev's */
	struct xpnp_driver *driver;
	int mode;
};

#define to_xpnp_dev(d) container_of(d, struct xpnp_dev, dev)

struct xpnp_driver {
	int (*resume)(struct xpnp_dev *dev);
	int (*resume_early)(struct xpnp_dev *dev);
	struct device_driver driver;
};
