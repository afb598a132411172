int plain_call(struct device *dev)
{
	return of_dma_configure(dev, NULL, true);
}
