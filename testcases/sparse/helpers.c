// Helpers called from probe under the lock: a static helper whose every
// caller passes it a device that the caller holds (its probed device, a
// parameter of another such helper, or one it locks itself) holds that
// device's lock; its calls on it are quiet.  One unlocked caller, a taken
// address, or another device breaks the contract and the helper's call is
// reported; a caller that holds the lock by device_lock() has its call
// checked by Sparse instead.  Negatives (N:) beside positive twins (P:).
// RUN: %S/Inputs/mktree %t %s
// RUN: %sparse_annotations/apply %t
// RUN: FileCheck %s --check-prefix=EDIT < %t/drivers/test/helpers.c
// RUN: sparse -Wno-decl -I%t/include %t/drivers/test/helpers.c 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %clang -fsyntax-only -Wall -Wno-unused-variable -Werror -I%t/include %t/drivers/test/helpers.c
#include <linux/of_device.h>
#include <linux/platform_device.h>

/* N: venus_firmware_init()-like helper, but on the probed device */
static int dma_init(struct device *dev, struct device_node *np)
{
	// EDIT: return __lc_held(of_dma_configure)(dev, np, true);
	return of_dma_configure(dev, np, true);
}

/* N: a helper of the helper, and one handed the platform_device */
static int fw_init(struct platform_device *pdev)
{
	return dma_init(&pdev->dev, pdev->dev.of_node);
}

static int foo_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	int ret;

	ret = dma_init(dev, dev->of_node);
	if (ret)
		return ret;
	return fw_init(pdev);
}

/* P: also called from a component bind, which holds no device lock */
// CHECK: helpers.c:[[@LINE+1]]:12: warning: context imbalance in 'shared_init' - unexpected unlock
static int shared_init(struct device *dev)
{
	return of_dma_configure(dev, dev->of_node, true);
}

static int bar_probe(struct platform_device *pdev)
{
	return shared_init(&pdev->dev);
}

static int bar_bind(struct device *dev, struct device *master, void *data)
{
	return shared_init(dev);
}

/* P: s5p_mfc_alloc_memdev(): a child created in a helper of probe */
// CHECK: helpers.c:[[@LINE+1]]:22: warning: context imbalance in 'alloc_memdev' - unexpected unlock
static struct device *alloc_memdev(struct device *dev)
{
	struct platform_device *child = platform_device_alloc("mem", -1);

	of_dma_configure(&child->dev, dev->of_node, true);
	return &child->dev;
}

static int baz_probe(struct platform_device *pdev)
{
	return alloc_memdev(&pdev->dev) ? 0 : -ENOMEM;
}

/* P: a helper whose address is taken may be called from anywhere */
// CHECK: helpers.c:[[@LINE+1]]:12: warning: context imbalance in 'cb_init' - unexpected unlock
static int cb_init(struct device *dev)
{
	return of_dma_configure(dev, dev->of_node, true);
}

static int qux_probe(struct platform_device *pdev)
{
	int (*fn)(struct device *) = cb_init;

	return cb_init(&pdev->dev) + fn(&pdev->dev);
}

/* N: outside probe, the caller takes the device's lock around the call;
 * Sparse checks the lock is held at the call (req_dev) */
static int attach_one(struct device *dev)
{
	return of_dma_configure(dev, dev->of_node, true);
}

int rescan(struct device *dev);
int rescan(struct device *dev)
{
	int ret;

	device_lock(dev);
	// EDIT: ret = __lc_req_dev(attach_one)(dev);
	ret = attach_one(dev);
	device_unlock(dev);
	return ret;
}

/* P: the twin locks it, but calls after the unlock: reported in the caller */
static int attach_two(struct device *dev)
{
	return of_dma_configure(dev, dev->of_node, true);
}

// CHECK: helpers.c:[[@LINE+2]]:5: warning: context imbalance in 'rescan_late' - unexpected unlock
int rescan_late(struct device *dev);
int rescan_late(struct device *dev)
{
	device_lock(dev);
	device_unlock(dev);
	return attach_two(dev);
}

static struct platform_driver drivers[] = {
	{ .probe = foo_probe },
	{ .probe = bar_probe },
	{ .probe = baz_probe },
	{ .probe = qux_probe },
};

int use(struct device *d);
int use(struct device *d)
{
	return bar_bind(d, NULL, NULL) + platform_driver_register(&drivers[0]);
}
