// SPDX-License-Identifier: GPL-2.0
/*
 * fpgx-mgr: an FPGA manager platform driver.
 *
 * Contexts (6.12):
 *   fpgx_mgr_probe()/remove()  platform probe/remove: device_lock of the
 *                     platform device held by the driver core
 *   ->write_init, ->write, ->write_complete
 *                     drivers/fpga/fpga-mgr.c:fpga_mgr_load(), called by
 *                     fpga-region.c:fpga_region_program_fpga() from
 *                     of-fpga-region.c:of_fpga_region_notify_pre_apply()
 *                     (an OF reconfig notifier) or dfl-fme-pr.c:fme_pr()
 *                     (an ioctl): the manager's parent platform device is
 *                     not locked
 *   ->fpga_remove     fpga-mgr.c:fpga_mgr_unregister(), which this driver
 *                     calls only from its platform remove: locked
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/fpga/fpga-mgr.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "fpgx.h"

static int fpgx_write_init(struct fpga_manager *mgr,
			   struct fpga_image_info *info,
			   const char *buf, size_t count)
{
	struct fpgx_mgr *m = mgr->priv;

	fpgx_mgr_reset(m); /* EXPECT: device-lock-required */
	return 0;
}

static int fpgx_write(struct fpga_manager *mgr, const char *buf, size_t count)
{
	struct fpgx_mgr *m = mgr->priv;

	m->written += count;
	return 0;
}

/*
 * Once the fabric is configured the manager's own (probed) device masters
 * through the fabric's data port: re-point its DMA there, as
 * drivers/gpu/drm/vc4/vc4_drv.c:vc4_drm_bind() does outside probe.
 */
static int fpgx_write_complete(struct fpga_manager *mgr,
			       struct fpga_image_info *info)
{
	struct fpgx_mgr *m = mgr->priv;

	if (!m->data_np)
		return 0;
	return of_dma_configure(m->dev, m->data_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
}

static void fpgx_fpga_remove(struct fpga_manager *mgr)
{
	struct fpgx_mgr *m = mgr->priv;

	fpgx_mgr_reset(m); /* EXPECT-NONE: device-lock-required */
}

static const struct fpga_manager_ops fpgx_mgr_ops = {
	.write_init	= fpgx_write_init,
	.write		= fpgx_write,
	.write_complete	= fpgx_write_complete,
	.fpga_remove	= fpgx_fpga_remove,
};

static int fpgx_mgr_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct fpgx_mgr *m;
	int ret = 0;

	m = devm_kzalloc(dev, sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->dev = dev;

	/*
	 * The configuration port is a DMA master of its own: re-point the
	 * probed device at it (etnaviv_drv.c:etnaviv_pdev_probe(); on ACPI,
	 * fsl-mc-bus.c:fsl_mc_bus_probe()).
	 */
	m->cfg_np = of_get_child_by_name(dev->of_node, "config-port");
	m->data_np = of_get_child_by_name(dev->of_node, "data-port");
	if (m->cfg_np)
		ret = of_dma_configure(dev, m->cfg_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	else if (has_acpi_companion(dev))
		ret = acpi_dma_configure(dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	if (ret)
		goto put_nodes;

	fpgx_mgr_reset(m); /* EXPECT-NONE: device-lock-required */

	m->mgr = fpga_mgr_register(dev, "fpgx manager", &fpgx_mgr_ops, m);
	if (IS_ERR(m->mgr)) {
		ret = PTR_ERR(m->mgr);
		goto put_nodes;
	}
	platform_set_drvdata(pdev, m);
	return 0;

put_nodes:
	of_node_put(m->data_np);
	of_node_put(m->cfg_np);
	return ret;
}

static void fpgx_mgr_remove(struct platform_device *pdev)
{
	struct fpgx_mgr *m = platform_get_drvdata(pdev);

	fpga_mgr_unregister(m->mgr);
	of_node_put(m->data_np);
	of_node_put(m->cfg_np);
}

static const struct of_device_id fpgx_mgr_of_match[] = {
	{ .compatible = "corpus,fpgx-mgr" },
	{ }
};
MODULE_DEVICE_TABLE(of, fpgx_mgr_of_match);

static struct platform_driver fpgx_mgr_driver = {
	.probe	= fpgx_mgr_probe,
	.remove	= fpgx_mgr_remove,
	.driver	= {
		.name		= "fpgx-mgr",
		.of_match_table	= fpgx_mgr_of_match,
	},
};

int fpgx_mgr_init(void)
{
	return platform_driver_register(&fpgx_mgr_driver);
}

void fpgx_mgr_exit(void)
{
	platform_driver_unregister(&fpgx_mgr_driver);
}
