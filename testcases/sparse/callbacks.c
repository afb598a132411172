// A driver's probe and a bus's dma_configure are entered holding the
// device's lock: apply marks their calls on that device as held (found by
// Coccinelle from the struct initialisers), so they are quiet, while the
// same call from another callback (bind) or an unregistered function is
// reported.
// RUN: %S/Inputs/mktree %t %s
// RUN: %sparse_annotations/apply %t
// RUN: FileCheck %s --check-prefix=EDIT < %t/drivers/test/callbacks.c
// RUN: sparse -Wno-decl -I%t/include %t/drivers/test/callbacks.c 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
#include <linux/of_device.h>
#include <linux/platform_device.h>

static int foo_bus_dma_configure(struct device *dev)
{
	// EDIT: return __lc_held(of_dma_configure)(dev, dev->of_node, true);
	return of_dma_configure(dev, dev->of_node, true);
}

static const struct bus_type foo_bus = {
	.name = "foo",
	.dma_configure = foo_bus_dma_configure,
};

static int foo_probe(struct platform_device *pdev)
{
	// EDIT: return __lc_held(of_dma_configure)(&pdev->dev, pdev->dev.of_node, true);
	return of_dma_configure(&pdev->dev, pdev->dev.of_node, true);
}

// Same body, but not a probe: reported.
// CHECK: callbacks.c:[[@LINE+1]]:12: warning: context imbalance in 'foo_bind' - unexpected unlock
static int foo_bind(struct device *dev)
{
	// EDIT: return of_dma_configure(dev, dev->of_node, true);
	return of_dma_configure(dev, dev->of_node, true);
}

static struct platform_driver foo_driver = {
	.probe = foo_probe,
};

int use(struct device *d);
int use(struct device *d)
{
	return foo_bind(d) + platform_driver_register(&foo_driver) +
	       bus_register(&foo_bus);
}
