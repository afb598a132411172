// Taking a lock makes what other threads wrote visible: a flag checked
// before device_lock() and again under it may have changed in between.
// Inputs/recheck-lib.c's rcl_lock_active() returns 0 with the lock and
// -ENODEV without it, on either check; its summary must say so (ZERO_OK),
// not that it always returns holding the lock.  rcl_claim() has the same
// contract but one error return keeps the lock: that return is its own
// finding, and its callers are judged by the contract of its clean
// returns; rcl_claim_muddled() also returns 0 without the lock: none;
// nor rcl_reprogram(), whose only return with the lock is -EBUSY's.
// rcl_get_locked() returns its object with the lock and NULL without it:
// a trylock (TRY); rcl_get_muddled() also returns NULL with it: none.
// rcl_get_or_err() fails with ERR_PTR(): held iff !IS_ERR() (NOT_ERR), so
// its IS_ERR()-checking caller is silent and one that ignores it is not.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/recheck-lib.c
// RUN: grep -h '^@acquires' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @acquires rcl_claim 0 DEV_MUTEX ZERO_OK dev
// SUM-NEXT: @acquires rcl_get_locked 0 DEV_MUTEX TRY dev
// SUM-NEXT: @acquires rcl_get_or_err 0 DEV_MUTEX NOT_ERR dev
// SUM-NEXT: @acquires rcl_lock_active 0 DEV_MUTEX ZERO_OK dev
// SUM-NEXT: @acquires rcl_lock_any 0 DEV_MUTEX ALWAYS dev
// SUM-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include "Inputs/recheck.h"

void ignore_result(struct rcl_device *cl)
{
	rcl_lock_active(cl);
	rcl_set_mode_locked(cl, 1); // expected-warning{{rcl_set_mode_locked() requires device_lock(&cl->dev), which is not held on this path (from ignore_result())}}
	device_unlock(&cl->dev); // expected-warning{{'&cl->dev' released while not held on this path [lock-imbalance]}}
}

void check_result(struct rcl_device *cl)
{
	if (rcl_lock_active(cl))
		return;
	rcl_set_mode_locked(cl, 1);
	device_unlock(&cl->dev);
}

void claim_checked(struct rcl_device *cl)
{
	if (rcl_claim(cl))
		return;
	rcl_set_mode_locked(cl, 2);
	device_unlock(&cl->dev);
}

void claim_ignored(struct rcl_device *cl)
{
	rcl_claim(cl);
	rcl_set_mode_locked(cl, 2); // expected-warning{{rcl_set_mode_locked() requires device_lock(&cl->dev), which is not held on this path (from claim_ignored())}}
	device_unlock(&cl->dev); // expected-warning{{'&cl->dev' released while not held on this path [lock-imbalance]}}
}

/* rcl_reprogram() returns without the lock but for its own bug: neither
 * return here holds a lock this function took (heldout21's
 * h21a_dmac_recover_work(), reported as inconsistent returns). */
void reprogram_work(struct rcl_device *cl)
{
	if (rcl_reprogram(cl) == -ENODEV)
		return;
	rcl_apply(cl);
}

void get_checked(struct rcl_device *cl)
{
	struct rcl_device *got = rcl_get_locked(cl);

	if (!got)
		return;
	rcl_set_mode_locked(cl, 3);
	device_unlock(&cl->dev);
}

void get_ignored(struct rcl_device *cl)
{
	rcl_get_locked(cl);
	rcl_set_mode_locked(cl, 3); // expected-warning{{rcl_set_mode_locked() requires device_lock(&cl->dev), which is not held on this path (from get_ignored())}}
	device_unlock(&cl->dev); // expected-warning{{'&cl->dev' released while not held on this path [lock-imbalance]}}
}

void get_or_err_checked(struct rcl_device *cl)
{
	struct rcl_device *got = rcl_get_or_err(cl);

	if (IS_ERR(got))
		return;
	rcl_set_mode_locked(cl, 4);
	device_unlock(&cl->dev);
}

void get_or_err_ignored(struct rcl_device *cl)
{
	rcl_get_or_err(cl);
	rcl_set_mode_locked(cl, 4); // expected-warning{{rcl_set_mode_locked() requires device_lock(&cl->dev), which is not held on this path (from get_or_err_ignored())}}
	device_unlock(&cl->dev); // expected-warning{{'&cl->dev' released while not held on this path [lock-imbalance]}}
}

void lock_any(struct rcl_device *cl)
{
	rcl_lock_any(cl);
	rcl_set_mode_locked(cl, 1);
	device_unlock(&cl->dev);
}

/* The same object's pointers are not re-read: the parent locked before
 * the child is the parent its assert names. */
static void parent_assert(struct device *dev)
{
	device_lock_assert(dev->parent);
}

void lock_parent_then_child(struct device *dev)
{
	device_lock(dev->parent);
	device_lock(dev);
	parent_assert(dev);
	device_unlock(dev);
	device_unlock(dev->parent);
}
