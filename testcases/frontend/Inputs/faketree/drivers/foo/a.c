/* A created-device caller: cocci and clang both flag line 7. */
int a_init(struct device *parent)
{
	struct platform_device *pdev = platform_device_alloc("a", 0);

	pdev->dev.parent = parent;
	return of_dma_configure(&pdev->dev, parent->of_node, true);
}
