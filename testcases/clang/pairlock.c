// A lock function of another file may take two locks on one contract: a
// device and its parent (Inputs/pairlock-lib.c).  Its summary has a line
// for each, and its callers hold both after it (or, for a trylock, after
// it returned 1); the unlock function drops both.  Seen in a held-out
// corpus half: a caller that got the pair held only the parent, and its
// call of a helper asserting the device's lock was reported.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %S/Inputs/pairlock-lib.c
// RUN: grep -h '^@acquires\|^@releases' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @acquires pl_lock_pair 0 DEV_MUTEX ALWAYS
// SUM-NEXT: @acquires pl_lock_pair 0 DEV_MUTEX ALWAYS parent
// SUM-NEXT: @acquires pl_trylock_pair 0 DEV_MUTEX TRY
// SUM-NEXT: @acquires pl_trylock_pair 0 DEV_MUTEX TRY parent
// SUM-NEXT: @releases pl_unlock_pair 0 DEV_MUTEX
// SUM-NEXT: @releases pl_unlock_pair 0 DEV_MUTEX parent
// SUM-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include "Inputs/pairlock.h"

void commit_both(struct device *dev)
{
	pl_lock_pair(dev);
	pl_commit(dev);
	pl_commit_parent(dev);
	pl_unlock_pair(dev);
}

/* A callback that holds nothing on entry (the corpus's shape): only the
 * pair it got holds the device's lock. */
static void try_commit(struct device *dev)
{
	if (pl_trylock_pair(dev)) {
		pl_commit(dev);
		pl_commit_parent(dev);
		device_unlock(dev);
		device_unlock(dev->parent);
	}
}

struct pl_ops {
	void (*deactivate)(struct device *dev);
};

struct pl_ops pl_ops = { .deactivate = try_commit };

/* The twins: without the pair, or after dropping it. */
void try_then_commit(struct device *dev)
{
	if (!pl_trylock_pair(dev)) {
		pl_commit_parent(dev); // expected-warning{{pl_commit_parent() requires device_lock(dev->parent), which is not held on this path (from try_then_commit())}}
		return;
	}
	pl_unlock_pair(dev);
	pl_commit(dev); // expected-warning{{pl_commit() requires device_lock(dev), which is not held on this path (from try_then_commit())}}
}

/* Returns holding both at an error return only: inconsistent.  (The
 * balanced twin is commit_both().) */
int leave_pair(struct device *dev, int busy)
{
	pl_lock_pair(dev);
	if (busy)
		return -16; // expected-warning{{device_lock() acquired in leave_pair() is still held at this return but not at the return on line 70 (inconsistent returns)}}
	pl_unlock_pair(dev);
	return 0;
}
