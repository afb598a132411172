// of/acpi_dma_configure*() require device_lock(): after apply, Sparse
// reports each function that calls them without it, and none that holds it
// by device_lock(), guard(device), scoped_guard(device, ...), a taken
// trylock or interruptible lock.
// RUN: %S/Inputs/mktree %t %s
// RUN: %sparse_annotations/apply %t
// RUN: sparse -Wno-decl -I%t/include %t/drivers/test/devlock.c 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// Without __CHECKER__ the annotated headers are what they were.
// RUN: %clang -fsyntax-only -Wall -Wno-unused-variable -Werror -I%t/include %t/drivers/test/devlock.c
// Plain sparse on the unannotated headers sees none of it.
// RUN: sparse -Wno-decl -I%kinc %s 2>&1 | count 0
#include <linux/of_device.h>
#include <linux/acpi.h>
#include <linux/cleanup.h>

// CHECK: devlock.c:[[@LINE+1]]:12: warning: context imbalance in 'unlocked_helper' - unexpected unlock
static int unlocked_helper(struct device *dev, struct device_node *np)
{
	return of_dma_configure(dev, np, true);
}

// CHECK: devlock.c:[[@LINE+1]]:12: warning: context imbalance in 'unlocked_acpi' - unexpected unlock
static int unlocked_acpi(struct device *dev)
{
	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, NULL);
}

static int locked_helper(struct device *dev, struct device_node *np)
{
	int ret;

	device_lock(dev);
	ret = of_dma_configure(dev, np, true);
	device_unlock(dev);
	return ret;
}

// CHECK: devlock.c:[[@LINE+1]]:12: warning: context imbalance in 'after_unlock' - unexpected unlock
static int after_unlock(struct device *dev, struct device_node *np)
{
	device_lock(dev);
	device_unlock(dev);
	return of_dma_configure_id(dev, np, true, NULL);
}

static int guarded(struct device *dev, struct device_node *np)
{
	guard(device)(dev);
	return of_dma_configure_id(dev, np, true, NULL);
}

static int scoped(struct device *dev, struct device_node *np)
{
	scoped_guard(device, dev) {
		if (of_dma_configure(dev, np, true))
			return -1;
	}
	return 0;
}

// The guard's scope ends at its block: the call after it is unlocked.
// CHECK: devlock.c:[[@LINE+1]]:12: warning: context imbalance in 'after_scope' - unexpected unlock
static int after_scope(struct device *dev, struct device_node *np)
{
	scoped_guard(device, dev)
		dev->of_node = np;
	return of_dma_configure(dev, np, true);
}

static int trylocked(struct device *dev, struct device_node *np)
{
	if (device_trylock(dev)) {
		of_dma_configure(dev, np, true);
		device_unlock(dev);
	}
	return 0;
}

// (Sparse places this one at the failing basic block, inside the function.)
// CHECK: devlock.c:{{[0-9]+}}:{{[0-9]+}}: warning: context imbalance in 'trylock_unlocked_branch' - unexpected unlock
static int trylock_unlocked_branch(struct device *dev, struct device_node *np)
{
	if (device_trylock(dev)) {
		device_unlock(dev);
	} else {
		of_dma_configure(dev, np, true);
	}
	return 0;
}

static int interruptible(struct device *dev)
{
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;
	ret = acpi_dma_configure(dev, DEV_DMA_COHERENT);
	device_unlock(dev);
	return ret;
}

int use(struct device *d, struct device_node *np);
int use(struct device *d, struct device_node *np)
{
	return unlocked_helper(d, np) + unlocked_acpi(d) + locked_helper(d, np) +
	       after_unlock(d, np) + guarded(d, np) + scoped(d, np) +
	       after_scope(d, np) + trylocked(d, np) +
	       trylock_unlocked_branch(d, np) + interruptible(d);
}
