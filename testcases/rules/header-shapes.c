// The mini headers must accept what real driver code writes: this file is
// compiled here against testcases/include (clang and sparse) and, in the
// real tier (testcases/kernel/headers/), against Debian's 6.12 tree with the
// kernel's own flags, so a shape that drifts from mainline fails one of them.
//
// RUN: %clang -fsyntax-only -Werror -nostdinc -I %kinc %s
// RUN: %clang -fsyntax-only -Werror -nostdinc -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC %s
// RUN: sparse -Wcontext -nostdinc -I %kinc %s 2>&1 | FileCheck %s --allow-empty --check-prefix=SPARSE
// SPARSE-NOT: error:
#include <linux/acpi.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/module.h>

static int shape_probe(struct platform_device *pdev)
{
	struct platform_device *child;
	struct device_node *np = pdev->dev.of_node;
	int ret;

	child = platform_device_alloc("shape-child", PLATFORM_DEVID_AUTO);
	if (!child)
		return -ENOMEM;

	scoped_guard(device, &child->dev) {
		ret = of_dma_configure(&child->dev, np, true);
		if (ret)
			goto err;
	}

	if (device_trylock(&pdev->dev)) {
		device_lock_assert(&pdev->dev);
		device_unlock(&pdev->dev);
	}
	if (!device_lock_interruptible(&child->dev)) {
		ret = acpi_dma_configure(&child->dev, DEV_DMA_COHERENT);
		device_unlock(&child->dev);
		if (ret)
			goto err;
	}
	{
		guard(device)(&child->dev);
		ret = of_dma_configure_id(&child->dev, np, false, NULL);
	}
	if (ret)
		goto err;
	return platform_device_add(child);
err:
	platform_device_put(child);
	return ret;
}

static struct platform_driver shape_driver = {
	.probe = shape_probe,
	.driver = {
		.name = "iommu-lockcheck-shape",
	},
};
module_platform_driver(shape_driver);
