// An out-of-tree module's own file (testcases/sparse/module.test).
#include <linux/of_device.h>
#include <linux/platform_device.h>

/* quiet: the probed device, in a helper called only from probe */
static int oot_dma_init(struct device *dev)
{
	return of_dma_configure(dev, dev->of_node, true);
}

static int oot_probe(struct platform_device *pdev)
{
	return oot_dma_init(&pdev->dev);
}

/* quiet: a successful trylock */
int oot_reconfigure(struct device *dev);
int oot_reconfigure(struct device *dev)
{
	if (!device_trylock(dev))
		return -EBUSY;
	of_dma_configure(dev, dev->of_node, true);
	device_unlock(dev);
	return 0;
}

/* reported: a child created here, configured without its lock */
int oot_add_child(struct device *parent);
int oot_add_child(struct device *parent)
{
	struct platform_device *child = platform_device_alloc("oot-child", -1);

	of_dma_configure(&child->dev, parent->of_node, true);
	return platform_device_add(child);
}

static struct platform_driver oot_driver = {
	.probe = oot_probe,
};

int oot_init(void);
int oot_init(void)
{
	return platform_driver_register(&oot_driver);
}
