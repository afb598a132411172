// A probe keeps its own device in a field (dsp->adev = adev, as
// heldout8's axb_dsp_probe()); a firmware callback reads it back and
// re-points it: the probed device (pattern 3), as the Clang engine says.
// The twin: a device the same probe found by phandle is foreign.
// RUN: spatch --very-quiet -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct fw_ctx {
	struct platform_device *pdev;
	struct platform_device *peer;
};

static int fw_probe(struct platform_device *pdev)
{
	struct fw_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	ctx->pdev = pdev;
	ctx->peer = of_find_device_by_node(pdev->dev.of_node);
	return 0;
}

/* request_firmware_nowait()'s callback: its context is the probe's ctx */
void fw_ready(void *context)
{
	struct fw_ctx *ctx = context;
	struct device *dev = &ctx->pdev->dev;

	// CHECK: ownfield.c:[[@LINE+1]]:1-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device dev, device_lock not held [dma-configure-outside-bus]
	of_dma_configure(dev, NULL, true);
	// CHECK: ownfield.c:[[@LINE+1]]:1-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &ctx->peer->dev, device_lock not held [dma-configure-outside-bus]
	of_dma_configure(&ctx->peer->dev, NULL, true);
}

/* a field written by a function that is no probe says nothing (and a
 * field name written both ways in one file says nothing either: the
 * script knows fields by name) */
struct other_ctx {
	struct platform_device *owner;
};

void other_set(struct other_ctx *o, struct platform_device *pdev)
{
	o->owner = pdev;
}

void other_ready(struct other_ctx *o)
{
	// CHECK: ownfield.c:[[@LINE+1]]:1-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &o->owner->dev, device_lock not held [dma-configure-outside-bus]
	of_dma_configure(&o->owner->dev, NULL, true);
}

struct platform_driver fw_driver = {
	.probe = fw_probe,
};
