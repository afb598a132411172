// SPDX-License-Identifier: GPL-2.0
/*
 * axb DSP cell driver: an axb_driver with legacy bus suspend/resume (called
 * by axb_bus.c), late-sleep and runtime dev_pm_ops, firmware loaded
 * asynchronously, and sysfs attributes.
 *
 * Shapes: drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe() (the
 * probed device re-pointed at another DT node), drivers/ssb/ driver
 * callbacks, drivers/usb/core/sysfs.c:supports_autosuspend_show()
 * (device_lock_interruptible() in a sysfs attribute).
 */
#include <linux/completion.h>
#include <linux/firmware.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "axb.h"

struct axb_dsp {
	struct axb_device *adev;
	const struct firmware *fw;
	struct completion fw_done;
	u32 mode;
	bool running;
};

/*
 * request_firmware_nowait() callback: firmware_loader/main.c:
 * request_firmware_work_func() runs it from a work item, with no device
 * lock held.  Version 2 images run the DSP's second DMA master, so the
 * probed device is re-pointed at its node here, outside probe.
 */
static void axb_dsp_fw_ready(const struct firmware *fw, void *context)
{
	struct axb_dsp *dsp = context;
	struct device *dev = &dsp->adev->dev;
	struct device_node *np;
	int ret;

	if (!fw) {
		dev_err(dev, "no firmware\n");
		goto out;
	}

	dsp->fw = fw;
	if (fw->size > 4 && fw->data[0] == 2) {
		np = of_get_child_by_name(dev->of_node, "dma-master-v2");
		if (np) {
			ret = of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
			of_node_put(np);
			if (ret)
				dev_err(dev, "DMA setup for v2 firmware failed: %d\n", ret);
		}
	}
	dsp->running = true;
out:
	complete(&dsp->fw_done);
}

static int axb_dsp_probe(struct axb_device *adev)
{
	struct device *dev = &adev->dev;
	struct device_node *np;
	struct axb_dsp *dsp;
	int ret;

	dsp = devm_kzalloc(dev, sizeof(*dsp), GFP_KERNEL);
	if (!dsp)
		return -ENOMEM;

	dsp->adev = adev;
	init_completion(&dsp->fw_done);
	dev_set_drvdata(dev, dsp);

	/*
	 * The DSP masters DMA through its "dma-master" subnode, which carries
	 * the iommus and dma-ranges, while the bus configured the cell from
	 * its own node: re-point the probed device, as etnaviv_pdev_probe().
	 * axb_bus_probe() runs under device_lock(dev) (dd.c:really_probe()).
	 */
	np = of_get_child_by_name(dev->of_node, "dma-master");
	if (np) {
		ret = of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(np);
		if (ret)
			return ret;
	}

	pm_runtime_set_active(dev);
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;

	ret = request_firmware_nowait(THIS_MODULE, FW_ACTION_UEVENT, "axb-dsp.bin",
				      dev, GFP_KERNEL, dsp, axb_dsp_fw_ready);
	if (ret)
		return ret;

	return 0;
}

static void axb_dsp_remove(struct axb_device *adev)
{
	struct axb_dsp *dsp = dev_get_drvdata(&adev->dev);

	wait_for_completion(&dsp->fw_done);
	release_firmware(dsp->fw);
}

static void axb_dsp_shutdown(struct axb_device *adev)
{
	struct axb_dsp *dsp = dev_get_drvdata(&adev->dev);

	dsp->running = false;
}

/* legacy bus PM, called from axb_bus_suspend()/axb_bus_resume() */
static int axb_dsp_suspend(struct axb_device *adev, pm_message_t state)
{
	struct axb_dsp *dsp = dev_get_drvdata(&adev->dev);

	dsp->running = false;
	return 0;
}

static int axb_dsp_resume(struct axb_device *adev)
{
	struct axb_dsp *dsp = dev_get_drvdata(&adev->dev);

	dsp->running = !!dsp->fw;
	return 0;
}

/*
 * runtime.c:rpm_callback() -> __rpm_callback() runs runtime PM callbacks
 * with no device lock held.
 */
static int axb_dsp_runtime_suspend(struct device *dev)
{
	struct axb_device *adev = to_axb_device(dev);

	return axb_dev_power_locked(adev, false); /* EXPECT: device-lock-required */
}

static int axb_dsp_runtime_resume(struct device *dev)
{
	struct axb_dsp *dsp = dev_get_drvdata(dev);

	dsp->running = !!dsp->fw;
	return 0;
}

static int axb_dsp_suspend_late(struct device *dev)
{
	struct axb_device *adev = to_axb_device(dev);

	adev->saved_ctx[0] = adev->irq_route;
	return 0;
}

/*
 * power/main.c:device_resume_early() picks the driver's resume_early (the
 * bus has no dev_pm_ops) and runs it without the device lock.
 */
static int axb_dsp_resume_early(struct device *dev)
{
	struct axb_dsp *dsp = dev_get_drvdata(dev);

	return axb_dev_load_context(dsp->adev); /* EXPECT: device-lock-required */
}

static const struct dev_pm_ops axb_dsp_pm_ops = {
	LATE_SYSTEM_SLEEP_PM_OPS(axb_dsp_suspend_late, axb_dsp_resume_early)
	RUNTIME_PM_OPS(axb_dsp_runtime_suspend, axb_dsp_runtime_resume, NULL)
};

/*
 * sysfs attributes (dev_groups of the driver): kernfs calls them without
 * the device lock.  usb/core/sysfs.c:supports_autosuspend_show() shape.
 */
static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct axb_dsp *dsp = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", dsp->mode);
}

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct axb_dsp *dsp = dev_get_drvdata(dev);
	u32 mode;
	int ret;

	ret = kstrtou32(buf, 0, &mode);
	if (ret)
		return ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	if (dev->driver)
		dsp->mode = mode;

	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return count;
}
static DEVICE_ATTR_RW(mode);

static ssize_t running_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct axb_dsp *dsp = dev_get_drvdata(dev);
	bool running;

	/* the result is not checked: on a signal the unlock below is unbalanced */
	device_lock_interruptible(dev);
	running = dev->driver && dsp->running;
	device_unlock(dev); /* EXPECT: lock-imbalance */

	return sysfs_emit(buf, "%d\n", running);
}
static DEVICE_ATTR_RO(running);

static struct attribute *axb_dsp_attrs[] = {
	&dev_attr_mode.attr,
	&dev_attr_running.attr,
	NULL
};
ATTRIBUTE_GROUPS(axb_dsp);

static const struct of_device_id axb_dsp_of_match[] = {
	{ .compatible = "vendor,axb-dsp" },
	{ }
};
MODULE_DEVICE_TABLE(of, axb_dsp_of_match);

struct axb_driver axb_dsp_driver = {
	.probe		= axb_dsp_probe,
	.remove		= axb_dsp_remove,
	.shutdown	= axb_dsp_shutdown,
	.suspend	= axb_dsp_suspend,
	.resume		= axb_dsp_resume,
	.driver = {
		.name		= "axb-dsp",
		.of_match_table	= axb_dsp_of_match,
		.dev_groups	= axb_dsp_groups,
		.pm		= pm_ptr(&axb_dsp_pm_ops),
	},
};
