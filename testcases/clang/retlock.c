// A lock function's lock may be on no parameter's device but on the one
// it found and returns: Inputs/retlock-lib.c's rl_find_and_lock() hands
// back the service locked, or NULL without it ("@acquires ... ret ...
// TRY").  A NULL that its type-checking converter gives with the lock held
// is not a return that keeps it; a NULL return the function itself writes
// with the lock held is (rl_find_and_lock_leaky(), no lock function).  A
// loop that locks each element in turn and returns the one it kept is a
// lock function too (rl_lock_first_bound()); its twins return NULL with an
// element still locked: a leak, loop or not (rl_lock_by_id(),
// rl_lock_first()).
// Callers that check the result hold the lock on the object they got.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %S/Inputs/retlock-lib.c
// RUN: grep -h '^@acquires\|^@releases\|^@returns' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @acquires rl_find_and_lock ret DEV_MUTEX TRY
// SUM-NEXT: @acquires rl_lock_first_bound ret DEV_MUTEX TRY
// SUM-NOT: {{.}}
// Pass 1 as clang-lockcheck --pass1 runs it: in a whole-tree check its
// lock lines stand for the full analysis's, so they must be the same.
// RUN: rm -rf %t/pass1 && mkdir -p %t/pass1
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/pass1 \
// RUN:   -analyzer-config kernel.iommu.LockModel:Pass1=true \
// RUN:   -analyzer-config support-symbolic-integer-casts=true \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/retlock-lib.c 2>&1 | count 0
// RUN: grep -h '^@acquires\|^@releases\|^@returns' %t/pass1/*.sum | sort | FileCheck --check-prefix=SUM %s
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include "Inputs/retlock.h"

void found_checked(struct device *parent)
{
	struct rl_svc *svc = rl_find_and_lock(parent, 1);

	if (!svc)
		return;
	rl_sync_locked(svc);
	device_unlock(&svc->dev);
	put_device(&svc->dev);
}

void found_after_unlock(struct device *parent)
{
	struct rl_svc *svc = rl_find_and_lock(parent, 1);

	if (!svc)
		return;
	device_unlock(&svc->dev);
	rl_sync_locked(svc); // expected-warning{{rl_sync_locked() requires device_lock(&svc->dev), which is not held on this path (from found_after_unlock())}}
	put_device(&svc->dev);
}

void found_unlocked(struct device *parent)
{
	struct rl_svc *svc = rl_find_unlocked(parent, 1);

	if (!svc)
		return;
	rl_sync_locked(svc); // expected-warning{{rl_sync_locked() requires device_lock(&svc->dev), which is not held on this path (from found_unlocked())}}
}

void found_leaky(struct device *parent)
{
	struct rl_svc *svc = rl_find_and_lock_leaky(parent, 1);

	if (!svc)
		return;
	rl_sync_locked(svc); // expected-warning{{rl_sync_locked() requires device_lock(&svc->dev), which is not held on this path (from found_leaky())}}
}

void found_twice(struct device *parent)
{
	struct rl_svc *svc = rl_find_and_lock(parent, 1);

	if (!svc)
		return;
	rl_sync_locked(svc);
	device_unlock(&svc->dev);
	device_unlock(&svc->dev); // expected-warning{{'&svc->dev' released while not held on this path [lock-imbalance]}}
}

void first_bound_checked(struct rl_bridge *br)
{
	struct rl_svc *fn = rl_lock_first_bound(br);

	if (!fn)
		return;
	rl_sync_locked(fn);
	device_unlock(&fn->dev);
}

void first_bound_after_unlock(struct rl_bridge *br)
{
	struct rl_svc *fn = rl_lock_first_bound(br);

	if (!fn)
		return;
	device_unlock(&fn->dev);
	rl_sync_locked(fn); // expected-warning{{rl_sync_locked() requires device_lock(&fn->dev), which is not held on this path (from first_bound_after_unlock())}}
}
