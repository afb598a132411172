// lock-imbalance: double acquire, release while not held, return with a
// device_lock/group mutex still held (not for lock wrappers, not for locks
// the caller holds; a plain mutex's double acquire is not judged, its
// inconsistent returns are: mutex-imbalance.c).
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/of_device.h>

struct iommu_group {
	struct mutex mutex;
};

struct device *find_dev(void);
int cond(void);
struct mutex plain;

void double_lock(struct device *dev)
{
	device_lock(dev);
	device_lock(dev); // expected-warning{{'dev' acquired while already held on this path [lock-imbalance]}}
	device_unlock(dev);
}

void double_lock_via_mutex(struct device *dev)
{
	device_lock(dev);
	mutex_lock(&dev->mutex); // expected-warning{{'&dev->mutex' acquired while already held}}
	device_unlock(dev);
}

void two_devices(struct device *a, struct device *b)
{
	device_lock(a);
	device_lock(b);
	device_unlock(b);
	device_unlock(a);
}

void double_unlock(struct device *dev)
{
	device_lock(dev);
	device_unlock(dev);
	device_unlock(dev); // expected-warning{{'dev' released while not held on this path [lock-imbalance]}}
}

/* The caller may hold it: unlocking a lock not taken here is not a bug. */
void unlock_callers_lock(struct device *dev)
{
	device_unlock(dev);
}

/* ... and a trylock that succeeded is never released: held on one path
 * to the end, not on the other. */
void unlock_after_failed_trylock(struct device *dev)
{
	if (!device_trylock(dev))
		device_unlock(dev); // expected-warning{{'dev' released while not held}}
} // expected-warning{{device_lock() acquired in unlock_after_failed_trylock() is still held on one path to this return and not on another (inconsistent returns) [lock-imbalance]}}

int unlock_after_failed_interruptible(struct device *dev)
{
	int ret = device_lock_interruptible(dev);

	device_unlock(dev); // expected-warning{{'dev' released while not held}}
	return ret;
}

int leak_on_error(struct device *dev)
{
	device_lock(dev);
	if (cond())
		return -1; // expected-warning{{device_lock() acquired in leak_on_error() is still held at this return but not at the return on line 77 (inconsistent returns) [lock-imbalance]}}
	device_unlock(dev);
	return 0;
}

void group_leak(struct device *dev)
{
	mutex_lock(&dev->iommu_group->mutex);
	if (cond())
		return; // expected-warning{{the iommu group mutex acquired in group_leak() is still held at this return but not at the return on line 86 (inconsistent returns)}}
	mutex_unlock(&dev->iommu_group->mutex);
}

void plain_mutex_not_tracked(void)
{
	mutex_lock(&plain);
	mutex_lock(&plain);
}

/* Lock wrappers return holding it by design. */
void my_dev_lock(struct device *dev)
{
	device_lock(dev);
}

int my_dev_trylock(struct device *dev)
{
	return device_trylock(dev);
}

/* Leaks are judged where the lock was taken: callers of the wrapper. */
void uses_wrapper(struct device *dev)
{
	my_dev_lock(dev);
	device_unlock(dev);
}

/* Not reported: taken in a helper (see checkEndFunction for why). */
void uses_wrapper_leaks(struct device *dev)
{
	my_dev_lock(dev);
}

/* The drivers/base/dd.c shape: parent locked and unlocked under the same
 * condition, re-read after an unknown call. */
int probe_something(struct device *dev);
static void lock_pair(struct device *dev, struct device *parent)
{
	if (dev->dma_coherent && parent)
		device_lock(parent);
	device_lock(dev);
}

static void unlock_pair(struct device *dev, struct device *parent)
{
	device_unlock(dev);
	if (dev->dma_coherent && parent)
		device_unlock(parent);
}

int attach(struct device *dev)
{
	int ret;

	lock_pair(dev, dev->parent);
	ret = probe_something(dev);
	unlock_pair(dev, dev->parent);
	return ret;
}

/* A guard is released on every path out of its scope: no leak. */
void balanced_guard(struct device *dev)
{
	guard(device)(dev);
	if (cond())
		return;
}

/* Held on success, released on the error return: a conditional lock
 * function (the mutex_lock_interruptible() contract), not a bug. */
int lock_unless_dead(struct device *dev)
{
	device_lock(dev);
	if (cond()) {
		device_unlock(dev);
		return -19;
	}
	return 0;
}

/* The same two returns with the same value: the caller cannot tell. */
int lock_sometimes(struct device *dev)
{
	device_lock(dev);
	if (cond())
		return 0; // expected-warning{{device_lock() acquired in lock_sometimes() is still held at this return but not at the return on line 172 (inconsistent returns)}}
	device_unlock(dev);
	return 0;
}

/* Held at every return: a lock function, whatever its name. */
void block_dev_setup(struct device *dev)
{
	device_lock(dev);
}

void dev_mylock(struct device *dev)
{
	device_lock(dev);
}

/* device_lock_interruptible() fails with a negative errno only: "if (s <
 * 0)" is a complete check (usb sysfs attributes). */
int interruptible_checked(struct device *dev)
{
	int s = device_lock_interruptible(dev);

	if (s < 0)
		return s;
	device_unlock(dev);
	return 0;
}

/* A trylock that failed and carries on (pmc_core_set_device_d3() gone
 * wrong): this function managed the lock, its callers cannot hold it,
 * even though it is exported. */
void needs_dev(struct device *dev);
void force_reset(struct device *dev)
{
	int locked = device_trylock(dev);

	of_dma_configure(dev, 0, 1); // expected-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from force_reset())}}
	if (locked)
		device_unlock(dev);
}

/* An error return that keeps the lock while the first error return does
 * not (a pci_dev_lock()-like wrapper whose second trylock fails). */
int lock_both(struct device *dev)
{
	int ret = device_lock_interruptible(dev);

	if (ret)
		return ret;
	if (!cond())
		return -16; // expected-warning{{device_lock() acquired in lock_both() is still held at this return but not at the return on line}}
	return 0;
}

/* Its twin drops the lock on the second failure. */
int lock_both_right(struct device *dev)
{
	int ret = device_lock_interruptible(dev);

	if (ret)
		return ret;
	if (!cond()) {
		device_unlock(dev);
		return -16;
	}
	return 0;
}

/* A second lock through another name that the analyzer can only equate
 * on a path it cannot rule out (drivers/pci/iov.c's
 * sriov_vf_msix_count_store(): pci_physfn(vf) is vf itself only for a PF,
 * and the attribute exists only for VFs): not a double lock. */
static inline struct device *physfn(struct device *dev)
{
	if (cond())
		dev = dev->parent;
	return dev;
}

void lock_vf_and_pf(struct device *vf)
{
	struct device *pf = physfn(vf);

	device_lock(pf);
	device_lock(vf);
	device_unlock(vf);
	device_unlock(pf);
}

/* Inconsistent returns of static functions the analyzer only ever sees
 * inlined into their callers (qbus_host_power_peer()-like): an error
 * return keeps the lock of a device found here; a void one keeps it on
 * one path.  Twins: every return dropped it. */
struct device *find_peer(int id);
static int power_peer(int id)
{
	struct device *dev = find_peer(id);

	if (!dev)
		return -ENODEV;
	device_lock(dev);
	if (!dev->driver)
		return -EPROBE_DEFER; // expected-warning{{device_lock() acquired in power_peer() is still held at this return but not at the return on line}}
	device_unlock(dev);
	return 0;
}
static int power_peer_right(int id)
{
	struct device *dev = find_peer(id);

	if (!dev)
		return -ENODEV;
	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		return -EPROBE_DEFER;
	}
	device_unlock(dev);
	return 0;
}
static void notify_peer(int id)
{
	struct device *dev = find_peer(id);

	device_lock(dev);
	if (!dev->driver)
		return; // expected-warning{{device_lock() acquired in notify_peer() is still held at this return}}
	device_unlock(dev);
}
static void notify_peer_right(int id)
{
	struct device *dev = find_peer(id);

	device_lock(dev);
	if (dev->driver)
		dev->driver = 0;
	device_unlock(dev);
}
void peers_work(void *data)
{
	power_peer(1);
	power_peer_right(2);
	notify_peer(3);
	notify_peer_right(4);
}

/* Returns by value are not lock results: a guard's constructor returns its
 * struct (class_spinlock_constructor() crashed the return bookkeeping). */
struct lc_pair {
	int a, b;
};

static struct lc_pair lc_make_pair(struct device *dev)
{
	struct lc_pair p = { 1, 2 };

	device_lock(dev);
	device_unlock(dev);
	return p;
}

int lc_use_pair(struct device *dev)
{
	struct lc_pair p = lc_make_pair(dev);

	return p.a;
}

/* An error passed on with the lock held while another error return drops
 * it (a sysfs store, a set_power helper): the caller gets an errno either
 * way and cannot tell whether to unlock. */
int pass_error_held(struct device *dev)
{
	int ret;

	device_lock(dev);
	if (cond()) {
		device_unlock(dev);
		return -11;
	}
	ret = probe_something(dev);
	if (ret)
		return ret; // expected-warning{{device_lock() acquired in pass_error_held() is still held at this return but not at the return on line 348 (inconsistent returns) [lock-imbalance]}}
	device_unlock(dev);
	return 0;
}

int pass_negative_held(struct device *dev)
{
	int ret;

	device_lock(dev);
	if (cond()) {
		device_unlock(dev);
		return -19;
	}
	ret = probe_something(dev);
	if (ret < 0)
		return ret; // expected-warning{{device_lock() acquired in pass_negative_held() is still held at this return but not at the return on line 364}}
	device_unlock(dev);
	return 0;
}

/* A positive count with the lock held, an errno without: the sign tells. */
int count_held(struct device *dev)
{
	int n;

	device_lock(dev);
	if (cond()) {
		device_unlock(dev);
		return -19;
	}
	n = probe_something(dev);
	if (n > 0)
		return n;
	device_unlock(dev);
	return -5;
}

/* A trylock's own result: 1 with the lock, never an errno. */
int trylock_or_busy(struct device *dev)
{
	int ret = device_trylock(dev);

	if (!ret)
		return -16;
	return ret;
}

/* Held iff non-zero is a trylock's contract, whatever the value means. */
int held_iff_nonzero(struct device *dev)
{
	int ret;

	device_lock(dev);
	ret = probe_something(dev);
	if (ret)
		return ret;
	device_unlock(dev);
	return 0;
}

/* A sysfs store's "return count;" with the lock kept, and the same count
 * after the unlock (typec altmode pin_assignment_store()'s shape): the
 * caller gets one value either way. */
long store_same_count(struct device *dev, int val, long count)
{
	device_lock(dev);
	if (val == cond())
		return count; // expected-warning{{device_lock() acquired in store_same_count() is still held at this return but not at the return on line 423 (inconsistent returns) [lock-imbalance]}}
	probe_something(dev);
	device_unlock(dev);
	return count;
}

/* The twin: the count returned held is not the count returned unheld (the
 * path says it is positive at one, not at the other), and a value the
 * caller can tell apart may be the lock's contract. */
long store_count_tells(struct device *dev, long count)
{
	device_lock(dev);
	if (count > 0)
		return count;
	device_unlock(dev);
	return count;
}

void probe_child(struct device *dev);

/* drivers/base/bus.c's bus_probe_device_deferred(): a lock and an unlock
 * under one test, which the analyzer reads afresh after the call: two
 * paths it cannot tell apart, not a bug it can show. */
void lock_parent_if_needed(struct device *dev)
{
	if (dev->type && dev->type->need_parent_lock)
		device_lock(dev->parent);
	probe_child(dev);
	if (dev->type && dev->type->need_parent_lock)
		device_unlock(dev->parent);
}

/* Its positive twins: the unlock under another test, and a goto past it. */
void unlock_parent_on_other_test(struct device *dev)
{
	if (dev->type && dev->type->need_parent_lock)
		device_lock(dev->parent);
	probe_child(dev);
	if (cond())
		device_unlock(dev->parent);
} // expected-warning{{device_lock() acquired in unlock_parent_on_other_test() is still held on one path to this return and not on another (inconsistent returns) [lock-imbalance]}}

void goto_past_unlock(struct device *dev)
{
	device_lock(dev);
	if (cond())
		goto out;
	device_unlock(dev);
out:
	probe_child(dev);
} // expected-warning{{device_lock() acquired in goto_past_unlock() is still held on one path to this return and not on another (inconsistent returns) [lock-imbalance]}}

/* A second device_lock() by the thread that holds it sleeps for good:
 * nothing after it runs, so the unlocks and the call below it are not
 * judged (no finding that follows from the first). */
static void needs_lock(struct device *dev)
{
	device_lock_assert(dev);
}

void relock_then_call(struct device *dev)
{
	device_lock(dev);
	device_lock(dev); // expected-warning{{'dev' acquired while already held on this path [lock-imbalance]}}
	device_unlock(dev);
	needs_lock(dev);
	device_unlock(dev);
}
