// SPDX-License-Identifier: GPL-2.0
/*
 * rprocx: the platform driver and its rproc_ops, shaped on
 * drivers/remoteproc/qcom_q6v5_wcss.c (q6v5_wcss_probe(), q6v5_wcss_start(),
 * q6v5_wcss_stop(), q6v5_wcss_load()) and the firmware memory of
 * drivers/net/wireless/ath/ath11k/ahb.c.
 */
#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/iommu.h>
#include <linux/kstrtox.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/sysfs.h>

#include "rprocx.h"

/*
 * rproc_ops.start: remoteproc_core.c:rproc_start() calls it from
 * rproc_fw_boot() under rproc->lock only (mutex_lock_interruptible() in
 * rproc_boot()); rproc_boot() runs from remoteproc_sysfs.c:state_store(),
 * from rproc_auto_boot_callback() (the firmware loader's async work) and
 * from rproc_crash_handler_work()'s recovery.  None holds the platform
 * device's lock.
 */
static int rprocx_start(struct rproc *rproc)
{
	struct rprocx *rx = rproc->priv;

	rprocx_cfg_apply(rx); /* EXPECT: device-lock-required */
	return 0;
}

/*
 * rproc_ops.load: remoteproc_core.c:rproc_fw_boot() ->
 * rproc_load_segments(), same context as ->start (rproc->lock only).  It
 * try-locks the device, as drivers/pci/pci.c:pci_dev_trylock(): a plain
 * lock here would invert against remove, which holds the device lock and
 * waits for rproc->lock in rproc_del().
 */
static int rprocx_load(struct rproc *rproc, const struct firmware *fw)
{
	struct rprocx *rx = rproc->priv;

	if (!device_trylock(rx->dev))
		return -EBUSY;
	rprocx_cfg_apply(rx); /* EXPECT-NONE: device-lock-required */
	device_unlock(rx->dev);
	return fw->size ? 0 : -EINVAL;
}

/*
 * rproc_ops.stop: remoteproc_core.c:rproc_stop() from rproc_shutdown(),
 * under rproc->lock; rproc_shutdown() runs from state_store() and from
 * rproc_del() in our remove, where the driver core holds the platform
 * device's lock but never the firmware memory device's.
 */
static int rprocx_stop(struct rproc *rproc)
{
	struct rprocx *rx = rproc->priv;

	return rprocx_fw_rebind_locked(rx); /* EXPECT: device-lock-required */
}

static const struct rproc_ops rprocx_ops = {
	.start	= rprocx_start,
	.stop	= rprocx_stop,
	.load	= rprocx_load,
};

/*
 * The crash work, as remoteproc_core.c:rproc_crash_handler_work(): queued
 * from the IOMMU fault handler, runs in a kworker holding nothing, neither
 * the device lock nor the iommu group mutex.
 */
static void rprocx_crash_work(struct work_struct *work)
{
	struct rprocx *rx = container_of(work, struct rprocx, crash_work);

	if (!rx->fw_pdev)
		return;
	rprocx_stream_map(&rx->fw_pdev->dev, rx); /* EXPECT: group-mutex-required */
	rproc_report_crash(rx->rproc, RPROC_FATAL_ERROR);
}

/*
 * Driver dev_groups attributes: kernfs_fop_write_iter() -> dev_attr_store()
 * calls ->store with no device lock (drivers/base/core.c).
 */
static ssize_t boot_cfg_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct rprocx *rx = dev_get_drvdata(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;
	rx->boot_cfg = val;
	rprocx_cfg_apply(rx); /* EXPECT: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(boot_cfg);

/* as drivers/usb/core/sysfs.c:supports_autosuspend_show() locks it */
static ssize_t reapply_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct rprocx *rx = dev_get_drvdata(dev);
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret < 0)
		return ret;
	rprocx_cfg_apply(rx); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return count;
}
static DEVICE_ATTR_WO(reapply);

/* the firmware memory device is re-pointed from sysfs: rprocx_mem.c */
static ssize_t fw_reset_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct rprocx *rx = dev_get_drvdata(dev);
	int ret;

	ret = rprocx_mem_reconfigure(rx);
	if (!ret)
		ret = rprocx_msa_reconfigure(rx);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(fw_reset);

static struct attribute *rprocx_attrs[] = {
	&dev_attr_boot_cfg.attr,
	&dev_attr_reapply.attr,
	&dev_attr_fw_reset.attr,
	NULL
};
ATTRIBUTE_GROUPS(rprocx);

/*
 * platform_driver.probe: drivers/base/dd.c:really_probe() runs it under
 * device_lock(&pdev->dev) (taken in __driver_attach() or __device_attach()).
 */
static int rprocx_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct rproc *rproc;
	struct rprocx *rx;
	int ret;

	rproc = devm_rproc_alloc(dev, dev_name(dev), &rprocx_ops, "rprocx.mdt",
				 sizeof(*rx));
	if (!rproc)
		return -ENOMEM;
	rx = rproc->priv;
	rx->dev = dev;
	rx->rproc = rproc;
	INIT_WORK(&rx->crash_work, rprocx_crash_work);
	platform_set_drvdata(pdev, rx);

	rprocx_cfg_apply(rx); /* EXPECT-NONE: device-lock-required */

	ret = rprocx_mem_init(rx);
	if (ret)
		return ret;
	ret = rprocx_msa_init(rx);
	if (ret)
		goto err_mem;

	/* the created device's lock, taken as pmc/core.c locks another device */
	if (rx->fw_pdev) {
		device_lock(&rx->fw_pdev->dev);
		rprocx_fw_rebind_locked(rx); /* EXPECT-NONE: device-lock-required */
		device_unlock(&rx->fw_pdev->dev);
	}

	ret = rproc_add(rproc);
	if (ret)
		goto err_mem;
	return 0;

err_mem:
	rprocx_mem_exit(rx);
	return ret;
}

static void rprocx_remove(struct platform_device *pdev)
{
	struct rprocx *rx = platform_get_drvdata(pdev);

	rproc_del(rx->rproc);
	cancel_work_sync(&rx->crash_work);
	rprocx_mem_exit(rx);
}

static const struct of_device_id rprocx_of_match[] = {
	{ .compatible = "corpus,rprocx-wcss" },
	{ }
};
MODULE_DEVICE_TABLE(of, rprocx_of_match);

static struct platform_driver rprocx_driver = {
	.probe	= rprocx_probe,
	.remove	= rprocx_remove,
	.driver	= {
		.name		= "rprocx",
		.of_match_table	= rprocx_of_match,
		.dev_groups	= rprocx_groups,
	},
};
module_platform_driver(rprocx_driver);

MODULE_DESCRIPTION("iommu-lockcheck corpus: remoteproc with firmware memory devices");
MODULE_LICENSE("GPL");
