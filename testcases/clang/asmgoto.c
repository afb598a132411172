// The analyzer ends a path at an asm goto.  In the kernel every dev_dbg()
// under CONFIG_DYNAMIC_DEBUG goes through one (arch_static_branch()), so a
// function around an asm goto is evaluated as an unknown value instead of
// inlined: the calls after it are still judged.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
#include <linux/device.h>
#include <linux/of_device.h>

struct device_node *np;
void dynamic_dev_dbg(struct device *dev);

static inline __attribute__((always_inline)) _Bool static_branch(void)
{
	asm goto("nop" : : : : l_yes);
	return 0;
l_yes:
	return 1;
}

static void quiesce(struct device *dev)
{
	device_lock_assert(dev);
	if (static_branch())
		dynamic_dev_dbg(dev);
}

static void rework(struct device *dev)
{
	quiesce(dev); // expected-warning{{quiesce() requires device_lock(dev), which is not held on this path (from rework())}}
	of_dma_configure(dev, np, true); // expected-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from rework())}} expected-warning{{on a foreign-device dev, device_lock not held}}
}

/* Twin: the same calls under the lock. */
static void rework_locked(struct device *dev)
{
	device_lock(dev);
	quiesce(dev);
	of_dma_configure(dev, np, true); // expected-warning{{on a foreign-device dev, device_lock held}}
	device_unlock(dev);
}

void *const fns[] = { rework, rework_locked };
