// The call chain to the requirement is in the path notes (text output;
// SARIF carries the same as a code flow).
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-output=text -I %kinc -DCONFIG_LOCKDEP %s 2>&1 \
// RUN:   | FileCheck --implicit-check-not=warning: %s
#include <linux/device.h>
#include <linux/of_device.h>

struct device *find_dev(void);
struct device_node *np;

static int configure(struct device *dev)
{
	return of_dma_configure(dev, np, true);
}

static int setup(struct device *dev)
{
	return configure(dev);
}

int driver_init(void)
{
	struct device *d = find_dev();

	return setup(d);
}
// CHECK: notes.c:15:9: warning: of_dma_configure() requires device_lock(dev), which is not held on this path (from driver_init()) [device-lock-required]
// CHECK: notes.c:27:9: note: Calling 'setup'
// CHECK: notes.c:20:9: note: Calling 'configure'
// CHECK: notes.c:15:9: note: of_dma_configure() requires device_lock(dev)
