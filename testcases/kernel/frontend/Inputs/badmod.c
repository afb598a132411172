// SPDX-License-Identifier: GPL-2.0
/* An out-of-tree module with a known bad call, for the front end's M= test. */
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>

int badmod_setup(struct platform_device *pdev, struct device_node *np);
int badmod_setup_locked(struct platform_device *pdev, struct device_node *np);

int badmod_setup(struct platform_device *pdev, struct device_node *np)
{
	struct platform_device *child = platform_device_alloc("badmod-child", -1);

	if (!child)
		return -ENOMEM;
	child->dev.parent = &pdev->dev;
	return of_dma_configure(&child->dev, np, true);
}
EXPORT_SYMBOL_GPL(badmod_setup);

int badmod_setup_locked(struct platform_device *pdev, struct device_node *np)
{
	struct platform_device *child = platform_device_alloc("badmod-child", -1);
	int ret;

	if (!child)
		return -ENOMEM;
	device_lock(&child->dev);
	ret = of_dma_configure(&child->dev, np, true);
	device_unlock(&child->dev);
	return ret;
}
EXPORT_SYMBOL_GPL(badmod_setup_locked);

MODULE_LICENSE("GPL");
