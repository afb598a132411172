// -D patch -D fwspec on a tree without the fwspec API (every Debian tree):
// no code that cannot compile, a message naming the missing API instead.
// RUN: spatch --very-quiet --no-includes -D patch -D fwspec --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.diff 2> %t.err
// RUN: not test -s %t.diff
// RUN: FileCheck %s < %t.err

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/iommu.h>

int no_api(struct device *dev, struct device_node *np)
{
	// CHECK: fwspec-noapi.c:[[@LINE+1]]: fwspec rewrite skipped: iommu_probe_device_fwspec() is not declared in any header this file includes: this tree has no iommu fwspec API (iommu: Add iommu_fwspec_alloc/dealloc()); use the default lock rewrite or -D annotate [dma-configure-outside-bus]
	return of_dma_configure(dev, np, true);
}
