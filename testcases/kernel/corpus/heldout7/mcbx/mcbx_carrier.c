// SPDX-License-Identifier: GPL-2.0
/*
 * mcbx_carrier.c - the platform carrier of mcbx, shaped as
 * drivers/mcb/mcb-lpc.c:mcb_lpc_probe() with mcb-parse.c:
 * chameleon_parse_cells() creating the cells.
 *
 * Its probe/remove run under device_lock(&pdev->dev); its
 * device_driver.sync_state is called by drivers/base/core.c:
 * device_links_flush_sync_list() -> dev_sync_state() under
 * device_lock(dev) (or from the device's own driver_bound(), inside
 * really_probe(), with the lock held by the prober); its dev_groups
 * attributes run under no lock.
 */
#include <linux/device.h>
#include <linux/io.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "mcbx.h"

/*
 * mcbx_carrier_table_reload - re-read the chameleon table of @mc
 *
 * Asserts the carrier's lock: the cells' resources follow the table and
 * must not move under a binding cell driver.
 */
int mcbx_carrier_table_reload(struct mcbx_carrier *mc)
{
	device_lock_assert(mc->dev);

	if (!mc->table)
		return -ENODEV;
	return readl(mc->table) == 0xabce ? 0 : -EIO;
}

/*
 * The companion DMA engine named by the carrier's "corpus,dmac" phandle:
 * a foreign platform device, found as a6xx_gmu.c:a6xx_gmu_wrapper_init()
 * finds its GMU.  From the carrier's probe, under the engine's lock.
 */
static int mcbx_carrier_attach_dmac(struct mcbx_carrier *mc)
{
	struct platform_device *dmac;
	int ret = 0;

	mc->dmac_np = of_parse_phandle(mc->dev->of_node, "corpus,dmac", 0);
	if (!mc->dmac_np)
		return 0;

	dmac = of_find_device_by_node(mc->dmac_np);
	if (!dmac)
		return -EPROBE_DEFER;
	mc->dmac = dmac;

	device_lock(&dmac->dev);
	ret = of_dma_configure(&dmac->dev, mc->dmac_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(&dmac->dev);
	return ret;
}

/* mcb-parse.c:chameleon_parse_cells(): the cells are created here */
static int mcbx_carrier_parse(struct mcbx_carrier *mc)
{
	int i, ret;

	for (i = 0; i < MCBX_MAX_CELLS; i++) {
		u32 desc = readl(mc->table + 4 + i * 4);
		struct mcbx_device *mdev;

		if (!desc)
			break;
		mdev = mcbx_alloc_dev(mc->dev, desc & 0xffff, (desc >> 16) & 0x3f);
		if (!mdev)
			return -ENOMEM;
		mdev->irq = (desc >> 24) & 0xff;
		ret = mcbx_device_add(mdev);
		if (ret) {
			put_device(&mdev->dev);
			return ret;
		}
		mc->cells[mc->ncells++] = mdev;
	}
	return 0;
}

/* mcb-lpc.c:mcb_lpc_probe(): under device_lock(&pdev->dev) */
static int mcbx_carrier_probe(struct platform_device *pdev)
{
	struct mcbx_carrier *mc;
	int ret;

	mc = devm_kzalloc(&pdev->dev, sizeof(*mc), GFP_KERNEL);
	if (!mc)
		return -ENOMEM;

	mc->dev = &pdev->dev;
	mc->table = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(mc->table))
		return PTR_ERR(mc->table);
	platform_set_drvdata(pdev, mc);

	ret = mcbx_carrier_table_reload(mc); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	ret = mcbx_carrier_attach_dmac(mc);
	if (ret)
		return ret;

	return mcbx_carrier_parse(mc);
}

/* mcb-lpc.c:mcb_lpc_remove(): under device_lock(&pdev->dev) */
static void mcbx_carrier_remove(struct platform_device *pdev)
{
	struct mcbx_carrier *mc = platform_get_drvdata(pdev);
	int i;

	for (i = mc->ncells - 1; i >= 0; i--)
		device_unregister(&mc->cells[i]->dev);
	if (mc->dmac)
		put_device(&mc->dmac->dev);
	of_node_put(mc->dmac_np);
}

/* device_driver.sync_state: dev_sync_state() under device_lock(dev) */
static void mcbx_carrier_sync_state(struct device *dev)
{
	struct mcbx_carrier *mc = dev_get_drvdata(dev);

	if (mcbx_carrier_table_reload(mc)) /* EXPECT-NONE: device-lock-required */
		dev_warn(dev, "table changed before sync_state\n");
}

/*
 * "rescan": re-reads the table and re-configures the DMA engine, both
 * without taking a lock (kernfs holds none).
 */
static ssize_t rescan_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t size)
{
	struct mcbx_carrier *mc = dev_get_drvdata(dev);
	int ret;

	ret = mcbx_carrier_table_reload(mc); /* EXPECT: device-lock-required */
	if (ret)
		return ret;

	if (mc->dmac) {
		ret = of_dma_configure(&mc->dmac->dev, mc->dmac_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		if (ret)
			return ret;
	}
	return size;
}
static DEVICE_ATTR_WO(rescan);

/*
 * "enable": locks each cell in turn, as drivers/cxl/core/port.c walks
 * its dports; every exit drops the cell's lock.
 */
static int mcbx_carrier_enable_cells(struct mcbx_carrier *mc)
{
	int i;

	for (i = 0; i < mc->ncells; i++) {
		struct mcbx_device *mdev = mc->cells[i];

		device_lock(&mdev->dev);
		if (!mdev->dev.driver) {
			device_unlock(&mdev->dev);
			return -EAGAIN; /* EXPECT-NONE: lock-imbalance */
		}
		mcbx_dev_enable(mdev); /* EXPECT-NONE: device-lock-required */
		device_unlock(&mdev->dev);
	}
	return 0;
}

static ssize_t enable_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t size)
{
	struct mcbx_carrier *mc = dev_get_drvdata(dev);
	bool on;
	int ret;

	ret = kstrtobool(buf, &on);
	if (ret)
		return ret;
	if (!on)
		return size;

	ret = mcbx_carrier_enable_cells(mc);
	return ret ? ret : size;
}
static DEVICE_ATTR_WO(enable);

static struct attribute *mcbx_carrier_attrs[] = {
	&dev_attr_rescan.attr,
	&dev_attr_enable.attr,
	NULL
};
ATTRIBUTE_GROUPS(mcbx_carrier);

static const struct of_device_id mcbx_carrier_of_match[] = {
	{ .compatible = "corpus,mcbx-carrier" },
	{ }
};
MODULE_DEVICE_TABLE(of, mcbx_carrier_of_match);

static struct platform_driver mcbx_carrier_driver = {
	.probe = mcbx_carrier_probe,
	.remove = mcbx_carrier_remove,
	.driver = {
		.name = "mcbx-carrier",
		.of_match_table = mcbx_carrier_of_match,
		.dev_groups = mcbx_carrier_groups,
		.sync_state = mcbx_carrier_sync_state,
	},
};

int mcbx_carrier_register(void)
{
	return platform_driver_register(&mcbx_carrier_driver);
}

void mcbx_carrier_unregister(void)
{
	platform_driver_unregister(&mcbx_carrier_driver);
}
