// guard(device)() and scoped_guard(device, ...) hold the lock to the end of
// their scope (cxl's shapes in 6.12); a call outside the scope is reported.
// Negatives (N:) beside positive twins (P:).
// RUN: %S/Inputs/mktree %t %s
// RUN: %sparse_annotations/apply %t
// RUN: sparse -Wno-decl -I%t/include %t/drivers/test/guards.c 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %clang -fsyntax-only -Wall -Wno-unused-variable -Werror -I%t/include %t/drivers/test/guards.c
#include <linux/of_device.h>
#include <linux/pci.h>
#include <linux/cleanup.h>

/* N: cxl_pci_probe()-style guard on the whole function */
int guard_configure(struct pci_dev *pdev);
int guard_configure(struct pci_dev *pdev)
{
	guard(device)(&pdev->dev);
	if (!pdev->dev.driver)
		return -ENODEV;
	return of_dma_configure(&pdev->dev, pdev->dev.of_node, true);
}

/* P: the guard is taken too late */
// CHECK: guards.c:{{[0-9]+}}:{{[0-9]+}}: warning: context imbalance in 'guard_late' - unexpected unlock
int guard_late(struct pci_dev *pdev);
int guard_late(struct pci_dev *pdev)
{
	int ret = of_dma_configure(&pdev->dev, pdev->dev.of_node, true);

	guard(device)(&pdev->dev);
	return ret;
}

/* N: cxl_nvdimm_release_driver()-style scoped_guard with a block */
int scoped_configure(struct device *dev);
int scoped_configure(struct device *dev)
{
	int ret = 0;

	scoped_guard(device, dev) {
		if (dev->driver)
			ret = of_dma_configure(dev, dev->of_node, true);
	}
	return ret;
}

/* P: configured after the scope ends */
// CHECK: guards.c:{{[0-9]+}}:{{[0-9]+}}: warning: context imbalance in 'scoped_after' - unexpected unlock
int scoped_after(struct device *dev);
int scoped_after(struct device *dev)
{
	bool bound = false;

	scoped_guard(device, dev) {
		if (dev->driver)
			bound = true;
	}
	return bound ? of_dma_configure(dev, dev->of_node, true) : 0;
}

/* N: a scoped_guard over a single statement, returning from inside */
int scoped_return(struct device *dev);
int scoped_return(struct device *dev)
{
	scoped_guard(device, dev)
		return of_dma_configure(dev, dev->of_node, true);
	return 0;
}
