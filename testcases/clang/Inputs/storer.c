/* Tables of one file naming callbacks that another file defines (a bus's
 * dma_configure in a file of its own, as a split drivers/cdx/; a driver
 * whose probe lives beside its helpers).  See ../stored.c. */
#include <linux/device.h>
#include <linux/platform_device.h>

int xq_dma_configure(struct device *dev);
int xq_probe(struct platform_device *pdev);
static int xq_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

const struct bus_type xq_bus = {
	.name = "xq",
	.match = xq_match,
	.dma_configure = xq_dma_configure,
};

struct platform_driver xq_driver = {
	.probe = xq_probe,
};
