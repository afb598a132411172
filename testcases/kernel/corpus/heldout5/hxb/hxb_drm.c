// SPDX-License-Identifier: GPL-2.0
/*
 * The logical hxb driver, shaped as drivers/gpu/drm/tegra/drm.c:
 * host1x_drm_probe() / host1x_drm_remove() (a &host1x_driver): its probe
 * and remove run under the logical device's lock (hxb_driver_probe(),
 * hxb_driver_remove() in hxb_core.c); its debugfs files and work items do
 * not.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include "hxb.h"

static void hxb_drm_hotplug_work(struct work_struct *work)
{
	struct hxb_device *hd = container_of(work, struct hxb_device,
					     hotplug_work);

	/* a work item: the logical device's lock is not held */
	hxb_device_set_active(hd, false); /* EXPECT: device-lock-required */
}

static void hxb_drm_resume_work(struct work_struct *work)
{
	struct hxb_device *hd = container_of(work, struct hxb_device,
					     resume_work);

	device_lock(&hd->dev);
	hxb_device_set_active(hd, true); /* EXPECT-NONE: device-lock-required */
	device_unlock(&hd->dev);
}

/* debugfs writes: no lock held on entry */
static ssize_t hxb_drm_sync_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	struct hxb_device *hd = file->private_data;

	hxb_device_sync(hd); /* EXPECT: device-lock-required */
	return count;
}

static ssize_t hxb_drm_sync_locked_write(struct file *file,
					 const char __user *ubuf,
					 size_t count, loff_t *ppos)
{
	struct hxb_device *hd = file->private_data;
	struct device *dev = &hd->dev;

	guard(device)(dev);
	hxb_device_sync(hd); /* EXPECT-NONE: device-lock-required */
	return count;
}

static ssize_t hxb_drm_hotplug_write(struct file *file, const char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct hxb_device *hd = file->private_data;

	schedule_work(count > 1 ? &hd->resume_work : &hd->hotplug_work);
	return count;
}

static const struct file_operations hxb_drm_sync_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hxb_drm_sync_write,
};

static const struct file_operations hxb_drm_sync_locked_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hxb_drm_sync_locked_write,
};

static const struct file_operations hxb_drm_hotplug_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hxb_drm_hotplug_write,
};

static int hxb_drm_probe(struct hxb_device *hd)
{
	int err;

	/*
	 * The driver's own probed device is pointed at the host's DT node
	 * for DMA, as drivers/gpu/drm/etnaviv/etnaviv_drv.c:
	 * etnaviv_pdev_probe() does with its first GPU core's node.
	 */
	err = of_dma_configure(&hd->dev, hd->dev.parent->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	if (err)
		return err;

	INIT_WORK(&hd->hotplug_work, hxb_drm_hotplug_work);
	INIT_WORK(&hd->resume_work, hxb_drm_resume_work);

	err = hxb_device_init(hd); /* EXPECT-NONE: device-lock-required */
	if (err)
		return err;
	hxb_device_sync(hd); /* EXPECT-NONE: device-lock-required */
	hxb_device_set_active(hd, true); /* EXPECT-NONE: device-lock-required */

	hd->debugfs = debugfs_create_dir(dev_name(&hd->dev), NULL);
	debugfs_create_file("sync", 0200, hd->debugfs, hd, &hxb_drm_sync_fops);
	debugfs_create_file("sync_locked", 0200, hd->debugfs, hd,
			    &hxb_drm_sync_locked_fops);
	debugfs_create_file("hotplug", 0200, hd->debugfs, hd,
			    &hxb_drm_hotplug_fops);
	return 0;
}

static int hxb_drm_remove(struct hxb_device *hd)
{
	debugfs_remove_recursive(hd->debugfs);
	cancel_work_sync(&hd->hotplug_work);
	cancel_work_sync(&hd->resume_work);
	return hxb_device_exit(hd); /* EXPECT-NONE: device-lock-required */
}

static struct hxb_driver hxb_drm_driver = {
	.driver.name = "drm",
	.probe = hxb_drm_probe,
	.remove = hxb_drm_remove,
};

int hxb_drm_init(void)
{
	return hxb_driver_register(&hxb_drm_driver);
}

void hxb_drm_exit(void)
{
	hxb_driver_unregister(&hxb_drm_driver);
}
