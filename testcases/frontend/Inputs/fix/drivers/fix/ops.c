/* IORT's shape: the device is allocated, reached through the file's own
 * ops table while it is configured, and added afterwards. */
struct fix_ops {
	const char *name;
	void (*dev_dma_configure)(struct device *dev, int attr);
};

static void fix_v3_dma_configure(struct device *dev, int attr)
{
	dev->dma_mask = &dev->coherent_dma_mask;
	acpi_dma_configure(dev, attr);
}

static void fix_v2_dma_configure(struct device *dev, int attr)
{
	dev->dma_mask = &dev->coherent_dma_mask;
	acpi_dma_configure(dev, attr);
}

static const struct fix_ops fix_v3_ops = {
	.name = "fix-v3",
	.dev_dma_configure = fix_v3_dma_configure,
};

static const struct fix_ops fix_v2_ops = {
	.name = "fix-v2",
	.dev_dma_configure = fix_v2_dma_configure,
};

int fix_add_device(const struct fix_ops *ops, int attr)
{
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc(ops->name, -1);
	if (!pdev)
		return -ENOMEM;

	if (ops->dev_dma_configure)
		ops->dev_dma_configure(&pdev->dev, attr);

	ret = platform_device_add(pdev);
	if (ret)
		platform_device_put(pdev);
	return ret;
}
