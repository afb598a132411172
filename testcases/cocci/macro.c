// A call written through a macro is reported where the macro is used, with
// the device the use passes; the #define itself is not a call site.  The
// acpi variants are found like the of ones.
// RUN: spatch --very-quiet --no-includes -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/acpi.h>

#define SETUP_DMA(d, np) of_dma_configure(d, np, true)
#define SETUP_ACPI(d) acpi_dma_configure_id(d, DEV_DMA_COHERENT, NULL)
#define UNUSED_DMA(d) of_dma_configure(d, NULL, true)

int via_macro(struct device_node *node)
{
	struct platform_device *pdev = platform_device_alloc("m", -1);

	if (!pdev)
		return -ENOMEM;
	// CHECK: macro.c:[[@LINE+1]]:8-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a created-device &pdev->dev (via macro SETUP_DMA), device_lock not held [dma-configure-outside-bus]
	return SETUP_DMA(&pdev->dev, node);
}

int via_acpi_macro(struct device *dev)
{
	// CHECK: macro.c:[[@LINE+1]]:8-18: WARNING: acpi_dma_configure_id() outside bus_type.dma_configure on a foreign-device dev (via macro SETUP_ACPI), device_lock not held [dma-configure-outside-bus]
	return SETUP_ACPI(dev);
}

int acpi_direct(struct device *dev)
{
	int ret;

	// CHECK: macro.c:[[@LINE+1]]:7-25: WARNING: acpi_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	ret = acpi_dma_configure(dev, DEV_DMA_COHERENT);
	// CHECK: macro.c:[[@LINE+1]]:8-29: WARNING: acpi_dma_configure_id() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, NULL) ?: ret;
}
