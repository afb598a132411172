// SPDX-License-Identifier: GPL-2.0-only
/*
 * h1x: host1x logical-device driver.  probe/remove/shutdown are reached
 * through host1x_device_probe()/_remove()/_shutdown() (drivers/gpu/host1x/
 * bus.c), i.e. from the driver core with device_lock(&hdev->dev) held.
 * Work items and debugfs handlers run without it.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/host1x.h>
#include <linux/host1x_context_bus.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "h1x.h"

static struct device_node *h1x_host_node(struct host1x_device *hdev)
{
	return hdev->dev.parent ? hdev->dev.parent->of_node : NULL;
}

/* ---- work items -------------------------------------------------------- */

static void h1x_iommu_work(struct work_struct *work)
{
	struct h1x *h = container_of(work, struct h1x, iommu_work);
	struct host1x_device *hdev = h->hdev;

	h1x_sync_dma_mask(hdev); /* EXPECT: device-lock-required */

	if (h1x_set_dma_node(hdev, h1x_host_node(hdev))) /* EXPECT: device-lock-required */
		dev_warn(&hdev->dev, "failed to refresh DMA configuration\n");
}

static void h1x_guarded_work(struct work_struct *work)
{
	struct h1x *h = container_of(work, struct h1x, guarded_work);
	struct host1x_device *hdev;

	hdev = h1x_lock_logical(h);
	if (!hdev)
		return;

	h1x_sync_dma_mask(hdev); /* EXPECT-NONE: device-lock-required */

	if (h1x_set_dma_node(hdev, h1x_host_node(hdev))) /* EXPECT-NONE: device-lock-required */
		dev_warn(&hdev->dev, "failed to refresh DMA configuration\n");

	device_unlock(&hdev->dev);
}

/* ---- debugfs ------------------------------------------------------------ */

static int h1x_ctx_rebind_set(void *data, u64 val)
{
	struct h1x *h = data;

	return h1x_ctx_reconfigure(h, val);
}
DEFINE_DEBUGFS_ATTRIBUTE(h1x_ctx_rebind_fops, NULL, h1x_ctx_rebind_set, "%llu\n");

/* Re-apply the logical device's DMA node; the busy path unlocks anyway. */
static int h1x_dma_node_set(void *data, u64 val)
{
	struct h1x *h = data;
	struct device *dev = &h->hdev->dev;
	int err;

	if (!device_trylock(dev)) {
		err = -EBUSY;
		goto out;
	}

	err = h1x_set_dma_node(h->hdev, val ? h1x_host_node(h->hdev) : NULL); /* EXPECT-NONE: device-lock-required */
out:
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return err;
}
DEFINE_DEBUGFS_ATTRIBUTE(h1x_dma_node_fops, NULL, h1x_dma_node_set, "%llu\n");

static int h1x_dma_mask_set(void *data, u64 val)
{
	struct h1x *h = data;
	struct device *dev = &h->hdev->dev;

	if (!device_trylock(dev))
		return -EBUSY;

	h1x_sync_dma_mask(h->hdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(h1x_dma_mask_fops, NULL, h1x_dma_mask_set, "%llu\n");

/* Context devices owned by the host1x core, looked up by name. */
static int h1x_core_ctx_set(void *data, u64 val)
{
	struct h1x *h = data;
	struct device_node *np = h1x_host_node(h->hdev);
	struct device *cdev;
	char name[24];
	u32 id = val;
	int err;

	snprintf(name, sizeof(name), "host1x-ctx.%u", id);
	cdev = bus_find_device_by_name(&host1x_context_device_bus_type, NULL, name);
	if (!cdev)
		return -ENODEV;

	if (val & BIT_ULL(32)) {
		err = of_dma_configure_id(cdev, np, true, &id); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required */
	} else {
		device_lock(cdev);
		err = of_dma_configure_id(cdev, np, true, &id); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
		device_unlock(cdev);
	}

	put_device(cdev);
	return err;
}
DEFINE_DEBUGFS_ATTRIBUTE(h1x_core_ctx_fops, NULL, h1x_core_ctx_set, "%llu\n");

/* ---- host1x_driver ------------------------------------------------------ */

static int h1x_probe(struct host1x_device *hdev)
{
	struct device *dev = &hdev->dev;
	struct h1x *h;
	int err;

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;

	h->hdev = hdev;
	INIT_WORK(&h->iommu_work, h1x_iommu_work);
	INIT_WORK(&h->guarded_work, h1x_guarded_work);
	dev_set_drvdata(dev, h);

	/* The logical device takes its DMA setup from the host1x node. */
	err = of_dma_configure(dev, h1x_host_node(hdev), true); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
	if (err < 0)
		goto free;

	h1x_sync_dma_mask(hdev); /* EXPECT-NONE: device-lock-required */

	err = h1x_ctx_list_init(h);
	if (err)
		goto free;

	err = host1x_device_init(hdev);
	if (err)
		goto ctx;

	h->debugfs = debugfs_create_dir(dev_name(dev), NULL);
	debugfs_create_file("ctx_rebind", 0200, h->debugfs, h, &h1x_ctx_rebind_fops);
	debugfs_create_file("dma_node", 0200, h->debugfs, h, &h1x_dma_node_fops);
	debugfs_create_file("dma_mask", 0200, h->debugfs, h, &h1x_dma_mask_fops);
	debugfs_create_file("core_ctx", 0200, h->debugfs, h, &h1x_core_ctx_fops);

	schedule_work(&h->iommu_work);
	schedule_work(&h->guarded_work);
	return 0;

ctx:
	h1x_ctx_list_free(h);
free:
	kfree(h);
	return err;
}

static int h1x_remove(struct host1x_device *hdev)
{
	struct h1x *h = dev_get_drvdata(&hdev->dev);
	unsigned int i;

	debugfs_remove_recursive(h->debugfs);
	cancel_work_sync(&h->iommu_work);
	cancel_work_sync(&h->guarded_work);

	for (i = 0; i < h->num_ctx; i++)
		if (h1x_ctx_quiesce(h, i))
			dev_dbg(&hdev->dev, "context %u already gone\n", i);

	host1x_device_exit(hdev);
	h1x_ctx_list_free(h);
	kfree(h);

	return 0;
}

static void h1x_shutdown(struct host1x_device *hdev)
{
	struct h1x *h = dev_get_drvdata(&hdev->dev);
	unsigned int i;

	for (i = 0; i < h->num_ctx; i++)
		if (h1x_ctx_resume(h, i))
			dev_dbg(&hdev->dev, "context %u not registered\n", i);
}

static const struct of_device_id h1x_subdevs[] = {
	{ .compatible = "nvidia,tegra210-vic", },
	{ .compatible = "nvidia,tegra210-nvdec", },
	{ /* sentinel */ }
};

static struct host1x_driver h1x_driver = {
	.driver = {
		.name = "h1x",
	},
	.probe = h1x_probe,
	.remove = h1x_remove,
	.shutdown = h1x_shutdown,
	.subdevs = h1x_subdevs,
};

static int __init h1x_init(void)
{
	int err;

	err = h1x_ctx_bus_register();
	if (err)
		return err;

	err = host1x_driver_register(&h1x_driver);
	if (err)
		h1x_ctx_bus_unregister();

	return err;
}
module_init(h1x_init);

static void __exit h1x_exit(void)
{
	host1x_driver_unregister(&h1x_driver);
	h1x_ctx_bus_unregister();
}
module_exit(h1x_exit);

MODULE_DESCRIPTION("heldout14: host1x logical device with context bus");
MODULE_LICENSE("GPL");
