/* Two sites: a device found elsewhere (a6xx's GMU shape) and one that is
 * still raw memory when it is configured (vchiq's shape). */
int mixed_gmu_init(struct mixed_gpu *gpu, struct device_node *node)
{
	struct platform_device *pdev = of_find_device_by_node(node);
	int ret;

	if (!pdev)
		return -ENODEV;
	gpu->gmu_dev = &pdev->dev;

	ret = of_dma_configure(gpu->gmu_dev, node, true);
	if (ret)
		put_device(gpu->gmu_dev);
	return ret;
}

/*
 * Keep the two functions far enough apart that their rewrites land in
 * separate hunks.
 */

struct mixed_child *mixed_child_register(struct device *parent)
{
	struct mixed_child *child;

	child = kzalloc(sizeof(*child), GFP_KERNEL);
	if (!child)
		return NULL;

	child->dev.parent = parent;
	of_dma_configure(&child->dev, parent->of_node, true);

	if (device_register(&child->dev)) {
		put_device(&child->dev);
		return NULL;
	}
	return child;
}
