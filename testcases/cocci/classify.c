// Classification of each call: foreign-device (seed pattern 1), created-device
// (pattern 2), probed-device (pattern 3), each with the device it configures.
// RUN: spatch --very-quiet -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// The file also compiles, so it is real kernel-shaped C.
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/component.h>

/* pattern 1: a device found elsewhere (a6xx_gmu.c, via an alias) */
int steal(struct device_node *node, struct device **out)
{
	struct platform_device *pdev = of_find_device_by_node(node);
	struct device *gdev;

	gdev = &pdev->dev;
	*out = gdev;
	// CHECK: classify.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device gdev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(gdev, node, true);
}

/* a pointer handed in is somebody else's device too (sun4i_backend.c) */
int handed_in(struct device *dev, struct device *master)
{
	// CHECK: classify.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device master, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(master, dev->of_node, true);
}

/* pattern 2: made here (ath10k/snoc.c) */
int create_full(struct device *parent, struct device_node *node)
{
	struct platform_device_info info = { .parent = parent };
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);
	// CHECK: classify.c:[[@LINE+1]]:7-23: WARNING: of_dma_configure() outside bus_type.dma_configure on a created-device &pdev->dev, device_lock not held [dma-configure-outside-bus]
	ret = of_dma_configure(&pdev->dev, node, true);
	if (ret)
		platform_device_unregister(pdev);
	return ret;
}

/* pattern 2: an allocated device, initialised here (s5p_mfc.c) */
struct device *create_memdev(struct device *dev)
{
	struct device *child = kzalloc(sizeof(*child), GFP_KERNEL);

	if (!child)
		return NULL;
	device_initialize(child);
	// CHECK: classify.c:[[@LINE+1]]:1-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a created-device child, device_lock not held [dma-configure-outside-bus]
	of_dma_configure(child, dev->of_node, true);
	if (device_add(child))
		return NULL;
	return child;
}

/* pattern 2: an embedded device registered here (host1x/context.c) */
struct ctx { struct device dev; };
int create_embedded(struct ctx *ctx, struct device_node *node)
{
	int err = device_add(&ctx->dev);

	if (err)
		return err;
	// CHECK: classify.c:[[@LINE+1]]:8-27: WARNING: of_dma_configure_id() outside bus_type.dma_configure on a created-device &ctx->dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure_id(&ctx->dev, node, true, NULL);
}

/* a static helper of the one function that creates the device (bcma) */
struct core { struct device dev; };
static void fill(struct device *parent, struct core *core)
{
	// CHECK: classify.c:[[@LINE+1]]:1-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a created-device &core->dev (by prepare()), device_lock not held [dma-configure-outside-bus]
	of_dma_configure(&core->dev, parent->of_node, false);
}
void prepare(struct device *parent, struct core *core)
{
	device_initialize(&core->dev);
	fill(parent, core);
}

/* the same with two callers: the device is handed in, foreign */
static void fill2(struct core *core)
{
	// CHECK: classify.c:[[@LINE+1]]:1-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &core->dev, device_lock not held [dma-configure-outside-bus]
	of_dma_configure(&core->dev, NULL, false);
}
void prepare2(struct core *core)
{
	device_initialize(&core->dev);
	fill2(core);
}
void other2(struct core *core)
{
	fill2(core);
}

/* pattern 3: the probed device re-pointed at another node (etnaviv_drv.c) */
static int my_probe(struct platform_device *pdev)
{
	struct device_node *first_node = of_find_compatible_node(NULL, NULL, "x");

	if (first_node)
		// CHECK: classify.c:[[@LINE+1]]:2-18: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device &pdev->dev, device_lock held by the driver core (probe) [dma-configure-outside-bus]
		of_dma_configure(&pdev->dev, first_node, true);
	return 0;
}

/* a probe configuring some other device: that one is foreign */
static int other_probe(struct platform_device *pdev)
{
	struct platform_device *peer = of_find_device_by_node(pdev->dev.of_node);

	// CHECK: classify.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &peer->dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(&peer->dev, NULL, true);
}

/* same shape as my_probe, but registered nowhere: not a probe */
static int not_a_probe(struct platform_device *pdev)
{
	// CHECK: classify.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &pdev->dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(&pdev->dev, NULL, true);
}

/* component master bind gets its own, already probed device (vc4_drv.c) */
static int master_bind(struct device *dev)
{
	// CHECK: classify.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, NULL, true);
}

static const struct component_master_ops my_master_ops = {
	.bind = master_bind,
};

static struct platform_driver my_driver = {
	.probe = my_probe,
};

static struct platform_driver other_driver = {
	.driver = { .name = "other" },
	.probe = other_probe,
};

int use(void)
{
	return not_a_probe(NULL) + (my_driver.probe != other_driver.probe) +
	       (my_master_ops.bind != NULL);
}
