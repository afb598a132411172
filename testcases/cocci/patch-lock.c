// -D patch (default strategy): wrap the call in device_lock()/device_unlock()
// of the configured device; "ret = ...; if (ret)" stays correct because only
// the assignment moves inside.  Not where the lock is held, not on a probed
// device, not through a macro.  Idempotent; the result compiles.
// RUN: spatch --very-quiet --no-includes -D patch --sp-file %cocci/of_dma_configure.cocci -I %kinc %s -o %t.c > /dev/null
// RUN: not diff -u %s %t.c > %t.diff
// RUN: FileCheck %s < %t.diff
// RUN: %clang -fsyntax-only -I %kinc %t.c
// RUN: spatch --very-quiet --no-includes -D patch --sp-file %cocci/of_dma_configure.cocci -I %kinc %t.c > %t.again
// RUN: not test -s %t.again

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/acpi.h>

#define SETUP_DMA(d) of_dma_configure(d, NULL, true)

int created(struct device *parent, struct device_node *node)
{
	struct platform_device *pdev = platform_device_alloc("x", -1);
	int ret;

	if (!pdev)
		return -ENOMEM;
	ret = of_dma_configure(&pdev->dev, node, true);
	if (ret)
		return ret;
	return platform_device_add(pdev);
}
// CHECK:      @@
// CHECK:       	if (!pdev)
// CHECK-NEXT:  		return -ENOMEM;
// CHECK-NEXT: +	device_lock(&pdev->dev);
// CHECK-NEXT:  	ret = of_dma_configure(&pdev->dev, node, true);
// CHECK-NEXT: +	device_unlock(&pdev->dev);
// CHECK-NEXT:  	if (ret)

void foreign(struct device_node *node)
{
	struct platform_device *pdev = of_find_device_by_node(node);

	acpi_dma_configure(&pdev->dev, DEV_DMA_COHERENT);
}
// CHECK:      +	device_lock(&pdev->dev);
// CHECK-NEXT:  	acpi_dma_configure(&pdev->dev, DEV_DMA_COHERENT);
// CHECK-NEXT: +	device_unlock(&pdev->dev);

int returned(struct device *dev)
{
	return of_dma_configure_id(dev, NULL, true, NULL);
}
// CHECK:      -	return of_dma_configure_id(dev, NULL, true, NULL);
// CHECK-NEXT: +	{
// CHECK-NEXT: +		int err;
// CHECK-NEXT: +
// CHECK-NEXT: +		device_lock(dev);
// CHECK-NEXT: +		err = of_dma_configure_id(dev, NULL, true, NULL);
// CHECK-NEXT: +		device_unlock(dev);
// CHECK-NEXT: +		return err;
// CHECK-NEXT: +	}

/* not rewritten: the call is a condition (report mode lists it) */
int in_condition(struct device *dev)
{
	if (of_dma_configure(dev, NULL, true))
		return -1;
	return 0;
}

int already_locked(struct device *dev)
{
	int ret;

	device_lock(dev);
	ret = of_dma_configure(dev, NULL, true);
	device_unlock(dev);
	return ret;
}

static int my_probe(struct platform_device *pdev)
{
	return of_dma_configure(&pdev->dev, NULL, true) + SETUP_DMA(&pdev->dev);
}

static struct platform_driver my_driver = { .probe = my_probe };
struct platform_driver *get(void) { return &my_driver; }
// Nothing else changes:
// CHECK-NOT: {{^[-+][^-+]}}
