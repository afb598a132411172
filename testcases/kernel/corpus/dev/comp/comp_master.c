// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_comp master: a component master whose probe re-points its own
 * device at the first GPU node (etnaviv_pdev_probe(),
 * drivers/gpu/drm/etnaviv/etnaviv_drv.c) and whose bind op does the same
 * to the master's own device (vc4_drm_bind(), drivers/gpu/drm/vc4/
 * vc4_drv.c): bind runs when the last component arrives, from whichever
 * probe that is, so the master's lock is not held there.
 */
#include <linux/component.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include "comp.h"

static const struct of_device_id comp_dma_range_matches[] = {
	{ .compatible = "corpus,comp-dma-ranges" },
	{ }
};

static int comp_master_bind(struct device *dev)
{
	struct device_node *node;
	int ret;

	node = of_find_matching_node_and_match(NULL, comp_dma_range_matches, NULL);
	if (node) {
		ret = of_dma_configure(dev, node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
		of_node_put(node);
		if (ret)
			return ret;
	}
	return component_bind_all(dev, NULL);
}

static void comp_master_unbind(struct device *dev)
{
	component_unbind_all(dev, NULL);
}

static const struct component_master_ops comp_master_ops = {
	.bind = comp_master_bind,
	.unbind = comp_master_unbind,
};

static int comp_master_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct component_match *match = NULL;
	struct device_node *first_node, *np;

	for_each_compatible_node(np, NULL, "corpus,comp-backend")
		component_match_add(dev, &match, component_compare_of, np);
	if (!match)
		return -ENODEV;

	first_node = of_find_compatible_node(NULL, NULL, "corpus,comp-gpu");
	if (first_node) {
		of_dma_configure(&pdev->dev, first_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(first_node);
	}
	return component_master_add_with_match(dev, &comp_master_ops, match);
}

static void comp_master_remove(struct platform_device *pdev)
{
	component_master_del(&pdev->dev, &comp_master_ops);
}

struct platform_driver comp_master_driver = {
	.probe = comp_master_probe,
	.remove = comp_master_remove,
	.driver = { .name = "corpus-comp-master" },
};

static int __init comp_init(void)
{
	int ret;

	ret = platform_driver_register(&comp_master_driver);
	if (ret)
		return ret;
	ret = platform_driver_register(&comp_backend_driver);
	if (ret)
		goto err_master;
	ret = auxiliary_driver_register(&comp_aux_driver);
	if (ret)
		goto err_backend;
	ret = i2c_add_driver(&comp_i2c_driver);
	if (ret)
		goto err_aux;
	ret = spi_register_driver(&comp_spi_driver);
	if (ret)
		goto err_i2c;
	return 0;

err_i2c:
	i2c_del_driver(&comp_i2c_driver);
err_aux:
	auxiliary_driver_unregister(&comp_aux_driver);
err_backend:
	platform_driver_unregister(&comp_backend_driver);
err_master:
	platform_driver_unregister(&comp_master_driver);
	return ret;
}
module_init(comp_init);

static void __exit comp_exit(void)
{
	spi_unregister_driver(&comp_spi_driver);
	i2c_del_driver(&comp_i2c_driver);
	auxiliary_driver_unregister(&comp_aux_driver);
	platform_driver_unregister(&comp_backend_driver);
	platform_driver_unregister(&comp_master_driver);
}
module_exit(comp_exit);

MODULE_DESCRIPTION("iommu-lockcheck corpus: component, auxiliary, i2c and spi shapes");
MODULE_LICENSE("GPL");
