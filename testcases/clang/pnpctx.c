// Slot contexts two files away: the PM core (Inputs/pmcore.c) calls a
// bus's dev_pm_ops.resume with the device locked, and that bus callback
// (Inputs/pnpbus.c) calls its driver's ->resume() for the same device,
// as pnp_bus_resume() does.  Pass 1's text scan of the bus starts each
// function stored in a slot with the locks the summaries give that slot,
// so the bus's summary says its drivers' ->resume() runs locked, and
// ->resume_early() (the PM core's early phase: no device lock) does not.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/pmcore.c
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/pnpbus.c
// RUN: grep -h '^@slot .*resume' %t/*pnpbus.c.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @slot xpnp_driver.resume 0 DEV_MUTEX
// SUM-NOT: {{.}}
//
// The driver: its ->resume() starts with its device locked, its
// ->resume_early() does not.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -I %S/Inputs -DCONFIG_LOCKDEP -verify %s
#include "pnpbus.h"

static void xdrv_reprogram(struct xpnp_dev *xd)
{
	device_lock_assert(&xd->dev);
	xd->mode = 1;
}

static int xdrv_resume(struct xpnp_dev *xd)
{
	xdrv_reprogram(xd);
	return 0;
}

static int xdrv_resume_early(struct xpnp_dev *xd)
{
	xdrv_reprogram(xd); // expected-warning{{xdrv_reprogram() requires device_lock(&xd->dev), which is not held on this path (from xdrv_resume_early())}}
	return 0;
}

struct xpnp_driver xdrv = {
	.resume = xdrv_resume,
	.resume_early = xdrv_resume_early,
};
