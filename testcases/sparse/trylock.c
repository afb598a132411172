// A successful device_trylock() / device_lock_interruptible() holds the
// lock on that branch only, in the shapes of 6.12's callers (pmc core's
// "if (!device_trylock(...)) return", pci_dev_trylock()'s
// "if (device_trylock(...)) { ... }", a stored result); the call on the
// failure branch is reported.  Negatives (N:) beside positive twins (P:).
// RUN: %S/Inputs/mktree %t %s
// RUN: %sparse_annotations/apply %t
// RUN: sparse -Wno-decl -I%t/include %t/drivers/test/trylock.c 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %clang -fsyntax-only -Wall -Wno-unused-variable -Werror -I%t/include %t/drivers/test/trylock.c
#include <linux/of_device.h>
#include <linux/pci.h>

/* N: pmc_core_set_device_d3() shape */
int d3_configure(struct pci_dev *pcidev, struct device_node *np);
int d3_configure(struct pci_dev *pcidev, struct device_node *np)
{
	if (!device_trylock(&pcidev->dev))
		return -EBUSY;
	of_dma_configure(&pcidev->dev, np, true);
	device_unlock(&pcidev->dev);
	return 0;
}

/* P: the failure branch configures anyway */
// CHECK: trylock.c:{{[0-9]+}}:{{[0-9]+}}: warning: context imbalance in 'd3_configure_anyway' - unexpected unlock
int d3_configure_anyway(struct pci_dev *pcidev, struct device_node *np);
int d3_configure_anyway(struct pci_dev *pcidev, struct device_node *np)
{
	if (!device_trylock(&pcidev->dev))
		return of_dma_configure(&pcidev->dev, np, true);
	device_unlock(&pcidev->dev);
	return 0;
}

/* N: pci_dev_trylock() shape, a result kept across the branch */
int try_configure(struct pci_dev *dev, struct device_node *np);
int try_configure(struct pci_dev *dev, struct device_node *np)
{
	int ret = -EBUSY;

	if (device_trylock(&dev->dev)) {
		ret = of_dma_configure(&dev->dev, np, true);
		device_unlock(&dev->dev);
	}
	return ret;
}

/* P: configured after the unlock */
// CHECK: trylock.c:{{[0-9]+}}:{{[0-9]+}}: warning: context imbalance in 'try_configure_late' - unexpected unlock
int try_configure_late(struct pci_dev *dev, struct device_node *np);
int try_configure_late(struct pci_dev *dev, struct device_node *np)
{
	int ret = -EBUSY;

	if (device_trylock(&dev->dev)) {
		device_unlock(&dev->dev);
		ret = of_dma_configure(&dev->dev, np, true);
	}
	return ret;
}

/* N: the result stored, then tested */
int stored_configure(struct device *dev, struct device_node *np);
int stored_configure(struct device *dev, struct device_node *np)
{
	int locked = device_trylock(dev);
	int ret;

	if (!locked)
		return -EBUSY;
	ret = of_dma_configure(dev, np, true);
	device_unlock(dev);
	return ret;
}

/* N: spinning on the trylock */
int spin_configure(struct device *dev, struct device_node *np);
int spin_configure(struct device *dev, struct device_node *np)
{
	int ret;

	while (!device_trylock(dev))
		dev_dbg(dev, "busy\n");
	ret = of_dma_configure(dev, np, true);
	device_unlock(dev);
	return ret;
}

/* N: device_lock_interruptible() as the condition */
int intr_configure(struct device *dev, struct device_node *np);
int intr_configure(struct device *dev, struct device_node *np)
{
	int ret;

	if (device_lock_interruptible(dev))
		return -EINTR;
	ret = of_dma_configure(dev, np, true);
	device_unlock(dev);
	return ret;
}

/* P: the interrupted branch configures */
// CHECK: trylock.c:{{[0-9]+}}:{{[0-9]+}}: warning: context imbalance in 'intr_configure_anyway' - unexpected unlock
int intr_configure_anyway(struct device *dev, struct device_node *np);
int intr_configure_anyway(struct device *dev, struct device_node *np)
{
	if (device_lock_interruptible(dev))
		return of_dma_configure(dev, np, true);
	device_unlock(dev);
	return 0;
}

/* N: device_lock_interruptible() stored and returned when non-zero */
int intr_stored(struct device *dev, struct device_node *np);
int intr_stored(struct device *dev, struct device_node *np)
{
	int ret = device_lock_interruptible(dev);

	if (ret)
		return ret;
	ret = of_dma_configure(dev, np, true);
	device_unlock(dev);
	return ret;
}

/* N: usb's supports_autosuspend_show() shape: stored, tested "< 0" */
int intr_negative(struct device *dev, struct device_node *np);
int intr_negative(struct device *dev, struct device_node *np)
{
	int s;

	s = device_lock_interruptible(dev);
	if (s < 0)
		return -EINTR;
	s = of_dma_configure(dev, np, true);
	device_unlock(dev);
	return s;
}

/* P: configured on the interrupted path */
// CHECK: trylock.c:{{[0-9]+}}:{{[0-9]+}}: warning: context imbalance in 'intr_negative_anyway' - unexpected unlock
int intr_negative_anyway(struct device *dev, struct device_node *np);
int intr_negative_anyway(struct device *dev, struct device_node *np)
{
	int s;

	s = device_lock_interruptible(dev);
	if (s < 0)
		return of_dma_configure(dev, np, true);
	device_unlock(dev);
	return s;
}
