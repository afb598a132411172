// Two-pass mode: pass 1 writes a summary of Inputs/other.c into a
// directory (no path analysis), pass 2 reads it while analysing this TU.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/other.c
// RUN: cat %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: other_needs_group 0 DEV_GROUP_MUTEX
// SUM-NEXT: other_needs_lock 0 DEV_MUTEX
// SUM-NEXT: other_port_lockdep 0 DEV_MUTEX dev
// SUM-NEXT: other_port_op 0 DEV_MUTEX dev
// SUM-NOT: other_
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
// Without the summaries nothing is known about the other TU:
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify=nosum %s
// nosum-no-diagnostics
#include <linux/device.h>
#include <linux/iommu.h>

struct iommu_group {
	struct mutex mutex;
};

struct device *find_dev(void);
void other_needs_lock(struct device *dev);
void other_needs_group(struct device *dev);
void other_no_param(struct device *dev);
void other_static(struct device *dev);

struct port {
	int id;
	struct device dev;
};
struct port *find_port(void);
void other_port_op(struct port *port);
void other_port_lockdep(struct port *port);

void port_unlocked(void)
{
	struct port *p = find_port();

	other_port_op(p); // expected-warning{{other_port_op() requires device_lock(&p->dev), which is not held on this path}}
	other_port_lockdep(find_port()); // expected-warning{{other_port_lockdep() requires device_lock(&find_port()->dev)}}
}

void port_locked(void)
{
	struct port *p = find_port();

	device_lock(&p->dev);
	other_port_op(p);
	other_port_lockdep(p);
	device_unlock(&p->dev);
}

void port_other_device_locked(struct device *dev)
{
	struct port *p = find_port();

	device_lock(dev);
	other_port_op(p); // expected-warning{{other_port_op() requires device_lock(&p->dev)}}
	device_unlock(dev);
}

void unlocked(void)
{
	struct device *d = find_dev();

	other_needs_lock(d); // expected-warning{{other_needs_lock() requires device_lock(d), which is not held on this path (from unlocked()) [device-lock-required]}}
	other_no_param(d);
	other_static(d);
}

void locked(void)
{
	struct device *d = find_dev();

	device_lock(d);
	other_needs_lock(d);
	device_unlock(d);
}

void group_unlocked(void)
{
	other_needs_group(find_dev()); // expected-warning{{other_needs_group() requires the iommu group mutex}}
}

void group_locked(struct device *dev)
{
	struct iommu_group *group = dev->iommu_group;

	mutex_lock(&group->mutex);
	other_needs_group(dev);
	mutex_unlock(&group->mutex);
}

/* iommu.c's iommu_group_mutex_assert() asserts in its body, so a summary
 * of iommu.c lists it; it stays an assumption at its callers. */
// RUN: echo "iommu_group_mutex_assert 0 DEV_GROUP_MUTEX" > %t/iommu.c.sum
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
void asserts_group(struct device *dev)
{
	iommu_group_mutex_assert(dev);
	other_needs_group(dev);
}
