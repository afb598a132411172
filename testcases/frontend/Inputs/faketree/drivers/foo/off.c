/* Not built (CONFIG_BAR unset): only cocci looks at it. */
void off(struct device *dev)
{
	of_dma_configure(dev, NULL, true);
}
