// SPDX-License-Identifier: GPL-2.0
/*
 * fpgx-region: an FPGA region platform driver that finds its bridges by
 * phandle (drivers/fpga/of-fpga-region.c:of_fpga_region_get_bridges()
 * shape) and hands them its own DMA setup, as drivers/gpu/drm/msm/
 * adreno/a6xx_gmu.c:a6xx_gmu_wrapper_init() and drivers/gpu/drm/sun4i/
 * sun4i_backend.c:sun4i_backend_bind() configure a device they did not
 * probe.
 *
 * Contexts (6.12):
 *   fpgx_region_probe()/remove()  platform probe/remove: the region's
 *                     device lock held (not the bridges')
 *   program_store()   a dev_groups attribute: no device lock
 *   fpgx_program_work()  a work item: no device lock
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>

#include "fpgx.h"

static void fpgx_program_work(struct work_struct *work)
{
	struct fpgx_region *region = container_of(work, struct fpgx_region,
						  program_work);
	struct device_node *np = region->dev->of_node;
	int i, ret;

	/* the new fabric moved the bridges' DMA windows: redo them */
	for (i = 0; i < region->nbridges; i++) {
		ret = of_dma_configure(&region->bridges[i]->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		if (ret)
			dev_warn(region->dev, "bridge %d: no DMA: %d\n", i, ret);
	}

	fpgx_region_freeze(region, false); /* EXPECT: device-lock-required */

	if (!region->populated &&
	    !of_platform_populate(np, NULL, NULL, region->dev))
		region->populated = true;
}

static ssize_t program_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct fpgx_region *region = dev_get_drvdata(dev);
	bool go;
	int ret;

	ret = kstrtobool(buf, &go);
	if (ret)
		return ret;
	if (!go)
		return count;

	scoped_guard(device, dev)
		fpgx_region_freeze(region, true); /* EXPECT-NONE: device-lock-required */
	schedule_work(&region->program_work);
	return count;
}
static DEVICE_ATTR_WO(program);

static struct attribute *fpgx_region_attrs[] = {
	&dev_attr_program.attr,
	NULL
};
ATTRIBUTE_GROUPS(fpgx_region);

static void fpgx_put_bridges(struct fpgx_region *region)
{
	while (region->nbridges)
		put_device(&region->bridges[--region->nbridges]->dev);
}

static int fpgx_region_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	struct fpgx_region *region;
	struct platform_device *bpdev;
	struct device_node *bnp;
	int i, ret;

	region = devm_kzalloc(dev, sizeof(*region), GFP_KERNEL);
	if (!region)
		return -ENOMEM;
	region->dev = dev;
	INIT_WORK(&region->program_work, fpgx_program_work);

	for (i = 0; i < FPGX_MAX_BRIDGES; i++) {
		bnp = of_parse_phandle(np, "fpga-bridges", i);
		if (!bnp)
			break;
		bpdev = of_find_device_by_node(bnp);
		of_node_put(bnp);
		if (!bpdev) {
			ret = -EPROBE_DEFER;
			goto put_bridges;
		}
		region->bridges[region->nbridges++] = bpdev;

		/* a bridge this driver did not probe: take its lock */
		device_lock(&bpdev->dev);
		ret = of_dma_configure(&bpdev->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		device_unlock(&bpdev->dev);
		if (ret)
			goto put_bridges;
	}

	platform_set_drvdata(pdev, region);
	return 0;

put_bridges:
	fpgx_put_bridges(region);
	return ret;
}

static void fpgx_region_remove(struct platform_device *pdev)
{
	struct fpgx_region *region = platform_get_drvdata(pdev);

	cancel_work_sync(&region->program_work);
	fpgx_region_freeze(region, true); /* EXPECT-NONE: device-lock-required */
	if (region->populated)
		of_platform_depopulate(region->dev);
	fpgx_put_bridges(region);
}

static const struct of_device_id fpgx_region_of_match[] = {
	{ .compatible = "corpus,fpgx-region" },
	{ }
};
MODULE_DEVICE_TABLE(of, fpgx_region_of_match);

static struct platform_driver fpgx_region_driver = {
	.probe	= fpgx_region_probe,
	.remove	= fpgx_region_remove,
	.driver	= {
		.name		= "fpgx-region",
		.of_match_table	= fpgx_region_of_match,
		.dev_groups	= fpgx_region_groups,
	},
};

int fpgx_region_init(void)
{
	return platform_driver_register(&fpgx_region_driver);
}

void fpgx_region_exit(void)
{
	platform_driver_unregister(&fpgx_region_driver);
}
