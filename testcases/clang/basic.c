// Lock model and device-lock-required: explicit lock/unlock, trylock and
// interruptible return values, lock on one device and call on another,
// unlock-then-call, helpers locked in one caller and not in another.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
// Same without lockdep/debug-lock-alloc (mutex_lock is a function then):
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -verify %s
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/acpi.h>

struct device *find_dev(void);
struct device_node *np;

void locked(void)
{
	struct device *d = find_dev();

	device_lock(d);
	of_dma_configure(d, np, true);
	device_unlock(d);
}

void unlocked(void)
{
	struct device *d = find_dev();

	of_dma_configure(d, np, true); // expected-warning{{of_dma_configure() requires device_lock(d), which is not held on this path (from unlocked()) [device-lock-required]}}
}

void locked_via_mutex(void)
{
	struct device *d = find_dev();

	mutex_lock(&d->mutex);
	of_dma_configure_id(d, np, true, NULL);
	mutex_unlock(&d->mutex);
}

void other_device(void)
{
	struct device *a = find_dev(), *b = find_dev();

	device_lock(a);
	of_dma_configure(b, np, true); // expected-warning{{of_dma_configure() requires device_lock(b)}}
	of_dma_configure(a, np, true);
	device_unlock(a);
}

void unlock_then_call(void)
{
	struct device *d = find_dev();

	device_lock(d);
	device_unlock(d);
	acpi_dma_configure(d, 0); // expected-warning{{acpi_dma_configure() requires device_lock(d)}}
}

void alias(void)
{
	struct platform_device *pdev = platform_device_alloc("x", 0);
	struct { struct device *dev; } gmu;

	gmu.dev = &pdev->dev;
	device_lock(&pdev->dev);
	of_dma_configure(gmu.dev, np, true);
	device_unlock(gmu.dev);
}

void alias_unlocked(void)
{
	struct platform_device *pdev = platform_device_alloc("x", 0);
	struct { struct device *dev; } gmu;

	gmu.dev = &pdev->dev;
	of_dma_configure(gmu.dev, np, true); // expected-warning{{of_dma_configure() requires device_lock(gmu.dev)}}
}

void trylock(void)
{
	struct device *d = find_dev();

	if (device_trylock(d)) {
		of_dma_configure(d, np, true);
		device_unlock(d);
	}
}

void trylock_failed_branch(void)
{
	struct device *d = find_dev();

	if (!device_trylock(d))
		of_dma_configure(d, np, true); // expected-warning{{requires device_lock(d)}}
	else
		device_unlock(d);
}

int interruptible(void)
{
	struct device *d = find_dev();
	int ret = device_lock_interruptible(d);

	if (ret)
		return ret;
	of_dma_configure(d, np, true);
	device_unlock(d);
	return 0;
}

int interruptible_ignored(void)
{
	struct device *d = find_dev();
	int ret = mutex_lock_interruptible(&d->mutex);

	of_dma_configure(d, np, true); // expected-warning{{requires device_lock(d)}}
	if (!ret)
		mutex_unlock(&d->mutex);
	return ret;
}

int killable(void)
{
	struct device *d = find_dev();

	if (mutex_lock_killable(&d->mutex))
		return -4;
	of_dma_configure(d, np, true);
	mutex_unlock(&d->mutex);
	return 0;
}

/* A static helper: its callers decide. */
static void helper(struct device *dev)
{
	of_dma_configure(dev, np, true); // expected-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from helper_unlocked_caller())}}
}

void helper_locked_caller(void)
{
	struct device *d = find_dev();

	device_lock(d);
	helper(d);
	device_unlock(d);
}

void helper_unlocked_caller(void)
{
	helper(find_dev());
}

/*
 * A non-static function that is not a callback leaves the lock of its
 * parameter to its callers (a summary carries it to other files); the
 * unlocked caller is reported.
 */
void exported(struct device *dev)
{
	of_dma_configure(dev, np, true); // expected-warning{{requires device_lock(dev), which is not held on this path (from exported_caller())}}
}

void exported_caller(void)
{
	exported(find_dev());
}

/* A static function never called: nobody can hold the lock. */
static void unused_static(struct device *dev)
{
	of_dma_configure(dev, np, true);
}
