// A device named through a local alias, in a file whose other site
// configures another device (a created one).  spatch ran the alias rules
// for the first device only, so the probe's own device, reached through
// "dev = &pdev->dev", came out foreign and unlocked.
// RUN: spatch --very-quiet -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct child_ctx { struct platform_device *pdev; };

struct device *make_child(struct device *parent)
{
	struct device *child = kzalloc(sizeof(*child), GFP_KERNEL);

	if (!child)
		return NULL;
	device_initialize(child);
	// CHECK: alias-multi.c:[[@LINE+1]]:1-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a created-device child, device_lock not held [dma-configure-outside-bus]
	of_dma_configure(child, parent->of_node, true);
	return child;
}

/* the probe's own device, through a declared alias */
static int decl_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;

	// CHECK: alias-multi.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device dev, device_lock held by the driver core (probe) [dma-configure-outside-bus]
	return of_dma_configure(dev, NULL, true);
}

/* the same through an assignment */
static int assign_probe(struct platform_device *pdev)
{
	struct device *mine;

	mine = &pdev->dev;
	// CHECK: alias-multi.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device mine, device_lock held by the driver core (probe) [dma-configure-outside-bus]
	return of_dma_configure(mine, NULL, true);
}

/* negative twin: an alias of a device kept in a context, not the probe's */
static int ctx_work(struct child_ctx *ctx)
{
	struct device *dev = &ctx->pdev->dev;

	// CHECK: alias-multi.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, NULL, true);
}

static struct platform_driver decl_driver = {
	.probe = decl_probe,
};

static struct platform_driver assign_driver = {
	.probe = assign_probe,
};

int alias_multi_work(struct child_ctx *ctx)
{
	return ctx_work(ctx);
}
