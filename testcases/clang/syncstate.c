// A slot called from a static inline of the core's private header
// (dev_sync_state() in drivers/base/base.h) takes its context from the
// inline's callers in the file: held where every direct call holds the
// device lock (Inputs/synccore.c, dd.c's state_synced_store()), not where
// one does not (Inputs/syncbare.c).
// RUN: rm -rf %t %t.bare && mkdir -p %t %t.bare
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/synccore.c
// RUN: grep -h '^@slot' %t/*.sum | FileCheck --check-prefix=CORE %s
// CORE: @slot bus_type.sync_state 0 DEV_MUTEX
// CORE-NEXT: @slot device_driver.sync_state 0 DEV_MUTEX
// CORE-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t.bare \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/syncbare.c
// RUN: grep -h '^@file' %t.bare/*.sum | FileCheck --check-prefix=BARE %s
// BARE: @file {{.*}}syncbare.c
// RUN: not grep '^@slot' %t.bare/*.sum
//
// A driver's sync_state callback then starts with its device locked; with
// the bare core's summary, or none, it does not.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t.bare \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=expected,bare %s
#include <linux/device.h>
#include <linux/platform_device.h>

struct xsync {
	int synced;
};

static void xsync_commit(struct device *dev)
{
	struct xsync *x = dev_get_drvdata(dev);

	device_lock_assert(dev);
	x->synced = 1;
}

static void xsync_sync_state(struct device *dev)
{
	xsync_commit(dev); // bare-warning{{xsync_commit() requires device_lock(dev), which is not held on this path (from xsync_sync_state())}}
}

// The same helper from a callback of a slot nobody calls locked:
// reported either way.
struct xsync_ops {
	void (*kick)(struct device *dev);
};

static void xsync_kick(struct device *dev)
{
	xsync_commit(dev); // expected-warning{{xsync_commit() requires device_lock(dev), which is not held on this path (from xsync_kick())}}
}

const struct xsync_ops xsync_ops = { .kick = xsync_kick };

static struct platform_driver xsync_driver = {
	.driver = {
		.name = "xsync",
		.sync_state = xsync_sync_state,
	},
};

struct platform_driver *xsync_get(void)
{
	return &xsync_driver;
}
