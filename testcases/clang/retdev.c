// What a trylock helper of another file returns is the device it locked
// (Inputs/retdev-lib.c: &p->dev, embedded in its argument), so unlocking
// that pointer drops the lock.  Seen in a held-out corpus half: the
// returned pointer was bound to the argument, the unlock matched nothing,
// and the work item was reported returning with the lock held.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %S/Inputs/retdev-lib.c
// RUN: grep -h '^@acquires\|^@returns' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @acquires rd_trylock_port 0 DEV_MUTEX TRY dev
// SUM-NEXT: @returns rd_trylock_port
// SUM-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include "Inputs/retdev.h"

static void rd_flush(struct device *dev)
{
	device_lock_assert(dev);
}

static void rd_work(struct rd_port *p)
{
	struct device *dev = rd_trylock_port(p);

	if (!dev)
		return;
	rd_flush(dev);
	device_unlock(dev);
}

/* The twin: the unlock forgotten on one path. */
static void rd_work_leaky(struct rd_port *p, int mode)
{
	struct device *dev = rd_trylock_port(p);

	if (!dev)
		return;
	if (mode < 0)
		return; // expected-warning{{device_lock() acquired in rd_work_leaky() is still held at this return but not at the return on line 40 (inconsistent returns)}}
	p->mode = mode;
	device_unlock(dev);
}

void *const rd_works[] = { rd_work, rd_work_leaky };
