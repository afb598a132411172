// A lock function of another file whose lock is the device in a pointer
// member of its argument (plk_lock(p): device_lock(p->dev), held iff 0).
// Its summary must say so, as it does for an embedded device (recheck.c),
// or every caller that checks the result is reported.  The twins: the
// result ignored, and the helper called on the failure path.  A helper of
// that file that locks the device itself around a helper asserting it
// requires nothing of its callers: the pointer loaded again for the
// requirement need not provably be the one it locked, so no requirement
// line is written (plk_set_mode_self()).  A caller that reached the struct
// from a member at a non-zero offset (container_of() of a work) unlocks
// the very device the helper locked (h17fw_login_work()).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/ptrlock-lib.c
// RUN: grep -h '^@acquires\|^@releases\|^plk_' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @acquires plk_lock 0 DEV_MUTEX ZERO_OK dev
// SUM-NEXT: @releases plk_unlock 0 DEV_MUTEX dev
// SUM-NEXT: plk_set_mode 0 DEV_MUTEX dev
// SUM-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include <linux/device.h>
#include <linux/kernel.h>
#include "Inputs/ptrlock.h"

void plk_store_checked(struct plk *p)
{
	if (plk_lock(p))
		return;
	plk_set_mode(p, 1);
	plk_unlock(p);
}

void plk_work_fn(struct plk_work *w)
{
	struct plk *p = container_of(w, struct plk, work);

	if (plk_lock(p))
		return;
	plk_set_mode(p, 3);
	device_unlock(p->dev);
	if (p->gone)
		return;
	p->mode = 0;
}

void plk_store_ignored(struct plk *p)
{
	plk_lock(p);
	plk_set_mode(p, 2); // expected-warning{{plk_set_mode() requires device_lock(p->dev), which is not held on this path (from plk_store_ignored())}}
	plk_unlock(p);
}

void plk_store_inverted(struct plk *p)
{
	if (!plk_lock(p)) {
		plk_unlock(p);
		return;
	}
	plk_set_mode(p, 3); // expected-warning{{plk_set_mode() requires device_lock(p->dev), which is not held on this path (from plk_store_inverted())}}
}

/* the helper locks p->dev itself: nothing required here */
void plk_store_self(struct plk *p)
{
	plk_set_mode_self(p, 4);
}
