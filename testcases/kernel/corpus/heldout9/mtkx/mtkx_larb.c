// SPDX-License-Identifier: GPL-2.0
/*
 * The SMI "larb" platform driver, shaped on drivers/memory/mtk-smi.c
 * (mtk_smi_larb_probe, mtk_smi_larb_resume as runtime resume) of
 * Linux 6.12.
 */
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "mtkx.h"

/* driver attributes (dev_groups): kernfs, no device lock */
static ssize_t mmu_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	struct platform_device *pdev = to_platform_device(dev);
	u32 val;
	int ret;

	if (kstrtou32(buf, 0, &val))
		return -EINVAL;
	ret = mtkx_larb_set_mmu_locked(&pdev->dev, val); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(mmu);

static ssize_t mmu_sync_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	u32 val;
	int ret;

	if (kstrtou32(buf, 0, &val))
		return -EINVAL;
	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;
	ret = mtkx_larb_set_mmu_locked(dev, val); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(mmu_sync);

/* the trylock's failure is only logged: the unlock may release nothing */
static ssize_t saved_mmu_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct mtkx_larb *larb = dev_get_drvdata(dev);
	u32 val;

	if (kstrtou32(buf, 0, &val))
		return -EINVAL;
	if (!device_trylock(dev))
		dev_dbg(dev, "larb busy, updating anyway\n");
	larb->saved_mmu = val;
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return count;
}
static DEVICE_ATTR_WO(saved_mmu);

static struct attribute *mtkx_larb_attrs[] = {
	&dev_attr_mmu.attr,
	&dev_attr_mmu_sync.attr,
	&dev_attr_saved_mmu.attr,
	NULL,
};
ATTRIBUTE_GROUPS(mtkx_larb);

/* mtk_smi_larb_probe(): platform probe, device lock held */
static int mtkx_larb_probe(struct platform_device *pdev)
{
	struct mtkx_larb *larb;

	larb = devm_kzalloc(&pdev->dev, sizeof(*larb), GFP_KERNEL);
	if (!larb)
		return -ENOMEM;
	larb->dev = &pdev->dev;
	platform_set_drvdata(pdev, larb);
	pm_runtime_enable(&pdev->dev);
	return mtkx_larb_set_mmu_locked(&pdev->dev, 0); /* EXPECT-NONE: device-lock-required */
}

static void mtkx_larb_remove(struct platform_device *pdev)
{
	pm_runtime_disable(&pdev->dev);
}

/* platform .shutdown: drivers/base/core.c:device_shutdown(), device lock held */
static void mtkx_larb_shutdown(struct platform_device *pdev)
{
	mtkx_larb_set_mmu_locked(&pdev->dev, 0); /* EXPECT-NONE: device-lock-required */
}

static int mtkx_larb_runtime_suspend(struct device *dev)
{
	struct mtkx_larb *larb = dev_get_drvdata(dev);

	larb->saved_mmu = larb->mmu;
	return 0;
}

/*
 * mtk-smi.c:mtk_smi_larb_resume() is the runtime resume: consumers wake
 * the larb through their DL_FLAG_PM_RUNTIME links, and
 * drivers/base/power/runtime.c:rpm_callback() runs it without the device
 * lock.
 */
static int mtkx_larb_runtime_resume(struct device *dev)
{
	struct mtkx_larb *larb = dev_get_drvdata(dev);

	return mtkx_larb_set_mmu_locked(dev, larb->saved_mmu); /* EXPECT: device-lock-required */
}

/* system resume, normal phase: main.c:device_resume(), device lock held */
static int mtkx_larb_resume(struct device *dev)
{
	struct mtkx_larb *larb = dev_get_drvdata(dev);

	return mtkx_larb_set_mmu_locked(dev, larb->saved_mmu); /* EXPECT-NONE: device-lock-required */
}

static const struct dev_pm_ops mtkx_larb_pm = {
	SYSTEM_SLEEP_PM_OPS(NULL, mtkx_larb_resume)
	RUNTIME_PM_OPS(mtkx_larb_runtime_suspend, mtkx_larb_runtime_resume, NULL)
};

static const struct of_device_id mtkx_larb_of_ids[] = {
	{ .compatible = "example,mtkx-larb" },
	{ }
};

static struct platform_driver mtkx_larb_driver = {
	.probe	  = mtkx_larb_probe,
	.remove	  = mtkx_larb_remove,
	.shutdown = mtkx_larb_shutdown,
	.driver	  = {
		.name = "mtkx-larb",
		.of_match_table = mtkx_larb_of_ids,
		.dev_groups = mtkx_larb_groups,
		.pm = pm_ptr(&mtkx_larb_pm),
	},
};

int mtkx_larb_driver_init(void)
{
	return platform_driver_register(&mtkx_larb_driver);
}

void mtkx_larb_driver_exit(void)
{
	platform_driver_unregister(&mtkx_larb_driver);
}
