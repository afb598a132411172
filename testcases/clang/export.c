// An exported function is callable from other files, not a callback:
// EXPORT_SYMBOL()'s "extern typeof(f) f;" names f in a type, never
// evaluated, and its ".discard.addressable" pointer is no slot.  So a
// requirement on its parameter is its callers' (passed on in its summary),
// as for any non-static function; one stored in a table as well is a
// callback, entered with nothing held.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
// RUN: grep -h '^xexp' %t/*.sum | sort | FileCheck %s
// CHECK: xexp_commit 0 DEV_MUTEX
// CHECK-NOT: {{.}}
#include <linux/device.h>
#include <linux/export.h>

static void commit(struct device *dev)
{
	device_lock_assert(dev);
}

void xexp_commit(struct device *dev)
{
	commit(dev);
}
EXPORT_SYMBOL_GPL(xexp_commit);

struct xexp_ops {
	void (*run)(struct device *dev);
};

void xexp_run(struct device *dev)
{
	commit(dev); // expected-warning{{commit() requires device_lock(dev), which is not held on this path (from xexp_run())}}
}
EXPORT_SYMBOL(xexp_run);

const struct xexp_ops xexp_ops = { .run = xexp_run };
