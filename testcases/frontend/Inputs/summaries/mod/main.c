// SPDX-License-Identifier: GPL-2.0
/* The helper's callers, in another file of the module: one creates the
 * child and configures it without its lock, its twin with it. */
#include <linux/device.h>
#include <linux/platform_device.h>

int twin_configure_child(struct device *child);

int twin_add_unlocked(struct device *parent)
{
	struct platform_device *pdev = platform_device_alloc("twin-child", 0);

	if (!pdev)
		return -1;
	pdev->dev.parent = parent;
	return twin_configure_child(&pdev->dev);
}

int twin_add_locked(struct device *parent)
{
	struct platform_device *pdev = platform_device_alloc("twin-child", 1);
	int ret;

	if (!pdev)
		return -1;
	pdev->dev.parent = parent;
	device_lock(&pdev->dev);
	ret = twin_configure_child(&pdev->dev);
	device_unlock(&pdev->dev);
	return ret;
}
