// Companion rule: calls of static functions that assert device_lock or the
// iommu group mutex, from functions that neither hold nor assert it.
// RUN: spatch --very-quiet --no-includes -D report --sp-file %cocci/device_lock_assert.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/lockdep.h>
#include <linux/cleanup.h>

struct grp { struct mutex mutex; };

static void needs_dev(struct device *dev)
{
	device_lock_assert(dev);
}

static void needs_mutex(struct device *dev)
{
	lockdep_assert_held(&dev->mutex);
}

static void needs_group(struct grp *group)
{
	lockdep_assert_held(&group->mutex);
}

static void needs_group_of(struct device *dev)
{
	iommu_group_mutex_assert(dev);
}

/* exported, so its callers elsewhere cannot be seen: not checked */
void needs_dev_exported(struct device *dev)
{
	device_lock_assert(dev);
}

void ok_locked(struct device *dev)
{
	device_lock(dev);
	needs_dev(dev);
	device_unlock(dev);
}

void ok_guard(struct device *dev)
{
	guard(device)(dev);
	needs_mutex(dev);
}

void ok_scoped(struct device *dev)
{
	scoped_guard(device, dev) {
		needs_dev(dev);
	}
}

void ok_asserts(struct device *dev)
{
	device_lock_assert(dev);
	needs_dev(dev);
}

void bad_nolock(struct device *dev)
{
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-10: WARNING: needs_dev() asserts device_lock of dev; bad_nolock() neither holds it nor asserts it [device-lock-required]
	needs_dev(dev);
	needs_dev_exported(dev);
}

void bad_other(struct device *dev, struct device *other)
{
	device_lock(other);
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-12: WARNING: needs_mutex() asserts device_lock of dev; bad_other() neither holds it nor asserts it [device-lock-required]
	needs_mutex(dev);
	device_unlock(other);
}

void bad_after_unlock(struct device *dev)
{
	device_lock(dev);
	device_unlock(dev);
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-10: WARNING: needs_dev() asserts device_lock of dev; bad_after_unlock() neither holds it nor asserts it [device-lock-required]
	needs_dev(dev);
}

void ok_group(struct grp *group)
{
	mutex_lock(&group->mutex);
	needs_group(group);
	mutex_unlock(&group->mutex);
}

void ok_group_guard(struct grp *group)
{
	guard(mutex)(&group->mutex);
	needs_group(group);
}

void bad_group(struct grp *group)
{
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-12: WARNING: needs_group() asserts the iommu group mutex of group; bad_group() neither holds it nor asserts it [group-mutex-required]
	needs_group(group);
}

void bad_group_of(struct device *dev)
{
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-15: WARNING: needs_group_of() asserts the iommu group mutex of dev; bad_group_of() neither holds it nor asserts it [group-mutex-required]
	needs_group_of(dev);
}

/* a device_lock is not the group mutex */
void bad_wrong_lock(struct device *dev)
{
	device_lock(dev);
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-15: WARNING: needs_group_of() asserts the iommu group mutex of dev; bad_wrong_lock() neither holds it nor asserts it [group-mutex-required]
	needs_group_of(dev);
	device_unlock(dev);
}

/* a static wrapper called only with the lock held is fine (iommu.c's
 * __iommu_group_set_domain()) ... */
static void wrap_held(struct grp *group)
{
	needs_group(group);
}

void calls_wrap_held(struct grp *group)
{
	mutex_lock(&group->mutex);
	wrap_held(group);
	mutex_unlock(&group->mutex);
}

/* ... one called without it from a non-static function is not */
static void wrap_unheld(struct grp *group)
{
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-12: WARNING: needs_group() asserts the iommu group mutex of group; wrap_unheld() neither holds it nor asserts it [group-mutex-required]
	needs_group(group);
}

void calls_wrap_unheld(struct grp *group)
{
	wrap_unheld(group);
}

/* an ops callback is entered with whatever lock the core holds */
struct my_ops { void (*attach)(struct device *dev); };
static void op_attach(struct device *dev)
{
	needs_dev(dev);
}
static const struct my_ops ops = {
	.attach = op_attach,
};
const struct my_ops *get_ops(void) { return &ops; }

/* a plain mutex is neither a device_lock nor a group mutex */
struct pages { struct mutex mutex; };
static void needs_pages(struct pages *pages)
{
	lockdep_assert_held(&pages->mutex);
}
void no_pages_lock(struct pages *pages)
{
	needs_pages(pages);
}
