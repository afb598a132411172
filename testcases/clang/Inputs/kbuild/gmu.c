/* A seed-000 shaped caller (a6xx_gmu.c) for clang-lockcheck.test. */
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/of_platform.h>

struct gmu { struct device *dev; };

int gmu_init(struct gmu *gmu, struct device_node *node)
{
	struct platform_device *pdev = of_find_device_by_node(node);

	if (!pdev)
		return -19;
	gmu->dev = &pdev->dev;
	return of_dma_configure(gmu->dev, node, true);
}

static int gmu_probe(struct platform_device *pdev)
{
	return of_dma_configure(&pdev->dev, pdev->dev.of_node, true);
}

static struct platform_driver gmu_driver = {
	.probe = gmu_probe,
};
