// guard()/scoped_guard(): held from the declaration to the end of its scope
// on every path out of it (early return, break, the label/goto form).
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
#include <linux/device.h>
#include <linux/of_device.h>

struct device *find_dev(void);
struct device_node *np;
int cond(void);

void guard_device(void)
{
	struct device *d = find_dev();

	guard(device)(d);
	of_dma_configure(d, np, true);
}

void guard_mutex(void)
{
	struct device *d = find_dev();

	guard(mutex)(&d->mutex);
	of_dma_configure(d, np, true);
}

int guard_early_return(void)
{
	struct device *d = find_dev();

	guard(device)(d);
	if (cond())
		return -1;
	of_dma_configure(d, np, true);
	return 0;
}

void guard_inner_block(void)
{
	struct device *d = find_dev();

	{
		guard(device)(d);
		of_dma_configure(d, np, true);
	}
	of_dma_configure(d, np, true); // expected-warning{{of_dma_configure() requires device_lock(d)}}
}

void guard_other_device(void)
{
	struct device *a = find_dev(), *b = find_dev();

	guard(device)(a);
	of_dma_configure(b, np, true); // expected-warning{{of_dma_configure() requires device_lock(b)}}
}

void scoped(void)
{
	struct device *d = find_dev();

	scoped_guard(device, d)
		of_dma_configure(d, np, true);
	of_dma_configure(d, np, true); // expected-warning{{of_dma_configure() requires device_lock(d)}}
}

int scoped_early_return(void)
{
	struct device *d = find_dev();

	scoped_guard(mutex, &d->mutex) {
		if (cond())
			return -1;
		of_dma_configure(d, np, true);
	}
	return 0;
}

void scoped_in_loop(void)
{
	struct device *d = find_dev();
	int i;

	for (i = 0; i < 3; i++) {
		scoped_guard(device, d) {
			if (cond())
				break;
			of_dma_configure(d, np, true);
		}
	}
	of_dma_configure(d, np, true); // expected-warning{{of_dma_configure() requires device_lock(d)}}
}

void guard_in_loop(void)
{
	struct device *d = find_dev();
	int i;

	/* re-declared each iteration: released at the end of the body */
	for (i = 0; i < 3; i++) {
		guard(device)(d);
		of_dma_configure(d, np, true);
	}
}

void scoped_trylock(void)
{
	struct device *d = find_dev();

	scoped_cond_guard(mutex_try, return, &d->mutex)
		of_dma_configure(d, np, true);
}

/* Released by the guard: neither a leak nor still held afterwards. */
void guard_then_unlock(void)
{
	struct device *d = find_dev();

	scoped_guard(device, d)
		of_dma_configure(d, np, true);
	device_unlock(d); // expected-warning{{'d' released while not held on this path [lock-imbalance]}}
}

void guard_double(void)
{
	struct device *d = find_dev();

	device_lock(d);
	guard(device)(d); // expected-warning{{acquired while already held}}
	device_unlock(d);
}
