// Entry contexts through the PM core's local function pointers: pass 1 of
// Inputs/pmcore.c finds that the system-sleep slots (suspend, resume,
// freeze, thaw, poweroff, restore; prepare) are called under the device
// lock, through pm_op()'s returns and dpm_run_callback()'s call of its
// parameter, and the late and runtime slots are not.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/pmcore.c
// RUN: grep -h '^@slot' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @slot dev_pm_ops.freeze 0 DEV_MUTEX
// SUM-NEXT: @slot dev_pm_ops.poweroff 0 DEV_MUTEX
// SUM-NEXT: @slot dev_pm_ops.prepare 0 DEV_MUTEX
// SUM-NEXT: @slot dev_pm_ops.restore 0 DEV_MUTEX
// SUM-NEXT: @slot dev_pm_ops.resume 0 DEV_MUTEX
// SUM-NEXT: @slot dev_pm_ops.suspend 0 DEV_MUTEX
// SUM-NEXT: @slot dev_pm_ops.thaw 0 DEV_MUTEX
// SUM-NOT: {{.}}
//
// The runtime slot: pm_generic_runtime_resume() (Inputs/pmgeneric.c) calls
// it back from an exported function with its caller's device, but the
// runtime core (Inputs/pmruntime.c) calls it, through a getter told the
// slot by offsetof() and two helpers, for a device its own work item
// found: no API's, so its callbacks start with nothing held.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/pmgeneric.c
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/pmruntime.c
// RUN: grep -h 'api dev_pm_ops.runtime' %t/*.sum | sort | FileCheck --check-prefix=API %s
// API: @api dev_pm_ops.runtime_resume
// API-NEXT: @notapi dev_pm_ops.runtime_resume
// API-NOT: {{.}}
//
// A driver's dev_pm_ops, stored through pm_sleep_ptr() (a conditional
// whose condition is the constant IS_ENABLED(CONFIG_PM_SLEEP)): its
// system-sleep callbacks start with the device locked, its early-resume
// and runtime callbacks do not.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_PM -DCONFIG_PM_SLEEP -verify=expected,sum %s
// A system-sleep callback's device is the driver's own, which the PM core
// calls it about: re-pointing it is the probed-device pattern.
// Without the PM core's summary, every callback is an unlocked entry:
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_PM -DCONFIG_PM_SLEEP -verify=expected,nosum %s
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>

struct xpm {
	int mode;
};

static void xpm_reprogram(struct device *dev)
{
	struct xpm *x = dev_get_drvdata(dev);

	device_lock_assert(dev);
	x->mode = 1;
}

static int xpm_prepare(struct device *dev)
{
	xpm_reprogram(dev); // nosum-warning{{xpm_reprogram() requires device_lock(dev), which is not held on this path (from xpm_prepare())}}
	return 0;
}

static int xpm_suspend(struct device *dev)
{
	xpm_reprogram(dev); // nosum-warning{{xpm_reprogram() requires device_lock(dev), which is not held on this path (from xpm_suspend())}}
	return 0;
}

static int xpm_resume(struct device *dev)
{
	xpm_reprogram(dev); // nosum-warning{{xpm_reprogram() requires device_lock(dev), which is not held on this path (from xpm_resume())}}
	return of_dma_configure(dev, dev->of_node, true); // sum-warning{{of_dma_configure() outside bus_type.dma_configure on a probed-device dev, device_lock held [dma-configure-outside-bus]}} nosum-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from xpm_resume())}} nosum-warning{{on a foreign-device dev, device_lock not held}}
}

static int xpm_resume_early(struct device *dev)
{
	xpm_reprogram(dev); // expected-warning{{xpm_reprogram() requires device_lock(dev), which is not held on this path (from xpm_resume_early())}}
	return 0;
}

static int xpm_runtime_resume(struct device *dev)
{
	xpm_reprogram(dev); // expected-warning{{xpm_reprogram() requires device_lock(dev), which is not held on this path (from xpm_runtime_resume())}}
	return 0;
}

static const struct dev_pm_ops xpm_pm_ops = {
	.prepare = pm_sleep_ptr(xpm_prepare),
	SYSTEM_SLEEP_PM_OPS(xpm_suspend, xpm_resume)
	LATE_SYSTEM_SLEEP_PM_OPS(NULL, xpm_resume_early)
	RUNTIME_PM_OPS(NULL, xpm_runtime_resume)
};

static int xpm_probe(struct platform_device *pdev)
{
	return 0;
}

struct platform_driver xpm_driver = {
	.probe = xpm_probe,
	.driver = {
		.name = "xpm",
		.pm = pm_ptr(&xpm_pm_ops),
	},
};
