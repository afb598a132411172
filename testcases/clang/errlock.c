// A lock function may return its object with the lock held, or an
// ERR_PTR() without it (Inputs/errlock-lib.c, fsl-mc's shape):
// "@acquires ... NOT_ERR", held iff !IS_ERR().  Its lock may be a
// parameter's device (el_lock_self(), "@returns": the caller got the
// parameter) or the device of what it returns (el_lock_container(), the
// parent's object).  Callers that check IS_ERR() hold the lock after it.
// A helper that keeps the lock at one ERR_PTR() return and drops it at
// another is the inconsistent-returns bug, and no lock function.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %S/Inputs/errlock-lib.c
// RUN: grep -h '^@acquires\|^@releases\|^@returns' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @acquires el_lock_container ret DEV_MUTEX NOT_ERR
// SUM-NEXT: @acquires el_lock_self 0 DEV_MUTEX NOT_ERR dev
// SUM-NEXT: @releases el_unlock 0 DEV_MUTEX dev
// SUM-NEXT: @returns el_lock_self
// SUM-NOT: {{.}}
// Pass 1 as clang-lockcheck --pass1 runs it: in a whole-tree check its
// lock lines stand for the full analysis's, so they must be the same.
// RUN: rm -rf %t/pass1 && mkdir -p %t/pass1
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/pass1 \
// RUN:   -analyzer-config kernel.iommu.LockModel:Pass1=true \
// RUN:   -analyzer-config support-symbolic-integer-casts=true \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/errlock-lib.c 2>&1 | count 0
// RUN: grep -h '^@acquires\|^@releases\|^@returns' %t/pass1/*.sum | sort | FileCheck --check-prefix=SUM %s
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include "Inputs/errlock.h"

int container_checked(struct el_obj *obj)
{
	struct el_obj *cont = el_lock_container(obj);
	int err;

	if (IS_ERR(cont))
		return PTR_ERR(cont);
	err = el_rescan_locked(cont);
	el_unlock(cont);
	return err;
}

int container_leaks(struct el_obj *obj)
{
	struct el_obj *cont = el_lock_container(obj);
	int err;

	if (IS_ERR(cont))
		return PTR_ERR(cont);
	err = el_rescan_locked(cont);
	if (err)
		return -EIO; // expected-warning{{device_lock() acquired in container_leaks() is still held at this return but not at the return on line 57 (inconsistent returns) [lock-imbalance]}}
	el_unlock(cont);
	return 0;
}

int container_unlocked_early(struct el_obj *obj)
{
	struct el_obj *cont = el_lock_container(obj);

	if (IS_ERR_OR_NULL(cont))
		return -ENODEV;
	el_unlock(cont);
	return el_rescan_locked(cont); // expected-warning{{el_rescan_locked() requires device_lock(&cont->dev), which is not held on this path (from container_unlocked_early())}}
}

int self_checked(struct el_obj *obj)
{
	struct el_obj *got = el_lock_self(obj);
	int err;

	if (IS_ERR(got))
		return PTR_ERR(got);
	err = el_rescan_locked(obj);
	device_unlock(&got->dev);
	return err;
}

int self_unchecked(struct el_obj *obj)
{
	el_lock_self(obj);
	return el_rescan_locked(obj); // expected-warning{{el_rescan_locked() requires device_lock(&obj->dev), which is not held on this path (from self_unchecked())}}
}

int leaky_user(struct el_obj *obj)
{
	struct el_obj *cont = el_lock_container_leaky(obj);

	if (IS_ERR(cont))
		return PTR_ERR(cont);
	return el_rescan_locked(cont); // expected-warning{{el_rescan_locked() requires device_lock(&cont->dev), which is not held on this path (from leaky_user())}}
}
