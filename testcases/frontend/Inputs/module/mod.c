/* An out-of-tree module with a known bad call. */
int mod_init(struct device *parent, struct platform_device *pdev)
{
	return of_dma_configure(&pdev->dev, parent->of_node, true);
}
