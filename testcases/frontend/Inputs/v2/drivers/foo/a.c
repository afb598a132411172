/* A created-device caller: cocci and clang both flag line 7. */
/* Version 2 (baseline.test): three lines added above a_init() ... */
#include <linux/device.h>

int a_init(struct device *parent)
{
	struct platform_device *pdev = platform_device_alloc("a", 0);

	pdev->dev.parent = parent;
	return of_dma_configure(&pdev->dev, parent->of_node, true);
}

/* ... and one new unlocked call: a device handed in (foreign). */
int a_reinit(struct device *parent, struct platform_device *pdev)
{
	return of_dma_configure(&pdev->dev, parent->of_node, true);
}
