// The index reads this file's own functions, named or not, and of a
// header's static inline functions only those the file names: another
// runs only in the files that call it.  Its calls and slot stores are
// no part of this file's summary.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %s
// RUN: grep -h '^@uses nm_\|^@stored nm_' %t/*named.c.sum | sort | \
// RUN:   FileCheck %s
// CHECK: @stored nm_probe_named platform_driver.probe
// CHECK-NEXT: @uses nm_ext_main
// CHECK-NEXT: @uses nm_ext_named
// CHECK-NOT: {{.}}
#include "Inputs/named.h"

int nm_ext_main(struct device *dev);

static struct platform_driver nm_driver;

int nm_setup(struct device *dev)
{
	return nm_named(&nm_driver, dev);
}

// The file's own static function that nothing calls: still its own.
static int __attribute__((unused)) nm_main_unnamed(struct device *dev)
{
	return nm_ext_main(dev);
}
