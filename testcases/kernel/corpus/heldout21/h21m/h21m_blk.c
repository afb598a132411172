// SPDX-License-Identifier: GPL-2.0
/*
 * h21m_blk.c - block-like card driver for h21m cards.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/mmc/core/block.c: mmc_blk_probe(), mmc_blk_remove(),
 *	mmc_blk_shutdown(), mmc_blk_suspend()/mmc_blk_resume() (driver
 *	dev_pm_ops reached via mmc_bus_suspend() -> pm_generic_suspend()),
 *	force_ro_store(), mmc_blk_part_switch(), the debugfs ext_csd file
 *   drivers/mmc/host/sdhci-of-dwcmshc.c / sdhci-pltfm.c: the controller's
 *	DMA node being re-applied on the controller (parent) device
 *
 * Core locking facts read in 6.12:
 *   drivers/mmc/core/bus.c:mmc_bus_probe()/mmc_bus_remove()/
 *	mmc_bus_shutdown() call drv->probe/remove/shutdown directly; they are
 *	themselves called by drivers/base/dd.c:really_probe(),
 *	device_release_driver_internal() and drivers/base/core.c:
 *	device_shutdown(), all with device_lock(card dev) HELD.  The parent
 *	(host / controller) lock is NOT held: __device_attach() takes only
 *	dev's lock and need_parent_lock is not set.
 *   drivers/base/power/generic_ops.c:pm_generic_suspend()/
 *	pm_generic_resume() call dev->driver->pm->suspend/resume; the bus
 *	callbacks calling them run inside drivers/base/power/main.c:
 *	device_suspend()/device_resume(): HELD.
 *   kernel/workqueue.c, fs/debugfs/file.c (full_proxy_write()),
 *	fs/sysfs/file.c (sysfs_kf_write()), kernel/reboot.c
 *	(blocking_notifier_call_chain(&reboot_notifier_list)): NOT held.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include "h21m.h"

struct h21m_blk_data {
	struct h21m_card	*card;
	struct device		*ctrl;		/* host controller, not ours */
	struct work_struct	part_work;
	struct delayed_work	retune_work;
	struct notifier_block	reboot_nb;
	struct dentry		*dbg;
	u8			part_wanted;
	bool			read_only;
};

/* ------------------------------------------------------------------ */
/* works                                                               */

static void h21m_blk_part_work(struct work_struct *work)
{
	struct h21m_blk_data *md = container_of(work, struct h21m_blk_data, part_work);
	struct h21m_card *card = md->card;

	scoped_guard(device, &card->dev) {
		if (!(card->state & H21M_CARD_STATE_REMOVED))
			h21m_card_switch_part_locked(&card->dev, md->part_wanted); /* EXPECT-NONE: device-lock-required */
	}
}

static void h21m_blk_retune_work(struct work_struct *work)
{
	struct h21m_blk_data *md = container_of(to_delayed_work(work),
						struct h21m_blk_data, retune_work);
	struct h21m_card *card = md->card;

	/* retune drops to 1-bit and back, without the card lock */
	if (h21m_card_set_bus_width(card, 1)) /* EXPECT: device-lock-required */
		return;
	h21m_card_set_bus_width(card, 4); /* EXPECT: device-lock-required */
}

/* ------------------------------------------------------------------ */
/* reboot notifier                                                     */

static int h21m_blk_reboot(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct h21m_blk_data *md = container_of(nb, struct h21m_blk_data, reboot_nb);

	/* kernel/reboot.c runs the chain with no device lock */
	h21m_card_flush_cache(md->card); /* EXPECT: device-lock-required */
	return NOTIFY_DONE;
}

/* ------------------------------------------------------------------ */
/* sysfs                                                               */

static ssize_t force_ro_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct h21m_blk_data *md = dev_get_drvdata(dev);
	struct h21m_card *card = h21m_dev_to_card(dev);
	bool ro;
	int ret;

	ret = kstrtobool(buf, &ro);
	if (ret)
		return ret;

	ret = h21m_card_lock_ready(card);
	if (ret)
		return ret;
	md->read_only = ro;
	if (ro)
		h21m_card_flush_cache(card); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return count;
}
static DEVICE_ATTR_WO(force_ro);

static ssize_t part_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	u8 part;
	int ret;

	ret = kstrtou8(buf, 0, &part);
	if (ret)
		return ret;

	ret = h21m_card_switch_part_locked(dev, part); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(part);

static ssize_t bus_width_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct h21m_card *card = h21m_dev_to_card(dev);
	unsigned int width;
	int ret;

	ret = kstrtouint(buf, 0, &width);
	if (ret)
		return ret;

	device_lock(dev);
	if (card->state & H21M_CARD_STATE_SUSPEND) {
		device_unlock(dev);
		return -EBUSY; /* EXPECT-NONE: lock-imbalance */
	}
	if (!dev->driver)
		return -ENODEV; /* EXPECT: lock-imbalance */
	ret = h21m_card_set_bus_width(card, width); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(bus_width);

/* the card helpers below take the card lock themselves */
static ssize_t sanitize_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	int ret = h21m_card_sanitize(h21m_dev_to_card(dev));

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(sanitize);

static ssize_t erase_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct h21m_card *card = h21m_dev_to_card(dev);
	u32 from, nr;
	int ret;

	if (sscanf(buf, "%u %u", &from, &nr) != 2)
		return -EINVAL;

	if (card->erase_size)
		ret = h21m_card_erase_range(card, from, nr);
	else
		ret = h21m_card_erase_begin(card, from, nr);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(erase);

static struct attribute *h21m_blk_attrs[] = {
	&dev_attr_sanitize.attr,
	&dev_attr_erase.attr,
	&dev_attr_force_ro.attr,
	&dev_attr_part.attr,
	&dev_attr_bus_width.attr,
	NULL
};
ATTRIBUTE_GROUPS(h21m_blk);

/* ------------------------------------------------------------------ */
/* debugfs                                                             */

static ssize_t h21m_dbg_part_write(struct file *filp, const char __user *ubuf,
				   size_t cnt, loff_t *ppos)
{
	struct h21m_blk_data *md = filp->private_data;
	struct device *dev = &md->card->dev;
	u8 part;
	int ret;

	ret = kstrtou8_from_user(ubuf, cnt, 0, &part);
	if (ret)
		return ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;
	ret = h21m_card_switch_part_locked(dev, part); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : cnt;
}

static ssize_t h21m_dbg_width_write(struct file *filp, const char __user *ubuf,
				    size_t cnt, loff_t *ppos)
{
	struct h21m_blk_data *md = filp->private_data;
	unsigned int width;
	int ret;

	ret = kstrtouint_from_user(ubuf, cnt, 0, &width);
	if (ret)
		return ret;

	ret = h21m_card_set_bus_width(md->card, width); /* EXPECT: device-lock-required */
	return ret ? ret : cnt;
}

static const struct file_operations h21m_dbg_part_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= h21m_dbg_part_write,
};

static const struct file_operations h21m_dbg_width_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= h21m_dbg_width_write,
};

/* ------------------------------------------------------------------ */
/* controller DMA node                                                  */

/*
 * The controller (parent of the host object) is not ours; lock it before
 * re-applying its DMA node.  Called from resume, where only the card's own
 * lock is held by device_resume().
 */
static int h21m_blk_ctrl_dma_restore(struct h21m_blk_data *md)
{
	struct device *ctrl = md->ctrl;
	int ret;

	if (!ctrl || !ctrl->of_node)
		return 0;

	device_lock(ctrl);
	ret = of_dma_configure(ctrl, ctrl->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(ctrl);
	return ret;
}

/* ------------------------------------------------------------------ */
/* h21m driver callbacks                                               */

static int h21m_blk_probe(struct h21m_card *card)
{
	struct device *dev = &card->dev;
	struct h21m_blk_data *md;
	struct device_node *boot_np;
	int ret;

	md = devm_kzalloc(dev, sizeof(*md), GFP_KERNEL);
	if (!md)
		return -ENOMEM;

	md->card = card;
	md->ctrl = h21m_host_of(card)->parent;
	INIT_WORK(&md->part_work, h21m_blk_part_work);
	INIT_DELAYED_WORK(&md->retune_work, h21m_blk_retune_work);
	dev_set_drvdata(dev, md);

	ret = h21m_card_switch_part_locked(dev, H21M_PART_USER); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	/*
	 * Boot partitions are served through a separate DMA window: point the
	 * card being probed at the "boot" sub-node (probe holds its lock).
	 */
	boot_np = dev->of_node ? of_get_child_by_name(dev->of_node, "boot") : NULL;
	if (boot_np) {
		ret = of_dma_configure(dev, boot_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(boot_np);
		if (ret)
			return ret;
	}

	/*
	 * The controller's own node is re-applied from the card's probe: only
	 * the card's lock is held here, not the controller's.
	 */
	if (md->ctrl && md->ctrl->of_node &&
	    of_property_read_bool(md->ctrl->of_node, "h21m,card-iommu")) {
		ret = of_dma_configure(md->ctrl, md->ctrl->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		if (ret)
			goto err_part;
	}

	md->reboot_nb.notifier_call = h21m_blk_reboot;
	ret = register_reboot_notifier(&md->reboot_nb);
	if (ret)
		goto err_part;

	md->dbg = debugfs_create_dir(dev_name(dev), NULL);
	debugfs_create_file("part", 0200, md->dbg, md, &h21m_dbg_part_fops);
	debugfs_create_file("bus_width", 0200, md->dbg, md, &h21m_dbg_width_fops);

	return 0;

err_part:
	h21m_card_flush_cache(card); /* EXPECT-NONE: device-lock-required */
	return ret;
}

static void h21m_blk_remove(struct h21m_card *card)
{
	struct h21m_blk_data *md = dev_get_drvdata(&card->dev);

	debugfs_remove_recursive(md->dbg);
	unregister_reboot_notifier(&md->reboot_nb);
	cancel_work_sync(&md->part_work);
	cancel_delayed_work_sync(&md->retune_work);

	h21m_card_flush_cache(card); /* EXPECT-NONE: device-lock-required */
}

static void h21m_blk_shutdown(struct h21m_card *card)
{
	struct h21m_blk_data *md = dev_get_drvdata(&card->dev);

	cancel_delayed_work_sync(&md->retune_work);
	h21m_card_switch_part_locked(&card->dev, H21M_PART_USER); /* EXPECT-NONE: device-lock-required */
}

#ifdef CONFIG_PM_SLEEP
static int h21m_blk_suspend(struct device *dev)
{
	struct h21m_blk_data *md = dev_get_drvdata(dev);

	cancel_delayed_work_sync(&md->retune_work);
	flush_work(&md->part_work);
	h21m_card_flush_cache(md->card); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int h21m_blk_resume(struct device *dev)
{
	struct h21m_blk_data *md = dev_get_drvdata(dev);
	int ret;

	ret = h21m_card_switch_part_locked(dev, md->part_wanted); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	return h21m_blk_ctrl_dma_restore(md);
}
#endif

static SIMPLE_DEV_PM_OPS(h21m_blk_pm_ops, h21m_blk_suspend, h21m_blk_resume);

static struct h21m_driver h21m_blk_driver = {
	.drv		= {
		.name		= "h21m-blk",
		.pm		= &h21m_blk_pm_ops,
		.dev_groups	= h21m_blk_groups,
	},
	.probe		= h21m_blk_probe,
	.remove		= h21m_blk_remove,
	.shutdown	= h21m_blk_shutdown,
};

int h21m_blk_init(void)
{
	return h21m_register_driver(&h21m_blk_driver);
}

void h21m_blk_exit(void)
{
	h21m_unregister_driver(&h21m_blk_driver);
}
