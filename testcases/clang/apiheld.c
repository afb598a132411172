// A callback that only another file's API calls back (Inputs/core.c:
// xcore_register() -> ->setup, "@api xcore_ops.setup xcore_register"),
// shaped on i3c_master_register() -> ->bus_init.  Where this file calls
// the API only with a device lock held (from its probe), a device the
// callback reads from memory may be that one, as when the analyzer sees
// the call: not reported.  Its own argument is the API caller's new
// device, which nobody locked: reported.  Where this file calls the API
// without a lock, or not at all (fpga_mgr_load(), called by fpga-region.c,
// calls a manager's ->write_complete), nothing says a lock is held.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/core.c
// RUN: grep -h '^@api' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @api xcore_client_ops.init xcore_init_clients
// SUM-NEXT: @api xcore_ops.setup xcore_register
// SUM-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=locked %s
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DREGISTER_UNLOCKED -verify=unlocked %s
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DNO_REGISTER -verify=unlocked %s
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/xcore.h>

struct my_priv {
	struct xcore_dev xd;
	struct device *dev;	/* the platform device: probe stores it */
};

static void commit(struct device *dev)
{
	device_lock_assert(dev);
}

static int my_setup(struct xcore_dev *xd)
{
	struct my_priv *p = container_of(xd, struct my_priv, xd);

	commit(p->dev); // unlocked-warning{{commit() requires device_lock(p->dev), which is not held on this path (from my_setup())}}
	commit(&xd->dev); // locked-warning{{commit() requires device_lock(&xd->dev), which is not held on this path (from my_setup())}} unlocked-warning{{from my_setup()}}
	return 0;
}

static const struct xcore_ops my_ops = { .setup = my_setup };

#ifndef NO_REGISTER
static int my_register(struct my_priv *p)
{
	return xcore_register(&p->xd, &my_ops);
}
#endif

static int my_probe(struct platform_device *pdev)
{
	struct my_priv *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return -12;
	p->dev = &pdev->dev;
#if !defined(REGISTER_UNLOCKED) && !defined(NO_REGISTER)
	return my_register(p);
#else
	return 0;
#endif
}

#ifdef REGISTER_UNLOCKED
/* a work item's, say: nothing holds a lock */
void my_late_register(struct my_priv *p)
{
	my_register(p);
}
#endif

static struct platform_driver my_driver = { .probe = my_probe };
