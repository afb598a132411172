// SPDX-License-Identifier: GPL-2.0
/*
 * mfcx core driver: a platform driver, component master of the engines.
 * Shapes: drivers/media/platform/samsung/s5p-mfc/s5p_mfc.c:s5p_mfc_probe(),
 * drivers/media/platform/qcom/venus/firmware.c:venus_firmware_init(),
 * drivers/gpu/drm/vc4/vc4_drv.c:vc4_platform_drm_probe()/vc4_drm_bind().
 */
#include <linux/acpi.h>
#include <linux/component.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include "mfcx.h"

#define MFCX_IOC_RESET	_IO('M', 1)
#define MFCX_IOC_POWER	_IOW('M', 2, int)
#define MFCX_IOC_CTX	_IO('M', 3)

static void mfcx_memdev_release(struct device *dev)
{
	kfree(dev);
}

/*
 * A static helper without a contract of its own: the device it
 * configures was allocated here (pattern 2).  Shape:
 * drivers/media/platform/samsung/s5p-mfc/s5p_mfc.c:s5p_mfc_alloc_memdev().
 */
static struct device *mfcx_alloc_memdev(struct mfcx_core *core)
{
	struct device *dev = core->dev;
	struct device *child;

	child = kzalloc(sizeof(*child), GFP_KERNEL);
	if (!child)
		return NULL;
	device_initialize(child);
	dev_set_name(child, "%s:mem", dev_name(dev));
	child->parent = dev;
	child->coherent_dma_mask = dev->coherent_dma_mask;
	child->dma_mask = dev->dma_mask;
	child->release = mfcx_memdev_release;

	of_dma_configure(child, dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */

	if (device_add(child)) {
		put_device(child);
		return NULL;
	}
	return child;
}

/*
 * A work item registers the firmware device and points its DMA at the
 * firmware node (pattern 2).  Shape: drivers/media/platform/qcom/venus/
 * firmware.c:venus_firmware_init() (platform_device_register_full(),
 * then of_dma_configure() on the new device).
 */
static void mfcx_fw_work(struct work_struct *work)
{
	struct mfcx_core *core = container_of(work, struct mfcx_core, fw_work);
	struct platform_device_info info = { };
	struct platform_device *pdev;
	struct device_node *np;

	np = of_get_child_by_name(core->dev->of_node, "video-firmware");
	if (!np)
		return;
	info.fwnode = of_fwnode_handle(np);
	info.parent = core->dev;
	info.name = np->name;
	info.dma_mask = DMA_BIT_MASK(32);
	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		of_node_put(np);
		return;
	}
	pdev->dev.of_node = np;
	if (of_dma_configure(&pdev->dev, np, true)) { /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
		platform_device_unregister(pdev);
		of_node_put(np);
		return;
	}
	core->fwdev = pdev;
}

/*
 * Bond the sibling devices named by phandles.  Shape of the lock:
 * drivers/media/platform/renesas/rcar_drif.c:rcar_drif_bond_available()
 * (of_find_device_by_node(), device_lock() of the found device); shape
 * of the leak: drivers/media/platform/samsung/exynos4-is/media-dev.c:
 * fimc_md_register_platform_entity(), which leaves through "dev_unlock"
 * on every path, here one return forgets it.
 */
static int mfcx_bond_siblings(struct mfcx_core *core)
{
	struct platform_device *bonded;
	struct device_node *np;
	int i, ret;

	for (i = 0; i < MFCX_MAX_BONDS; i++) {
		np = of_parse_phandle(core->dev->of_node, "mfcx,bonding", i);
		if (!np)
			break;
		bonded = of_find_device_by_node(np);
		of_node_put(np);
		if (!bonded)
			return -EPROBE_DEFER;

		device_lock(&bonded->dev);
		ret = mfcx_bond_claim(bonded, core); /* EXPECT-NONE: device-lock-required */
		if (ret == -EPROBE_DEFER) {
			put_device(&bonded->dev);
			return ret; /* EXPECT: lock-imbalance */
		}
		device_unlock(&bonded->dev);
		if (ret) {
			put_device(&bonded->dev);
			return ret;
		}
	}
	return 0;
}

/*
 * A device found, not probed here (pattern 1): the sibling's DMA is
 * pointed at our node.  Shape: drivers/gpu/drm/msm/adreno/a6xx_gmu.c:
 * a6xx_gmu_wrapper_init() (of_find_device_by_node(), of_dma_configure()
 * on it); the lock and the "unlock" exit as in
 * drivers/media/platform/samsung/exynos4-is/media-dev.c:
 * fimc_md_register_platform_entity().
 */
static int mfcx_bond_dma(struct mfcx_core *core, int i)
{
	struct platform_device *bonded = core->bonded[i];
	int ret;

	device_lock(&bonded->dev);
	if (!bonded->dev.driver) {
		ret = -EPROBE_DEFER;
		goto unlock;
	}
	ret = of_dma_configure(&bonded->dev, core->dev->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
unlock:
	device_unlock(&bonded->dev); /* EXPECT-NONE: lock-imbalance */
	return ret;
}

/*
 * A platform bus notifier: drivers/base/core.c:device_add() calls the bus
 * notifiers with BUS_NOTIFY_ADD_DEVICE before any probe and without the
 * device lock.  Shape: drivers/xen/arm-device.c:xen_platform_notifier().
 */
static int mfcx_platform_notify(struct notifier_block *nb,
				unsigned long action, void *data)
{
	struct mfcx_core *core = container_of(nb, struct mfcx_core, nb);
	struct device *dev = data;

	if (action != BUS_NOTIFY_ADD_DEVICE || !dev->of_node ||
	    !of_device_is_compatible(dev->of_node, "heldout3,mfcx-sibling"))
		return NOTIFY_DONE;
	if (mfcx_bond_claim(to_platform_device(dev), core)) /* EXPECT: device-lock-required */
		return NOTIFY_BAD;
	return NOTIFY_OK;
}

/*
 * A misc character device ioctl: fs/ioctl.c calls it with no device lock.
 * Shape: drivers/remoteproc/remoteproc_cdev.c:rproc_device_ioctl().
 */
static long mfcx_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct mfcx_core *core = container_of(file->private_data,
					      struct mfcx_core, misc);
	struct mfcx_ctx *ctx;

	switch (cmd) {
	case MFCX_IOC_RESET:
		mfcx_core_reset_locked(core); /* EXPECT: device-lock-required */
		return 0;
	case MFCX_IOC_POWER: {
		int ret = -ENODEV;

		/* drivers/cxl/core/port.c:delete_endpoint()'s scoped_guard() */
		scoped_guard(device, core->dev)
			ret = mfcx_core_power(core, !!arg); /* EXPECT-NONE: device-lock-required */
		return ret;
	}
	case MFCX_IOC_CTX:
		ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
		if (!ctx)
			return -ENOMEM;
		spin_lock(&core->ctx_device_lock);
		mfcx_ctx_add(core, ctx); /* EXPECT-NONE: device-lock-required */
		spin_unlock(&core->ctx_device_lock);
		return 0;
	}
	return -ENOTTY;
}

static const struct file_operations mfcx_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = mfcx_ioctl,
};

/*
 * A sysfs store on the core's own device, an attribute of the driver's
 * dev_groups: drivers/base/dd.c:device_remove() removes those with the
 * device lock held, waiting for running stores, so the lock is only
 * tried and the syscall restarted when busy (the rtnl_trylock() idiom of
 * drivers/net/usb/qmi_wwan.c:raw_ip_store()).
 */
static ssize_t power_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct mfcx_core *core = dev_get_drvdata(dev);
	bool on;
	int ret;

	ret = kstrtobool(buf, &on);
	if (ret)
		return ret;
	if (!device_trylock(dev))
		return restart_syscall();
	ret = mfcx_core_power(core, on); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return ret ? ret : count;
}

/* The same store without the lock. */
static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct mfcx_core *core = dev_get_drvdata(dev);

	mfcx_core_reset_locked(core); /* EXPECT: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(power);
static DEVICE_ATTR_WO(reset);

static struct attribute *mfcx_attrs[] = {
	&dev_attr_power.attr,
	&dev_attr_reset.attr,
	NULL
};
ATTRIBUTE_GROUPS(mfcx);

/*
 * component_master_ops.bind: the master's own (probed) device pointed at
 * another DT node (pattern 3).  Shape: drivers/gpu/drm/vc4/vc4_drv.c:
 * vc4_drm_bind().
 */
static int mfcx_master_bind(struct device *dev)
{
	struct mfcx_core *core = dev_get_drvdata(dev);
	struct device_node *node;
	int ret;

	node = of_find_compatible_node(NULL, NULL, "heldout3,mfcx-dma-ranges");
	if (node) {
		ret = of_dma_configure(dev, node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
		of_node_put(node);
		if (ret)
			return ret;
	}
	return component_bind_all(dev, core);
}

static void mfcx_master_unbind(struct device *dev)
{
	component_unbind_all(dev, dev_get_drvdata(dev));
}

static const struct component_master_ops mfcx_master_ops = {
	.bind = mfcx_master_bind,
	.unbind = mfcx_master_unbind,
};

/*
 * Platform probe, under device_lock(&pdev->dev) (really_probe()).
 * Without an OF node the device's DMA comes from ACPI (pattern 3, the
 * driver's own probed device).  Shape: drivers/bus/fsl-mc/fsl-mc-bus.c:
 * fsl_mc_bus_probe() (acpi_dma_configure_id() on &pdev->dev).
 */
static int mfcx_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct component_match *match = NULL;
	struct device_node *np;
	struct mfcx_core *core;
	int i, ret;

	core = devm_kzalloc(dev, sizeof(*core), GFP_KERNEL);
	if (!core)
		return -ENOMEM;
	core->dev = dev;
	spin_lock_init(&core->ctx_device_lock);
	INIT_LIST_HEAD(&core->ctxs);
	INIT_WORK(&core->fw_work, mfcx_fw_work);
	platform_set_drvdata(pdev, core);

	if (!dev_of_node(dev) && has_acpi_companion(dev)) {
		ret = acpi_dma_configure(dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}

	ret = mfcx_core_power(core, true); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	core->memdev = mfcx_alloc_memdev(core);
	if (!core->memdev)
		return -ENOMEM;

	ret = mfcx_bond_siblings(core);
	if (ret)
		goto err_memdev;
	for (i = 0; i < core->nbonded; i++) {
		ret = mfcx_bond_dma(core, i);
		if (ret)
			goto err_memdev;
	}

	core->misc.minor = MISC_DYNAMIC_MINOR;
	core->misc.name = "mfcx";
	core->misc.fops = &mfcx_fops;
	ret = misc_register(&core->misc);
	if (ret)
		goto err_memdev;

	core->nb.notifier_call = mfcx_platform_notify;
	bus_register_notifier(&platform_bus_type, &core->nb);
	schedule_work(&core->fw_work);

	for_each_child_of_node(dev->of_node, np)
		if (of_device_is_compatible(np, "heldout3,mfcx-engine"))
			component_match_add_release(dev, &match, component_release_of,
						    component_compare_of, of_node_get(np));
	if (!match)
		return 0;
	return component_master_add_with_match(dev, &mfcx_master_ops, match);

err_memdev:
	device_unregister(core->memdev);
	return ret;
}

/*
 * Platform remove, under device_lock(&pdev->dev)
 * (drivers/base/dd.c:device_release_driver_internal()): taking it again
 * deadlocks.  Shape: s5p_mfc.c:s5p_mfc_remove() with the lock of
 * drivers/base/dd.c:coredump_store().
 */
static void mfcx_remove(struct platform_device *pdev)
{
	struct mfcx_core *core = platform_get_drvdata(pdev);

	component_master_del(&pdev->dev, &mfcx_master_ops);
	bus_unregister_notifier(&platform_bus_type, &core->nb);
	misc_deregister(&core->misc);
	cancel_work_sync(&core->fw_work);
	if (core->fwdev)
		platform_device_unregister(core->fwdev);
	device_unregister(core->memdev);

	mfcx_core_power(core, false); /* EXPECT-NONE: device-lock-required */
	device_lock(&pdev->dev); /* EXPECT: lock-imbalance */
	mfcx_core_reset_locked(core);
	device_unlock(&pdev->dev);
}

/* Platform .shutdown: device_shutdown() holds device_lock(dev). */
static void mfcx_shutdown(struct platform_device *pdev)
{
	mfcx_core_reset_locked(platform_get_drvdata(pdev)); /* EXPECT-NONE: device-lock-required */
}

static const struct of_device_id mfcx_of_match[] = {
	{ .compatible = "heldout3,mfcx" },
	{ }
};
MODULE_DEVICE_TABLE(of, mfcx_of_match);

static struct platform_driver mfcx_driver = {
	.probe = mfcx_probe,
	.remove = mfcx_remove,
	.shutdown = mfcx_shutdown,
	.driver = {
		.name = "mfcx",
		.of_match_table = mfcx_of_match,
		.dev_groups = mfcx_groups,
	},
};

static int __init mfcx_init(void)
{
	int ret = mfcx_engine_init();

	if (ret)
		return ret;
	ret = platform_driver_register(&mfcx_driver);
	if (ret)
		mfcx_engine_exit();
	return ret;
}
module_init(mfcx_init);

static void __exit mfcx_exit(void)
{
	platform_driver_unregister(&mfcx_driver);
	mfcx_engine_exit();
}
module_exit(mfcx_exit);

MODULE_DESCRIPTION("heldout3 corpus: media codec with bonded siblings");
MODULE_LICENSE("GPL");
