// SPDX-License-Identifier: GPL-2.0
/*
 * cdxq controller: a platform driver that creates the devices of
 * cdxq_bus_type (drivers/cdx/controller/cdx_controller.c and
 * drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_bus_probe(), 6.12), plus a small
 * function bus of its own whose dma_configure sits in this file.
 */
#include <linux/acpi.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include "cdxq.h"

/*
 * The function bus: bus_type.dma_configure, called by really_probe()
 * under device_lock(dev); the one legitimate place for the call.
 */
static int cdxq_fn_dma_configure(struct device *dev)
{
	return of_dma_configure(dev, dev->parent->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus */
}

static const struct bus_type cdxq_fn_bus_type = {
	.name = "cdxq_fn",
	.dma_configure = cdxq_fn_dma_configure,
};

static void cdxq_dev_release(struct device *dev)
{
	kfree(to_cdxq_dev(dev));
}

/*
 * The controller's ->dev_configure: cdx_controller.c's cdx_configure_device()
 * slot.  Here it also sets up DMA, for a device that cdxq_add_device() has
 * allocated and not yet added: created-device through the ops table, as
 * drivers/acpi/arm64/iort.c:iort_add_platform_device() -> ops ->
 * dev_dma_configure before platform_device_add().
 */
static int cdxq_ctrl_dev_configure(struct cdxq_ctrl *ctrl, struct cdxq_dev *cdev)
{
	u32 id = cdev->req_id;

	return of_dma_configure_id(&cdev->dev, ctrl->dev->of_node, true, &id); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
}

static int cdxq_ctrl_reset(struct cdxq_ctrl *ctrl, u32 dev_num)
{
	return dev_num < ARRAY_SIZE(ctrl->devs) ? 0 : -EINVAL;
}

static const struct cdxq_ctrl_ops cdxq_ctrl_ops = {
	.dev_configure = cdxq_ctrl_dev_configure,
	.reset = cdxq_ctrl_reset,
};

/* drivers/cdx/cdx.c:cdx_device_add() with the configure op before device_add */
static int cdxq_add_device(struct cdxq_ctrl *ctrl, u32 dev_num)
{
	struct cdxq_dev *cdev;
	int ret;

	cdev = kzalloc(sizeof(*cdev), GFP_KERNEL);
	if (!cdev)
		return -ENOMEM;
	cdev->ctrl = ctrl;
	cdev->dev_num = dev_num;
	cdev->req_id = dev_num << 4;
	device_initialize(&cdev->dev);
	cdev->dev.parent = ctrl->dev;
	cdev->dev.bus = &cdxq_bus_type;
	cdev->dev.release = cdxq_dev_release;
	dev_set_name(&cdev->dev, "cdxq-%02x", dev_num);

	ret = ctrl->ops->dev_configure(ctrl, cdev);
	if (ret)
		goto err_put;
	ret = device_add(&cdev->dev);
	if (ret)
		goto err_put;
	ctrl->devs[ctrl->nr_devs++] = cdev;
	return 0;

err_put:
	put_device(&cdev->dev);
	return ret;
}

/*
 * A function device on cdxq_fn_bus_type, set up by hand before
 * device_register(): drivers/staging/vc04_services/interface/vchiq_arm/
 * vchiq_bus.c:vchiq_device_register() (created-device, its parent's node).
 */
static int cdxq_add_fn_device(struct cdxq_ctrl *ctrl, struct cdxq_dev **out)
{
	struct cdxq_dev *cdev;
	int ret;

	cdev = kzalloc(sizeof(*cdev), GFP_KERNEL);
	if (!cdev)
		return -ENOMEM;
	cdev->ctrl = ctrl;
	cdev->is_bus = true;
	cdev->dev.parent = ctrl->dev;
	cdev->dev.bus = &cdxq_fn_bus_type;
	cdev->dev.release = cdxq_dev_release;
	dev_set_name(&cdev->dev, "cdxq-fn");

	of_dma_configure(&cdev->dev, ctrl->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */

	ret = device_register(&cdev->dev);
	if (ret) {
		put_device(&cdev->dev);
		return ret;
	}
	*out = cdev;
	return 0;
}

/*
 * The rescan work (cdx.c:rescan_store() hands the controller a rescan;
 * here from a work item, which holds no lock): resets every child with no
 * device lock.
 */
static void cdxq_rescan_work(struct work_struct *work)
{
	struct cdxq_ctrl *ctrl = container_of(work, struct cdxq_ctrl, rescan_work);
	int i;

	for (i = 0; i < ctrl->nr_devs; i++)
		cdxq_dev_reset(&ctrl->devs[i]->dev); /* EXPECT: device-lock-required */
}

/* The twin: the same walk locking each child (pci_bus_lock()-like). */
static void cdxq_ctrl_reset_all(struct cdxq_ctrl *ctrl)
{
	int i;

	for (i = 0; i < ctrl->nr_devs; i++) {
		struct device *dev = &ctrl->devs[i]->dev;

		device_lock(dev);
		cdxq_dev_reset(dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
	}
}

/*
 * platform_driver.probe: really_probe() holds device_lock(&pdev->dev).
 * As fsl_mc_bus_probe(): on ACPI the root configures DMA for its own
 * probed device with the stream id read from the hardware.
 */
static int cdxq_ctrl_probe(struct platform_device *pdev)
{
	struct cdxq_ctrl *ctrl;
	struct cdxq_dev *fn;
	struct device_node *np;
	struct platform_device *peer;
	u32 stream_id = 0x40;
	int ret;

	ctrl = devm_kzalloc(&pdev->dev, sizeof(*ctrl), GFP_KERNEL);
	if (!ctrl)
		return -ENOMEM;
	ctrl->dev = &pdev->dev;
	ctrl->ops = &cdxq_ctrl_ops;
	INIT_WORK(&ctrl->rescan_work, cdxq_rescan_work);
	platform_set_drvdata(pdev, ctrl);

	if (IS_ENABLED(CONFIG_ACPI) && !dev_of_node(&pdev->dev)) {
		ret = acpi_dma_configure_id(&pdev->dev, DEV_DMA_COHERENT, &stream_id); /* EXPECT: dma-configure-outside-bus probed-device */
		if (ret == -EPROBE_DEFER)
			return ret;
	}

	/*
	 * A companion block found by phandle, configured from here:
	 * drivers/gpu/drm/msm/adreno/a6xx_gmu.c:a6xx_gmu_wrapper_init()
	 * (foreign-device: found, not probed or created by this driver).
	 */
	np = of_parse_phandle(pdev->dev.of_node, "cdxq,msi-companion", 0);
	if (np) {
		peer = of_find_device_by_node(np);
		if (peer) {
			ret = of_dma_configure(&peer->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
			put_device(&peer->dev);
		}
		of_node_put(np);
	}

	ret = cdxq_add_fn_device(ctrl, &fn);
	if (ret)
		return ret;
	ret = cdxq_add_device(ctrl, 0);
	if (ret)
		return ret;
	cdxq_ctrl_reset_all(ctrl);
	return 0;
}

static void cdxq_ctrl_remove(struct platform_device *pdev)
{
	struct cdxq_ctrl *ctrl = platform_get_drvdata(pdev);
	int i;

	cancel_work_sync(&ctrl->rescan_work);
	for (i = 0; i < ctrl->nr_devs; i++)
		device_unregister(&ctrl->devs[i]->dev);
}

static const struct of_device_id cdxq_ctrl_of_match[] = {
	{ .compatible = "corpus,cdxq-controller" },
	{ }
};

static struct platform_driver cdxq_ctrl_driver = {
	.driver = {
		.name = "cdxq-controller",
		.of_match_table = cdxq_ctrl_of_match,
	},
	.probe = cdxq_ctrl_probe,
	.remove = cdxq_ctrl_remove,
};

int cdxq_ctrl_init(void)
{
	int ret;

	ret = bus_register(&cdxq_fn_bus_type);
	if (ret)
		return ret;
	ret = platform_driver_register(&cdxq_ctrl_driver);
	if (ret)
		bus_unregister(&cdxq_fn_bus_type);
	return ret;
}

void cdxq_ctrl_exit(void)
{
	platform_driver_unregister(&cdxq_ctrl_driver);
	bus_unregister(&cdxq_fn_bus_type);
}
