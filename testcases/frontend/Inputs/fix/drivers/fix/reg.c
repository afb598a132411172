/* ath10k's shape: the firmware device is registered, then configured. */
int reg_fw_init(struct device *host)
{
	struct platform_device_info info = { .parent = host, .name = "fw" };
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);

	ret = of_dma_configure(&pdev->dev, host->of_node, true);
	if (ret)
		platform_device_unregister(pdev);
	return ret;
}
