// SPDX-License-Identifier: GPL-2.0
/*
 * The dma_configure callback of cdxq_bus_type, defined in this file and
 * stored in the bus_type of cdxq_bus.c.  really_probe() calls it under
 * device_lock(dev) before ->probe, and ->dma_cleanup after ->remove.
 */
#include <linux/acpi.h>
#include <linux/iommu.h>
#include <linux/of_device.h>
#include "cdxq.h"

/*
 * drivers/cdx/cdx.c:cdx_dma_configure() and drivers/bus/fsl-mc/
 * fsl-mc-bus.c:fsl_mc_dma_configure(): the controller's DT node or ACPI
 * companion, with the device's requester id as input id.
 */
int cdxq_dma_configure(struct device *dev)
{
	struct cdxq_dev *cdev = to_cdxq_dev(dev);
	const struct cdxq_driver *drv = to_cdxq_driver(dev->driver);
	struct device *ctrl_dev = cdev->ctrl->dev;
	u32 input_id = cdev->req_id;
	int ret;

	if (dev_of_node(ctrl_dev))
		ret = of_dma_configure_id(dev, ctrl_dev->of_node, 0, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	else
		ret = acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	if (ret && ret != -EPROBE_DEFER)
		return ret;

	if (!ret && !drv->driver_managed_dma)
		ret = iommu_device_use_default_domain(dev);
	return ret;
}

void cdxq_dma_cleanup(struct device *dev)
{
	const struct cdxq_driver *drv = to_cdxq_driver(dev->driver);

	if (!drv->driver_managed_dma)
		iommu_device_unuse_default_domain(dev);
}
