// A driver's callbacks besides probe and remove are given the device the
// driver is bound to (serio_driver.connect, xenbus_driver.resume):
// re-pointing it is probed-device, as the Clang engine says
// (testcases/clang/ownslot.c).  An ops table that is no driver, and a
// device the callback finds, are not.
// RUN: spatch --very-quiet -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// RUN: %clang -fsyntax-only -I %kinc %s
// The lock rewrite leaves the driver's own device alone: .connect may run
// from its probe, under the lock.
// RUN: spatch --very-quiet -D patch --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.patch 2>&1
// RUN: FileCheck %s --check-prefix=SKIP < %t.patch
// SKIP: ownslot.c:{{[0-9]+}}:9: lock rewrite skipped for of_dma_configure(): &sdev->dev is the device its driver is bound to; sx_connect() may run from its probe, under its device_lock, so taking it here could deadlock (-D annotate marks it) [dma-configure-outside-bus]
// SKIP-NOT: {{^}}-{{.*}}alt_np
// SKIP: {{^}}+{{.*}}device_lock(&peer->dev);
// SKIP-NOT: {{^}}-{{.*}}alt_np
// SKIP: {{^}}+{{.*}}device_lock(&sdev->dev);
// SKIP-NOT: {{^}}-{{.*}}alt_np

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
	return of_dma_configure(&sdev->dev, sdev->alt_np, true);
}
// CHECK: ownslot.c:[[@LINE-2]]:{{[0-9]+}}-{{[0-9]+}}: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device &sdev->dev, device_lock not held [dma-configure-outside-bus]

static int sx_resume(struct sx_device *sdev)
{
	struct platform_device *peer = of_find_device_by_node(np);

	if (!peer)
		return -19;
	return of_dma_configure(&peer->dev, np, true);
}
// CHECK: ownslot.c:[[@LINE-2]]:{{[0-9]+}}-{{[0-9]+}}: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &peer->dev, device_lock not held [dma-configure-outside-bus]

static int sx_setup(struct sx_device *sdev)
{
	return of_dma_configure(&sdev->dev, np, true);
}
// CHECK: ownslot.c:[[@LINE-2]]:{{[0-9]+}}-{{[0-9]+}}: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &sdev->dev, device_lock not held [dma-configure-outside-bus]

struct sx_driver sx_driver = {
	.connect = sx_connect,
	.resume = sx_resume,
};

struct sx_ops sx_ops = { .setup = sx_setup };
