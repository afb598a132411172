// A device lock asserted on a device kept in a pointer member of a
// parameter (device_lock_assert(hw->dev), lockdep_assert_held(
// &hw->dev->mutex)): the callers must hold that device's lock.  The pointer
// is loaded again at each call, so it need not provably be a device whose
// lock the path holds: a call is reported only where no device lock at all
// is held (the shapes of heldout8's misses).  The twins: the same helper
// under that device's lock, under some other device's lock, and in probe,
// where the driver core holds the probed device's lock.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/hwlib.c
// RUN: grep -h '^hw_apply_ext' %t/*.sum | FileCheck --check-prefix=SUM %s
// SUM: hw_apply_ext 0 DEV_MUTEX dev
// SUM-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=expected,sum %s
// Without the other file's summary, its helper requires nothing:
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include "Inputs/hw.h"

struct hw_ops {
	void (*poll)(struct hw *hw);
	void (*poll_locked)(struct hw *hw);
	void (*poll_other)(struct hw *hw);
	void (*reset)(struct hw *hw);
};

static void hw_set_route(struct hw *hw, int route)
{
	device_lock_assert(hw->dev);
	hw->route = route;
}

static void hw_reset_route(struct hw *hw)
{
	lockdep_assert_held(&hw->dev->mutex);
	hw->route = 0;
}

/* a callback with nothing held: both requirements fail */
static void hw_poll(struct hw *hw)
{
	hw_set_route(hw, 1); // expected-warning{{hw_set_route() requires device_lock(hw->dev), which is not held on this path (from hw_poll())}}
	hw_apply_ext(hw); // sum-warning{{hw_apply_ext() requires device_lock(hw->dev), which is not held on this path (from hw_poll())}}
}

static void hw_reset(struct hw *hw)
{
	hw_reset_route(hw); // expected-warning{{hw_reset_route() requires device_lock(hw->dev), which is not held on this path (from hw_reset())}}
}

/* that very device locked */
static void hw_poll_locked(struct hw *hw)
{
	device_lock(hw->dev);
	hw_set_route(hw, 2);
	hw_reset_route(hw);
	hw_apply_ext(hw);
	device_unlock(hw->dev);
}

/* another device locked: which one the pointer names, no path shows */
static void hw_poll_other(struct hw *hw)
{
	device_lock(hw->peer);
	hw_set_route(hw, 3);
	device_unlock(hw->peer);
}

static const struct hw_ops hw_ops = {
	.poll = hw_poll,
	.poll_locked = hw_poll_locked,
	.poll_other = hw_poll_other,
	.reset = hw_reset,
};

const struct hw_ops *hw_get_ops(void)
{
	return &hw_ops;
}

/* probe: the driver core holds the probed device's lock */
static int hw_probe(struct platform_device *pdev)
{
	struct hw *hw = kzalloc(sizeof(*hw), GFP_KERNEL);

	if (!hw)
		return -ENOMEM;
	hw->dev = &pdev->dev;
	hw_set_route(hw, 0);
	return 0;
}

static struct platform_driver hw_driver = {
	.probe = hw_probe,
};

struct platform_driver *hw_get_driver(void)
{
	return &hw_driver;
}
