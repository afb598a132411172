// SPDX-License-Identifier: GPL-2.0-only
/*
 * ulpix - USB controller glue providing the ULPI viewport
 *
 * Registers the ULPI interface for the PHY, and a companion platform
 * device for the controller's descriptor DMA engine when the firmware
 * describes one.
 */
#include <linux/cleanup.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/ulpi/driver.h>
#include <linux/ulpi/interface.h>
#include <linux/ulpi/regs.h>

#include "ulpix.h"

#define ULPIX_CTRL		0x100
#define ULPIX_VIEWPORT		0x170
#define ULPIX_VP_RUN		BIT(30)
#define ULPIX_VP_WRITE		BIT(29)
#define ULPIX_VP_ADDR(a)	((u32)(a) << 16)
#define ULPIX_VP_DATA		GENMASK(7, 0)

/* ---- ULPI viewport, called by the ULPI core with no lock of ours ---- */

static int ulpix_glue_vp_wait(struct ulpix_glue *glue, u32 *val)
{
	return readl_poll_timeout(glue->base + ULPIX_VIEWPORT, *val,
				  !(*val & ULPIX_VP_RUN), 10, 2000);
}

static int ulpix_glue_ulpi_read(struct device *dev, u8 addr)
{
	struct ulpix_glue *glue = dev_get_drvdata(dev);
	u32 val;
	int ret;

	writel(ULPIX_VP_RUN | ULPIX_VP_ADDR(addr), glue->base + ULPIX_VIEWPORT);
	ret = ulpix_glue_vp_wait(glue, &val);
	if (ret)
		return ret;

	return val & ULPIX_VP_DATA;
}

static int ulpix_glue_ulpi_write(struct device *dev, u8 addr, u8 data)
{
	struct ulpix_glue *glue = dev_get_drvdata(dev);
	u32 val;

	writel(ULPIX_VP_RUN | ULPIX_VP_WRITE | ULPIX_VP_ADDR(addr) | data,
	       glue->base + ULPIX_VIEWPORT);
	return ulpix_glue_vp_wait(glue, &val);
}

static const struct ulpi_ops ulpix_glue_ulpi_ops = {
	.read	= ulpix_glue_ulpi_read,
	.write	= ulpix_glue_ulpi_write,
};

/* ---- controller state ---- */

static int ulpix_glue_save_locked(struct ulpix_glue *glue)
{
	device_lock_assert(glue->dev);

	glue->saved_ctrl = readl(glue->base + ULPIX_CTRL);
	return 0;
}

static int ulpix_glue_phy_reset(struct ulpix_glue *glue)
{
	struct device *dev = &glue->ulpi->dev;
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		goto out_unlock;

	ret = ulpix_phy_write_locked(glue->ulpi, ULPI_SET(ULPI_FUNC_CTRL),
				     ULPI_FUNC_CTRL_RESET);

out_unlock:
	device_unlock(dev);			/* EXPECT: lock-imbalance */
	return ret;
}

static int ulpix_glue_phy_wake(struct ulpix_glue *glue)
{
	struct ulpi *ulpi;
	int ret;

	ulpi = ulpix_ulpi_get_locked(glue->dev);
	if (IS_ERR(ulpi))
		return PTR_ERR(ulpi);

	ret = ulpix_phy_write_locked(ulpi, ULPI_SET(ULPI_FUNC_CTRL),
				     ULPI_FUNC_CTRL_SUSPENDM);	/* EXPECT-NONE: device-lock-required */
	ulpix_ulpi_put_unlock(ulpi);		/* EXPECT-NONE: lock-imbalance */
	return ret;
}

/* ---- deferred work ---- */

static void ulpix_glue_dma_work(struct work_struct *work)
{
	struct ulpix_glue *glue = container_of(work, struct ulpix_glue, dma_work);
	struct platform_device *pdev = glue->dma_pdev;
	int ret;

	if (!pdev)
		return;

	device_lock(&pdev->dev);
	ret = of_dma_configure(&pdev->dev, pdev->dev.of_node, true);	/* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */
	device_unlock(&pdev->dev);
	if (ret)
		dev_warn(glue->dev, "DMA engine reconfigure failed: %d\n", ret);
}

static void ulpix_glue_relink_work(struct work_struct *work)
{
	struct ulpix_glue *glue = container_of(work, struct ulpix_glue,
					       relink_work);
	struct device_node *np;
	int ret;

	np = of_parse_phandle(glue->dev->of_node, "snps,dma-parent", 0);
	if (!np)
		return;

	ret = of_dma_configure(glue->dev, np, true);	/* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT: device-lock-required */
	of_node_put(np);
	if (ret) {
		dev_warn(glue->dev, "relink failed: %d\n", ret);
		return;
	}

	/* best effort: the PHY may be mid-probe */
	if (device_trylock(&glue->ulpi->dev)) {
		ulpix_phy_write_locked(glue->ulpi, ULPI_IFC_CTRL, 0);
		device_unlock(&glue->ulpi->dev);	/* EXPECT-NONE: lock-imbalance */
	}
}

static void ulpix_glue_cal_work(struct work_struct *work)
{
	struct ulpix_glue *glue = container_of(to_delayed_work(work),
					       struct ulpix_glue, cal_work);
	struct device *dev = &glue->ulpi->dev;
	struct ulpix_phy *uphy;
	int tries = 3;
	int ret;

retry:
	device_lock(dev);			/* EXPECT: lock-imbalance */
	uphy = ulpi_get_drvdata(glue->ulpi);
	if (!uphy) {
		device_unlock(dev);
		return;
	}

	ret = ulpix_phy_calibrate_locked(uphy);
	if (ret == -EAGAIN && tries--) {
		usleep_range(500, 1000);
		goto retry;
	}
	device_unlock(dev);

	if (ret)
		dev_warn(glue->dev, "PHY calibration failed: %d\n", ret);
}

static void ulpix_glue_vbus_work(struct work_struct *work)
{
	struct ulpix_glue *glue = container_of(work, struct ulpix_glue,
					       vbus_work);
	struct device *dev = &glue->ulpi->dev;
	struct ulpix_phy *uphy;
	int tries = 3;
	int ret;

retry:
	device_lock(dev);			/* EXPECT-NONE: lock-imbalance */
	uphy = ulpi_get_drvdata(glue->ulpi);
	if (!uphy) {
		device_unlock(dev);
		return;
	}

	ret = ulpix_phy_calibrate_locked(uphy);	/* EXPECT-NONE: device-lock-required */
	if (ret == -EAGAIN && tries--) {
		device_unlock(dev);
		usleep_range(500, 1000);
		goto retry;
	}
	if (!ret)
		uphy->vbus = true;
	device_unlock(dev);
}

/* ---- sysfs ---- */

static ssize_t phy_reset_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct ulpix_glue *glue = dev_get_drvdata(dev);
	bool val;
	int ret;

	if (kstrtobool(buf, &val))
		return -EINVAL;
	if (!val)
		return count;

	ret = ulpix_glue_phy_reset(glue);
	if (!ret)
		schedule_delayed_work(&glue->cal_work, msecs_to_jiffies(10));
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(phy_reset);

static ssize_t relink_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct ulpix_glue *glue = dev_get_drvdata(dev);

	schedule_work(&glue->relink_work);
	return count;
}
static DEVICE_ATTR_WO(relink);

static struct attribute *ulpix_glue_attrs[] = {
	&dev_attr_phy_reset.attr,
	&dev_attr_relink.attr,
	NULL
};
ATTRIBUTE_GROUPS(ulpix_glue);

/* ---- probe / remove ---- */

static int ulpix_glue_add_dma(struct ulpix_glue *glue)
{
	struct platform_device_info info = { };
	struct platform_device *pdev;
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(glue->dev->of_node, "dma-engine");
	if (!np)
		return 0;

	info.parent = glue->dev;
	info.fwnode = of_fwnode_handle(np);
	info.name = "ulpix-dma";
	info.id = PLATFORM_DEVID_AUTO;
	info.dma_mask = DMA_BIT_MASK(32);

	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		of_node_put(np);
		return PTR_ERR(pdev);
	}

	ret = of_dma_configure(&pdev->dev, np, true);	/* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT: device-lock-required */
	of_node_put(np);
	if (ret) {
		platform_device_unregister(pdev);
		return ret;
	}

	glue->dma_pdev = pdev;
	return 0;
}

static void ulpix_glue_unregister_action(void *data)
{
	struct ulpix_glue *glue = data;

	ulpi_unregister_interface(glue->ulpi);
}

static int ulpix_glue_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct ulpix_glue *glue;
	struct device_node *np;
	int ret;

	glue = devm_kzalloc(dev, sizeof(*glue), GFP_KERNEL);
	if (!glue)
		return -ENOMEM;

	glue->dev = dev;
	INIT_WORK(&glue->dma_work, ulpix_glue_dma_work);
	INIT_WORK(&glue->relink_work, ulpix_glue_relink_work);
	INIT_DELAYED_WORK(&glue->cal_work, ulpix_glue_cal_work);
	INIT_WORK(&glue->vbus_work, ulpix_glue_vbus_work);
	platform_set_drvdata(pdev, glue);

	glue->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(glue->base))
		return PTR_ERR(glue->base);

	/* The controller masters through its parent's SMMU stream. */
	np = of_parse_phandle(dev->of_node, "snps,dma-parent", 0);
	if (np) {
		ret = of_dma_configure(dev, np, true);	/* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
		of_node_put(np);
		if (ret)
			return ret;
	}

	glue->ulpi = ulpi_register_interface(dev, &ulpix_glue_ulpi_ops);
	if (IS_ERR(glue->ulpi))
		return PTR_ERR(glue->ulpi);

	ret = devm_add_action_or_reset(dev, ulpix_glue_unregister_action, glue);
	if (ret)
		return ret;

	/* probe holds our lock, not the lock of the PHY just registered */
	ret = ulpix_phy_write_locked(glue->ulpi, ULPI_IFC_CTRL, 0);	/* EXPECT: device-lock-required */
	if (ret)
		dev_dbg(dev, "PHY not bound yet: %d\n", ret);

	ret = ulpix_glue_add_dma(glue);
	if (ret)
		return ret;

	pm_runtime_set_active(dev);
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;

	schedule_delayed_work(&glue->cal_work, msecs_to_jiffies(100));
	schedule_work(&glue->vbus_work);
	return 0;
}

static void ulpix_glue_remove(struct platform_device *pdev)
{
	struct ulpix_glue *glue = platform_get_drvdata(pdev);

	cancel_work_sync(&glue->dma_work);
	cancel_work_sync(&glue->relink_work);
	cancel_delayed_work_sync(&glue->cal_work);
	cancel_work_sync(&glue->vbus_work);
	platform_device_unregister(glue->dma_pdev);
}

/* ---- power management ---- */

/* device_suspend() calls .suspend with the device lock held */
static int ulpix_glue_suspend(struct device *dev)
{
	struct ulpix_glue *glue = dev_get_drvdata(dev);

	return ulpix_glue_save_locked(glue);	/* EXPECT-NONE: device-lock-required */
}

static int ulpix_glue_resume(struct device *dev)
{
	struct ulpix_glue *glue = dev_get_drvdata(dev);
	struct ulpi *ulpi = glue->ulpi;
	int ret = 0;

	writel(glue->saved_ctrl, glue->base + ULPIX_CTRL);

	scoped_guard(device, &ulpi->dev)
		ret = ulpix_phy_write_locked(ulpi, ULPI_IFC_CTRL, 0);	/* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	schedule_work(&glue->dma_work);
	return ulpix_glue_phy_wake(glue);
}

/* runtime PM callbacks run without the device lock */
static int ulpix_glue_runtime_suspend(struct device *dev)
{
	struct ulpix_glue *glue = dev_get_drvdata(dev);

	return ulpix_glue_save_locked(glue);	/* EXPECT: device-lock-required */
}

static int ulpix_glue_runtime_resume(struct device *dev)
{
	struct ulpix_glue *glue = dev_get_drvdata(dev);
	struct ulpi *ulpi = glue->ulpi;

	writel(glue->saved_ctrl, glue->base + ULPIX_CTRL);

	/* best effort: the PHY may be mid-probe */
	if (device_trylock(&ulpi->dev))
		ulpix_phy_write_locked(ulpi, ULPI_IFC_CTRL, 0);
	device_unlock(&ulpi->dev);		/* EXPECT: lock-imbalance */
	return 0;
}

static const struct dev_pm_ops ulpix_glue_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(ulpix_glue_suspend, ulpix_glue_resume)
	RUNTIME_PM_OPS(ulpix_glue_runtime_suspend, ulpix_glue_runtime_resume,
		       NULL)
};

static const struct of_device_id ulpix_glue_of_match[] = {
	{ .compatible = "example,ulpix-glue" },
	{ }
};
MODULE_DEVICE_TABLE(of, ulpix_glue_of_match);

struct platform_driver ulpix_glue_driver = {
	.probe	= ulpix_glue_probe,
	.remove	= ulpix_glue_remove,
	.driver	= {
		.name		= "ulpix-glue",
		.of_match_table	= ulpix_glue_of_match,
		.dev_groups	= ulpix_glue_groups,
		.pm		= pm_ptr(&ulpix_glue_pm_ops),
	},
};
