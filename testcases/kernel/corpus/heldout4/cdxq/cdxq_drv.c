// SPDX-License-Identifier: GPL-2.0
/*
 * A driver of cdxq_bus_type (drivers/vfio/cdx/main.c-like cdx_driver,
 * 6.12): its probe and remove run from cdxq_probe()/cdxq_remove(), the
 * bus_type's callbacks, under device_lock of the cdxq device.
 */
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include "cdxq.h"

/*
 * Re-points its own probed device at a child node of the controller to
 * pick that node's iommu-map: drivers/gpu/drm/etnaviv/etnaviv_drv.c:
 * etnaviv_pdev_probe() (probed-device).  Then resets under the lock that
 * the core holds.
 */
static int cdxq_engine_probe(struct cdxq_dev *cdev)
{
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(cdev->ctrl->dev->of_node, "engine");
	if (np) {
		ret = of_dma_configure(&cdev->dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device */
		of_node_put(np);
		if (ret)
			return ret;
	}
	return cdxq_dev_reset(&cdev->dev); /* EXPECT-NONE: device-lock-required */
}

static void cdxq_engine_remove(struct cdxq_dev *cdev)
{
	cdxq_dev_reset(&cdev->dev); /* EXPECT-NONE: device-lock-required */
	cdev->enabled = false;
}

static void cdxq_engine_reset_prepare(struct cdxq_dev *cdev)
{
	cdev->enabled = false;
}

static void cdxq_engine_reset_done(struct cdxq_dev *cdev)
{
	cdev->enabled = true;
}

static struct cdxq_driver cdxq_engine_driver = {
	.driver = {
		.name = "cdxq-engine",
		.bus = &cdxq_bus_type,
	},
	.probe = cdxq_engine_probe,
	.remove = cdxq_engine_remove,
	.reset_prepare = cdxq_engine_reset_prepare,
	.reset_done = cdxq_engine_reset_done,
};

int cdxq_drv_init(void)
{
	return driver_register(&cdxq_engine_driver.driver);
}

void cdxq_drv_exit(void)
{
	driver_unregister(&cdxq_engine_driver.driver);
}
