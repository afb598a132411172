// Entry contexts from the code: a function stored in a bus_type's
// dma_configure/probe/remove slot or in any *_driver's probe/remove holds
// the lock of the device it is given (its first parameter, a struct device
// * or a struct embedding one), so its calls on that device, or on a local
// set once to it, are quiet.  A call on any other device there (created or
// found: a true finding), or the same body outside such a slot, is
// reported.  Each negative (N:) sits beside its positive twin (P:).
// RUN: %S/Inputs/mktree %t %s
// RUN: %sparse_annotations/apply %t
// RUN: sparse -Wno-decl -I%t/include %t/drivers/test/entries.c 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %clang -fsyntax-only -Wall -Wno-unused-variable -Werror -I%t/include %t/drivers/test/entries.c
// Plain sparse sees none of it.
// RUN: sparse -Wno-decl -I%kinc %s 2>&1 | count 0
#include <linux/of_device.h>
#include <linux/acpi.h>
#include <linux/pci.h>
#include <linux/platform_device.h>

/* N: platform_dma_configure() of drivers/base/platform.c, 6.12 */
static int foo_dma_configure(struct device *dev)
{
	struct fwnode_handle *fwnode = dev->fwnode;
	int ret = 0;

	if (dev->of_node)
		ret = of_dma_configure(dev, dev->of_node, true);
	else if (fwnode)
		ret = acpi_dma_configure(dev, DEV_DMA_COHERENT);
	return ret;
}

/* N: fsl_mc_dma_configure(): configured from a parent's node, on dev */
static int bar_dma_configure(struct device *dev)
{
	struct device *dma_dev = dev;
	u32 input_id = 1;

	while (dma_dev->parent)
		dma_dev = dma_dev->parent;
	return of_dma_configure_id(dev, dma_dev->of_node, 0, &input_id);
}

/* N: a bus's probe slot */
static int bar_bus_probe(struct device *dev)
{
	return of_dma_configure(dev, dev->of_node, true);
}

/* P: the same body in a slot the driver core calls unlocked (.match) */
// CHECK: entries.c:[[@LINE+1]]:12: warning: context imbalance in 'bar_match' - unexpected unlock
static int bar_match(struct device *dev, const struct device_driver *drv)
{
	return of_dma_configure(dev, dev->of_node, true);
}

static const struct bus_type foo_bus = {
	.name = "foo",
	.dma_configure = foo_dma_configure,
};

/* bus_types defined as array elements count too */
static const struct bus_type bar_buses[] = {
	{ .name = "bar", .dma_configure = bar_dma_configure, .probe = bar_bus_probe },
	{ .name = "bar2", .match = bar_match },
};

/* N: etnaviv_pdev_probe(): the probed device, configured from another node */
static int etna_probe(struct platform_device *pdev)
{
	struct device_node *first_node = pdev->dev.of_node;

	if (first_node)
		of_dma_configure(&pdev->dev, first_node, true);
	return 0;
}

/* P: a child device created in probe: its own lock is not held
 * (Sparse names the basic block after the "if (!child)" return) */
// CHECK: entries.c:[[@LINE+7]]:9: warning: context imbalance in 'child_probe' - unexpected unlock
static int child_probe(struct platform_device *pdev)
{
	struct platform_device *child = platform_device_alloc("child", -1);

	if (!child)
		return -ENOMEM;
	of_dma_configure(&child->dev, pdev->dev.of_node, true);
	return platform_device_add(child);
}

/* N: pci_driver probe, through the usual "dev = &pdev->dev" alias */
static int foo_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;

	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, NULL);
}

/* P: an alias that is re-pointed is no longer the probed device */
// CHECK: entries.c:[[@LINE+1]]:12: warning: context imbalance in 'parent_pci_probe' - unexpected unlock
static int parent_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;

	dev = dev->parent;
	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, NULL);
}

/* A driver type that no list names, in the shape of 6.12's auxiliary bus
 * (renamed: the real one is in <linux/auxiliary_bus.h>): its device embeds
 * struct device. */
struct auxbus_device {
	const char *name;
	struct device dev;
};
struct auxbus_device_id {
	char name[32];
};
struct auxbus_driver {
	int (*probe)(struct auxbus_device *auxdev, const struct auxbus_device_id *id);
	void (*remove)(struct auxbus_device *auxdev);
	struct device_driver driver;
};

/* N: its probe, on its own device */
static int aux_probe(struct auxbus_device *auxdev, const struct auxbus_device_id *id)
{
	return of_dma_configure(&auxdev->dev, auxdev->dev.parent->of_node, true);
}

/* P: the parent of the probed device is another device */
// CHECK: entries.c:[[@LINE+1]]:13: warning: context imbalance in 'aux_remove' - unexpected unlock
static void aux_remove(struct auxbus_device *auxdev)
{
	of_dma_configure(auxdev->dev.parent, NULL, true);
}

static struct platform_driver etna_driver = {
	.probe = etna_probe,
};
static struct platform_driver child_driver = {
	.probe = child_probe,
};
static struct pci_driver foo_pci_driver = {
	.name = "foo",
	.probe = foo_pci_probe,
};
static struct pci_driver parent_pci_driver = {
	.name = "parent",
	.probe = parent_pci_probe,
};
static struct auxbus_driver aux_driver = {
	.probe = aux_probe,
	.remove = aux_remove,
};

int use(void);
int use(void)
{
	return platform_driver_register(&etna_driver) +
	       platform_driver_register(&child_driver) +
	       bus_register(&foo_bus) + bus_register(&bar_buses[0]) +
	       (foo_pci_driver.probe != NULL) + (parent_pci_driver.probe != NULL) +
	       (aux_driver.probe != NULL);
}
