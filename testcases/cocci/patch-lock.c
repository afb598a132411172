// -D patch (default strategy): wrap the call in device_lock()/device_unlock()
// of the configured device; "ret = ...; if (ret)" stays correct because only
// the assignment moves inside.  Not where the lock is held, not on a probed
// device, not through a macro, each said on stderr with why.  Idempotent;
// the result compiles.
// RUN: spatch --very-quiet --no-includes -D patch --sp-file %cocci/of_dma_configure.cocci -I %kinc %s -o %t.c > /dev/null 2> %t.err
// RUN: sort -t: -k2,2n -k3,3n %t.err | FileCheck %s --check-prefix=SKIP --implicit-check-not=skipped
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
#include <linux/component.h>

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
	// SKIP: patch-lock.c:[[@LINE+1]]:6: lock rewrite skipped for of_dma_configure(): the call is not a statement, assignment or return of its own (a condition, an operand): take the lock around it by hand [dma-configure-outside-bus]
	if (of_dma_configure(dev, NULL, true))
		return -1;
	return 0;
}

int already_locked(struct device *dev)
{
	int ret;

	device_lock(dev);
	// SKIP: patch-lock.c:[[@LINE+1]]:8: lock rewrite skipped for of_dma_configure(): device_lock(dev) is already held here [dma-configure-outside-bus]
	ret = of_dma_configure(dev, NULL, true);
	device_unlock(dev);
	return ret;
}

static int my_probe(struct platform_device *pdev)
{
	// SKIP: patch-lock.c:[[@LINE+2]]:9: lock rewrite skipped for of_dma_configure(): &pdev->dev is the device being probed, whose device_lock the driver core already holds; configuring it again from probe needs a driver change (-D annotate marks it) [dma-configure-outside-bus]
	// SKIP: patch-lock.c:[[@LINE+1]]:52: lock rewrite skipped for of_dma_configure(): &pdev->dev is the device being probed, {{.*}}
	return of_dma_configure(&pdev->dev, NULL, true) + SETUP_DMA(&pdev->dev);
}

static struct platform_driver my_driver = { .probe = my_probe };

/* component master bind on its own device (vc4_drv.c) */
static int my_bind(struct device *dev)
{
	// SKIP: patch-lock.c:[[@LINE+1]]:9: lock rewrite skipped for of_dma_configure(): dev is the component master's own device; bind runs from a probe that may hold its device_lock, so taking it here could deadlock (-D annotate marks it) [dma-configure-outside-bus]
	return of_dma_configure(dev, NULL, true);
}

static const struct component_master_ops my_master_ops = { .bind = my_bind };
const struct component_master_ops *get_ops(void) { return &my_master_ops; }

int through_macro(struct device *dev)
{
	// SKIP: patch-lock.c:[[@LINE+1]]:9: lock rewrite skipped for of_dma_configure(): the call is in the body of macro SETUP_DMA: take the lock around its uses by hand [dma-configure-outside-bus]
	return SETUP_DMA(dev);
}
struct platform_driver *get(void) { return &my_driver; }
// Nothing else changes:
// CHECK-NOT: {{^[-+][^-+]}}
