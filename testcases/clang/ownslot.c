// A driver's callbacks besides probe and remove are given the device the
// driver is bound to: serio_driver.connect (drivers/input/serio/serio.c,
// from serio_driver_probe() and from drvctl_store()),
// xenbus_driver.resume and .otherend_changed.  Re-pointing that device is
// the probed-device pattern, whoever holds its lock.  A struct that is no
// driver (an ops table the driver fills for a core) names no such device,
// nor does a device the callback finds.
// RUN: %clang -cc1 -analyze -load %plugin \
// RUN:   -analyzer-checker=core,kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>

struct device_node *np;

struct sx_device {
	struct device dev;
	struct device_node *alt_np;
};

struct sx_driver {
	int (*probe)(struct sx_device *sdev);
	int (*connect)(struct sx_device *sdev, struct sx_driver *drv);
	int (*resume)(struct sx_device *sdev);
	struct device_driver driver;
};

struct sx_ops {
	int (*setup)(struct sx_device *sdev);
};

static int sx_connect(struct sx_device *sdev, struct sx_driver *drv)
{
	return of_dma_configure(&sdev->dev, sdev->alt_np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a probed-device &sdev->dev, device_lock not held [dma-configure-outside-bus]}}
}

static int sx_resume(struct sx_device *sdev)
{
	struct platform_device *peer = of_find_device_by_node(np);

	if (!peer)
		return -19;
	return of_dma_configure(&peer->dev, np, true); // expected-warning{{on a foreign-device &peer->dev, device_lock not held}}
}

static int sx_setup(struct sx_device *sdev)
{
	return of_dma_configure(&sdev->dev, np, true); // expected-warning{{on a foreign-device &sdev->dev, device_lock not held}}
}

struct sx_driver sx_driver = {
	.connect = sx_connect,
	.resume = sx_resume,
};

struct sx_ops sx_ops = { .setup = sx_setup };
