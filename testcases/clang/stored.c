// A callback defined in one file and stored in a slot by another: pass 1
// of the storing file (Inputs/storer.c) says which slot ("@stored"), and
// the defining file then enters it as the slot's callers do.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/storer.c
// Only functions defined elsewhere: xq_match() is the storer's own.
// RUN: grep -h '^@stored' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @stored xq_dma_configure bus_type.dma_configure
// SUM-NEXT: @stored xq_probe platform_driver.probe
// SUM-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
// The probe starts locked, so only xq_rescan(), a non-static function
// that is no callback, passes its helper's requirement on to its callers
// in other files.
// RUN: grep -h '^xq_' %t/*stored.c.sum | FileCheck --check-prefix=OWN %s
// OWN: xq_rescan 0 DEV_MUTEX dev
// OWN-NOT: {{.}}
// The configure call it reached inside the bus callback (the front end
// lets that verdict stand over Coccinelle's per-file one):
// RUN: grep -h '^@inbus' %t/*stored.c.sum | FileCheck --check-prefix=INBUS %s
// Without the storer's summary both are plain non-static functions, whose
// callers decide:
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=nosum %s
// expected-no-diagnostics
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>

struct device_node *np;

int xq_dma_configure(struct device *dev)
{
	// INBUS: @inbus [[@LINE+1]]
	return of_dma_configure(dev, np, 1); // nosum-warning{{of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock left to the callers of xq_dma_configure() [dma-configure-outside-bus]}}
}

static void xq_commit(struct device *dev)
{
	device_lock_assert(dev);
}

int xq_probe(struct platform_device *pdev)
{
	xq_commit(&pdev->dev);
	return 0;
}

/* Stored nowhere: its callers decide (alone, an entry with nothing held). */
int xq_rescan(struct platform_device *pdev)
{
	xq_commit(&pdev->dev);
	return 0;
}
