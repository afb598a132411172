// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_plat: a platform driver that points its own device's DMA at
 * another node from probe, as etnaviv_pdev_probe() does
 * (drivers/gpu/drm/etnaviv/etnaviv_drv.c), and again later from a work
 * item; quiesces from remove and shutdown.
 */
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "plat.h"

/* Only called from plat_probe(): the driver core holds the lock. */
static int plat_setup_dma(struct device *dev, struct device_node *np)
{
	return of_dma_configure_id(dev, np, true, NULL); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required @setup_dma */
}

/* Only called from plat_rework(): a work item holds no device lock. */
static int plat_redo_dma(struct device *dev, struct device_node *np)
{
	return of_dma_configure_id(dev, np, true, NULL); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required @redo_dma */
}

static void plat_quiesce(struct device *dev)
{
	device_lock_assert(dev);
	dev_dbg(dev, "quiesced\n");
}

static void plat_rework(struct work_struct *work)
{
	struct plat_priv *priv = container_of(work, struct plat_priv, rework);
	struct device *dev = &priv->pdev->dev;

	if (plat_redo_dma(dev, priv->dma_np)) /* EXPECT: device-lock-required @redo_dma */
		return;
	plat_quiesce(dev); /* EXPECT: device-lock-required */
	plat_set_mode_locked(dev, 0); /* EXPECT: device-lock-required */
	plat_reset_hw(dev); /* EXPECT: device-lock-required */

	scoped_guard(device, dev) {
		of_dma_configure(dev, priv->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		plat_quiesce(dev); /* EXPECT-NONE: device-lock-required */
		plat_set_mode_locked(dev, 1); /* EXPECT-NONE: device-lock-required */
	}
}

static int plat_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct plat_priv *priv;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->pdev = pdev;
	platform_set_drvdata(pdev, priv);
	INIT_WORK(&priv->rework, plat_rework);

	priv->dma_np = of_parse_phandle(dev->of_node, "dma-parent", 0);
	if (priv->dma_np) {
		ret = of_dma_configure(dev, priv->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (!ret)
			ret = plat_setup_dma(dev, priv->dma_np); /* EXPECT-NONE: device-lock-required @setup_dma */
		if (ret)
			goto err_put;
	}

	ret = plat_set_mode_locked(dev, 1); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto err_put;
	plat_apply_quirks(dev); /* EXPECT-NONE: device-lock-required */

	if (of_property_read_bool(dev->of_node, "corpus,lock-children"))
		ret = plat_child_create_guarded(priv);
	else
		ret = plat_child_create(priv);
	if (ret)
		goto err_put;
	ret = plat_child_add_acpi(priv);
	if (ret)
		goto err_child;
	schedule_work(&priv->rework);
	return 0;

err_child:
	plat_child_destroy(priv);
err_put:
	of_node_put(priv->dma_np);
	return ret;
}

static void plat_remove(struct platform_device *pdev)
{
	struct plat_priv *priv = platform_get_drvdata(pdev);

	cancel_work_sync(&priv->rework);
	plat_quiesce(&pdev->dev); /* EXPECT-NONE: device-lock-required */
	plat_reset_hw(&pdev->dev); /* EXPECT-NONE: device-lock-required */
	plat_child_destroy(priv);
	of_node_put(priv->dma_np);
}

/* device_shutdown() holds device_lock(&pdev->dev) around ->shutdown. */
static void plat_shutdown(struct platform_device *pdev)
{
	plat_quiesce(&pdev->dev); /* EXPECT-NONE: device-lock-required */
}

static const struct of_device_id plat_of_match[] = {
	{ .compatible = "corpus,plat" },
	{ }
};
MODULE_DEVICE_TABLE(of, plat_of_match);

static struct platform_driver plat_driver = {
	.probe = plat_probe,
	.remove = plat_remove,
	.shutdown = plat_shutdown,
	.driver = {
		.name = "corpus-plat",
		.of_match_table = plat_of_match,
	},
};
module_platform_driver(plat_driver);

MODULE_DESCRIPTION("iommu-lockcheck corpus: platform driver shapes");
MODULE_LICENSE("GPL");
