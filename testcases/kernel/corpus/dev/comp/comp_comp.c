// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_comp backend: a component whose bind op points the master's
 * device at its own node (sun4i_backend_bind(),
 * drivers/gpu/drm/sun4i/sun4i_backend.c), and a GMU helper that finds its
 * device by node (a6xx_gmu_wrapper_init(), drivers/gpu/drm/msm/adreno/
 * a6xx_gmu.c), here with the found device's lock taken.
 */
#include <linux/component.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include "comp.h"

/* The GMU is a device we found, not one we probed: lock it ourselves. */
int comp_gmu_init(struct device *dev, struct device_node *node)
{
	struct platform_device *pdev = of_find_device_by_node(node);
	struct device *gmu;
	int ret;

	if (!pdev)
		return -ENODEV;
	gmu = &pdev->dev;
	device_lock(gmu);
	ret = of_dma_configure(gmu, node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(gmu);
	put_device(gmu);
	return ret;
}

static int comp_backend_bind(struct device *dev, struct device *master, void *data)
{
	struct device_node *gmu_np;
	int ret;

	if (of_property_present(dev->of_node, "interconnects")) {
		/* the master's device, not ours, and nobody locked it */
		ret = of_dma_configure(master, dev->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		if (ret)
			return ret;
	}
	gmu_np = of_parse_phandle(dev->of_node, "corpus,gmu", 0);
	if (gmu_np) {
		ret = comp_gmu_init(dev, gmu_np);
		of_node_put(gmu_np);
		if (ret)
			return ret;
	}
	return 0;
}

static void comp_backend_unbind(struct device *dev, struct device *master, void *data)
{
}

static const struct component_ops comp_backend_ops = {
	.bind = comp_backend_bind,
	.unbind = comp_backend_unbind,
};

static int comp_backend_probe(struct platform_device *pdev)
{
	return component_add(&pdev->dev, &comp_backend_ops);
}

static void comp_backend_remove(struct platform_device *pdev)
{
	component_del(&pdev->dev, &comp_backend_ops);
}

struct platform_driver comp_backend_driver = {
	.probe = comp_backend_probe,
	.remove = comp_backend_remove,
	.driver = { .name = "corpus-comp-backend" },
};
