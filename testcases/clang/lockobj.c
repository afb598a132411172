// A lock function's lock may be the device of an object its parameter
// points to: Inputs/lockobj-lib.c's lo_lock_dev() locks &p->ldev->dev and
// returns p->ldev ("@acquires ... TRY ldev" and "@returns"), lo_hub_lock()
// returns 0 holding it (ZERO_OK), lo_hub_unlock() drops it.  Callers that
// check the result and go on through what they got, or through p->ldev,
// hold the lock; those that ignore the result do not.  So does one that
// reached p from a member at a non-zero offset (container_of() of a work:
// h1x_guarded_work()), through what it got.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/lockobj-lib.c
// RUN: grep -h '^@acquires\|^@releases\|^@returns' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @acquires lo_hub_lock 0 DEV_MUTEX ZERO_OK ldev
// SUM-NEXT: @acquires lo_lock_dev 0 DEV_MUTEX TRY ldev
// SUM-NEXT: @acquires lo_lock_dev_other 0 DEV_MUTEX TRY ldev
// SUM-NEXT: @releases lo_hub_unlock 0 DEV_MUTEX ldev
// SUM-NEXT: @returns lo_lock_dev
// SUM-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include "Inputs/lockobj.h"

void got_checked(struct lo_priv *p)
{
	struct lo_dev *ldev = lo_lock_dev(p);

	if (!ldev)
		return;
	lo_sync_locked(ldev);
	device_unlock(&ldev->dev);
}

void got_from_work(struct lo_work *w)
{
	struct lo_priv *p = container_of(w, struct lo_priv, work);
	struct lo_dev *ldev = lo_lock_dev(p);

	if (!ldev)
		return;
	lo_sync_locked(ldev);
	device_unlock(&ldev->dev);
	if (p->state)
		return;
	p->state = 1;
}

void got_ignored(struct lo_priv *p)
{
	lo_lock_dev(p);
	lo_sync_locked(p->ldev); // expected-warning{{lo_sync_locked() requires device_lock(&p->ldev->dev), which is not held on this path (from got_ignored())}}
	device_unlock(&p->ldev->dev); // expected-warning{{'&p->ldev->dev' released while not held on this path [lock-imbalance]}}
}

void other_checked(struct lo_priv *p)
{
	if (!lo_lock_dev_other(p))
		return;
	lo_sync_locked(p->ldev);
	device_unlock(&p->ldev->dev);
}

void hub_checked(struct lo_priv *p)
{
	struct lo_dev *ldev = p->ldev;

	if (lo_hub_lock(p))
		return;
	lo_sync_locked(ldev);
	lo_hub_unlock(p);
}

void hub_ignored(struct lo_priv *p)
{
	lo_hub_lock(p);
	lo_sync_locked(p->ldev); // expected-warning{{lo_sync_locked() requires device_lock(&p->ldev->dev), which is not held on this path (from hub_ignored())}}
	lo_hub_unlock(p); // expected-warning{{released while not held on this path [lock-imbalance]}}
}
