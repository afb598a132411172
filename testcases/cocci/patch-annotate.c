// -D patch -D annotate: the FIXME comment of the 2023 patch (seed 000),
// exactly, at the call's indentation; above the "if" when the call is its
// unbraced branch (etnaviv_drv.c in the seed).  Idempotent; compiles.
// RUN: spatch --very-quiet --no-includes -D patch -D annotate --sp-file %cocci/of_dma_configure.cocci -I %kinc %s -o %t.c > /dev/null
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t.c
// Exactly three comments were added (the file had one already):
// RUN: grep -cE "^[[:blank:]]+[*] FIXME" %s | FileCheck %s --check-prefix=BEFORE
// RUN: grep -cE "^[[:blank:]]+[*] FIXME" %t.c | FileCheck %s --check-prefix=AFTER
// BEFORE:1
// AFTER:4
// RUN: %clang -fsyntax-only -I %kinc %t.c
// RUN: spatch --very-quiet --no-includes -D patch -D annotate --sp-file %cocci/of_dma_configure.cocci -I %kinc %t.c > %t.again
// RUN: not test -s %t.again

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/acpi.h>

static int my_probe(struct platform_device *pdev)
{
	struct device_node *first_node = pdev->dev.of_node;

	/*
	 * An existing comment stays above the new one.
	 */
	if (first_node)
		of_dma_configure(&pdev->dev, first_node, true);

	return 0;
}
// CHECK:	 * An existing comment stays above the new one.
// CHECK-NEXT:	 */
// CHECK-NEXT:	/*
// CHECK-NEXT:	 * FIXME: of_dma_configure() should not be called outside
// CHECK-NEXT:	 * bus_type.dma_configure
// CHECK-NEXT:	 */
// CHECK-NEXT:	if (first_node)
// CHECK-NEXT:		of_dma_configure(&pdev->dev, first_node, true);

int bind(struct device *dev, struct device_node *node)
{
	int ret = 0;

	if (node) {
		ret = of_dma_configure(dev, node, true);
		if (ret)
			return ret;
	}
	return acpi_dma_configure(dev, DEV_DMA_COHERENT);
}
// CHECK:	if (node) {
// CHECK-NEXT:		/*
// CHECK-NEXT:		 * FIXME: of_dma_configure() should not be called outside
// CHECK-NEXT:		 * bus_type.dma_configure
// CHECK-NEXT:		 */
// CHECK-NEXT:		ret = of_dma_configure(dev, node, true);
// CHECK:	}
// CHECK-NEXT:	/*
// CHECK-NEXT:	 * FIXME: acpi_dma_configure() should not be called outside
// CHECK-NEXT:	 * bus_type.dma_configure
// CHECK-NEXT:	 */
// CHECK-NEXT:	return acpi_dma_configure(dev, DEV_DMA_COHERENT);

void already(struct device *dev)
{
	/*
	 * FIXME: of_dma_configure() should not be called outside
	 * bus_type.dma_configure
	 */
	of_dma_configure_id(dev, NULL, true, NULL);
}

static struct platform_driver my_driver = { .probe = my_probe };
struct platform_driver *get(void) { return &my_driver; }
