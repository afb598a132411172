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

/* A file-local helper that returns holding the lock on some path counts as
 * taking it, on the argument it is given (cxl's cond_cxl_root_lock()) ... */
struct port { struct device dev; };
static void needs_port(struct port *port)
{
	device_lock_assert(&port->dev);
}
static void cond_lock(struct port *port, int c)
{
	if (c)
		device_lock(&port->dev);
}
static void cond_unlock(struct port *port, int c)
{
	if (c)
		device_unlock(&port->dev);
}
void ok_cond_helper(struct port *p, int c)
{
	cond_lock(p, c);
	needs_port(p);
	cond_unlock(p, c);
}
void bad_cond_helper_other(struct port *p, struct port *other, int c)
{
	cond_lock(other, c);
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-11: WARNING: needs_port() asserts device_lock of &p->dev; bad_cond_helper_other() neither holds it nor asserts it [device-lock-required]
	needs_port(p);
	cond_unlock(other, c);
}

/* ... one that drops it again before returning does not */
static void lock_unlock(struct port *port)
{
	device_lock(&port->dev);
	device_unlock(&port->dev);
}
void bad_balanced_helper(struct port *p)
{
	lock_unlock(p);
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-11: WARNING: needs_port() asserts device_lock of &p->dev; bad_balanced_helper() neither holds it nor asserts it [device-lock-required]
	needs_port(p);
}

/* ... nor one called after the asserting call */
void bad_helper_after(struct port *p, int c)
{
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-11: WARNING: needs_port() asserts device_lock of &p->dev; bad_helper_after() neither holds it nor asserts it [device-lock-required]
	needs_port(p);
	cond_lock(p, c);
	cond_unlock(p, c);
}

/* The helper one level up: a static caller whose callers take it. */
static void wrap_port(struct port *port)
{
	needs_port(port);
}
void ok_cond_helper_up(struct port *p, int c)
{
	cond_lock(p, c);
	wrap_port(p);
	cond_unlock(p, c);
}

/* A driver structure named like a device (rtw88's rtwdev) is not one: its
 * mutex is not a device_lock. */
struct rtw_dev { struct mutex mutex; };
static void needs_rtwdev(struct rtw_dev *rtwdev)
{
	lockdep_assert_held(&rtwdev->mutex);
}
void no_rtwdev_lock(struct rtw_dev *rtwdev)
{
	needs_rtwdev(rtwdev);
}

/* The device's own mutex is its device_lock, however it is spelled. */
static void needs_dev_mutex(struct port *port)
{
	lockdep_assert_held(&port->dev.mutex);
}
void bad_dev_mutex(struct port *p)
{
	// CHECK: device-lock-assert.c:[[@LINE+1]]:1-16: WARNING: needs_dev_mutex() asserts device_lock of &p->dev; bad_dev_mutex() neither holds it nor asserts it [device-lock-required]
	needs_dev_mutex(p);
}
