// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_plat children: devices this module allocates and configures
 * before adding them.  ath10k_fw_init() (drivers/net/wireless/ath/ath10k/
 * snoc.c) configures a device it created without its lock; the guarded
 * variants take the child's lock and drop it before platform_device_add(),
 * whose probe takes it again.  The ACPI children are configured through
 * this file's ops table, as iort_add_platform_device() reaches
 * arm_smmu_v3_dma_configure() (drivers/acpi/arm64/iort.c).
 */
#include <linux/acpi.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include "plat.h"

int plat_child_create(struct plat_priv *priv)
{
	struct platform_device *child;
	int ret;

	child = platform_device_alloc("corpus-plat-child", PLATFORM_DEVID_AUTO);
	if (!child)
		return -ENOMEM;
	child->dev.parent = &priv->pdev->dev;

	ret = of_dma_configure(&child->dev, priv->dma_np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (ret)
		goto err;
	plat_apply_quirks(&child->dev); /* EXPECT: device-lock-required */
	ret = platform_device_add(child);
	if (ret)
		goto err;
	priv->child = child;
	return 0;
err:
	platform_device_put(child);
	return ret;
}

int plat_child_create_guarded(struct plat_priv *priv)
{
	struct platform_device *child;
	int ret;

	child = platform_device_alloc("corpus-plat-child", PLATFORM_DEVID_AUTO);
	if (!child)
		return -ENOMEM;
	child->dev.parent = &priv->pdev->dev;

	device_lock(&child->dev);
	ret = of_dma_configure(&child->dev, priv->dma_np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	if (!ret)
		plat_apply_quirks(&child->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&child->dev);
	if (!ret)
		ret = platform_device_add(child);
	if (ret) {
		platform_device_put(child);
		return ret;
	}
	priv->child = child;
	return 0;
}

struct plat_child_ops {
	const char *name;
	void (*dma_configure)(struct device *dev, enum dev_dma_attr attr);
};

/* The table walker: configured unlocked. */
static void plat_walker_dma_configure(struct device *dev, enum dev_dma_attr attr)
{
	dev->dma_mask = &dev->coherent_dma_mask;
	acpi_dma_configure(dev, attr); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @walker */
}

/* The PMU: configured under its own lock. */
static void plat_pmu_dma_configure(struct device *dev, enum dev_dma_attr attr)
{
	guard(device)(dev);
	acpi_dma_configure(dev, attr); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
}

static const struct plat_child_ops plat_acpi_children[] = {
	{ .name = "corpus-plat-walker", .dma_configure = plat_walker_dma_configure },
	{ .name = "corpus-plat-pmu", .dma_configure = plat_pmu_dma_configure },
};

static struct platform_device *plat_child_add_one(struct device *parent,
						  const struct plat_child_ops *ops)
{
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc(ops->name, PLATFORM_DEVID_AUTO);
	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.parent = parent;
	if (ops->dma_configure)
		ops->dma_configure(&pdev->dev, DEV_DMA_COHERENT); /* EXPECT: device-lock-required @walker */
	ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		return ERR_PTR(ret);
	}
	return pdev;
}

int plat_child_add_acpi(struct plat_priv *priv)
{
	struct platform_device *pdev;

	for (int i = 0; i < ARRAY_SIZE(plat_acpi_children); i++) {
		pdev = plat_child_add_one(&priv->pdev->dev, &plat_acpi_children[i]);
		if (IS_ERR(pdev))
			return PTR_ERR(pdev);
		if (!priv->walker)
			priv->walker = pdev;
	}
	return 0;
}

void plat_child_destroy(struct plat_priv *priv)
{
	platform_device_unregister(priv->child);
	priv->child = NULL;
}
