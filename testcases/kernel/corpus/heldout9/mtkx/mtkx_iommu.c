// SPDX-License-Identifier: GPL-2.0
/*
 * The mtkx IOMMU: platform driver and iommu_ops, shaped on
 * drivers/iommu/mtk_iommu.c (mtk_iommu_probe, mtk_iommu_mm_dts_parse,
 * mtk_iommu_attach_device, mtk_iommu_identity_attach, mtk_iommu_isr) and
 * ipmmu-vmsa.c (ipmmu_probe_finalize) of Linux 6.12.  Which ops run
 * under group->mutex is read from drivers/iommu/iommu.c.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/slab.h>

#include "mtkx.h"

static const struct iommu_ops mtkx_ops;

static struct mtkx_domain *to_mtkx_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct mtkx_domain, domain);
}

/*
 * Paging ->attach_dev: iommu.c:__iommu_attach_device(), reached from
 * __iommu_device_set_domain() with group->mutex held (this driver has no
 * ->is_attach_deferred, so iommu_deferred_attach() never calls it).  The
 * larb's device lock is not held here.
 */
static int mtkx_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct mtkx_master *mm = dev_iommu_priv_get(dev);
	int ret;

	ret = mtkx_hw_config_port(dev, true); /* EXPECT-NONE: group-mutex-required */
	if (ret)
		return ret;
	return mtkx_larb_set_mmu_locked(mm->larbdev, BIT(mm->port)); /* EXPECT: device-lock-required */
}

/* ->set_dev_pasid: iommu.c:__iommu_set_group_pasid(), group->mutex held */
static int mtkx_set_dev_pasid(struct iommu_domain *domain, struct device *dev,
			      ioasid_t pasid, struct iommu_domain *old)
{
	return mtkx_hw_config_port(dev, true); /* EXPECT-NONE: group-mutex-required */
}

/* ->remove_dev_pasid: iommu.c:__iommu_remove_group_pasid(), mutex held */
static void mtkx_remove_dev_pasid(struct device *dev, ioasid_t pasid,
				  struct iommu_domain *domain)
{
	mtkx_hw_flush_port(dev); /* EXPECT-NONE: group-mutex-required */
}

static int mtkx_map_pages(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t mtkx_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	return pgsize * pgcount;
}

static void mtkx_flush_iotlb_all(struct iommu_domain *domain)
{
	mtkx_tlb_flush_all(to_mtkx_domain(domain)->data);
}

static void mtkx_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	mtkx_tlb_flush_range(to_mtkx_domain(domain)->data, gather->start,
			     gather->end - gather->start + 1);
}

static phys_addr_t mtkx_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova)
{
	return 0;
}

static void mtkx_domain_free(struct iommu_domain *domain)
{
	kfree(to_mtkx_domain(domain));
}

/* identity and blocked ->attach_dev: also under group->mutex */
static int mtkx_identity_attach(struct iommu_domain *identity, struct device *dev)
{
	struct mtkx_master *mm = dev_iommu_priv_get(dev);
	int ret = 0;

	mtkx_hw_config_port(dev, false); /* EXPECT-NONE: group-mutex-required */
	scoped_guard(device, mm->larbdev)
		ret = mtkx_larb_set_mmu_locked(mm->larbdev, 0); /* EXPECT-NONE: device-lock-required */
	return ret;
}

static struct iommu_domain mtkx_identity_domain = {
	.type = IOMMU_DOMAIN_IDENTITY,
	.ops = &(const struct iommu_domain_ops) {
		.attach_dev = mtkx_identity_attach,
	},
};

static int mtkx_blocked_attach(struct iommu_domain *blocked, struct device *dev)
{
	mtkx_hw_flush_port(dev); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

static struct iommu_domain mtkx_blocked_domain = {
	.type = IOMMU_DOMAIN_BLOCKED,
	.ops = &(const struct iommu_domain_ops) {
		.attach_dev = mtkx_blocked_attach,
	},
};

static struct iommu_domain *mtkx_domain_alloc_paging(struct device *dev)
{
	struct mtkx_master *mm = dev_iommu_priv_get(dev);
	struct mtkx_domain *dom;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	dom->data = mm->data;
	dom->domain.geometry.aperture_end = DMA_BIT_MASK(32);
	dom->domain.geometry.force_aperture = true;
	return &dom->domain;
}

/* mtk_iommu_of_xlate(): find the IOMMU and the master's larb */
static int mtkx_of_xlate(struct device *dev, const struct of_phandle_args *args)
{
	struct platform_device *iommu_pdev;
	struct mtkx_master *mm;
	struct mtkx_data *data;
	u32 port = args->args[0];

	iommu_pdev = of_find_device_by_node(args->np);
	if (!iommu_pdev)
		return -EPROBE_DEFER;
	data = platform_get_drvdata(iommu_pdev);
	put_device(&iommu_pdev->dev);
	if (!data || port / 32 >= data->nr_larbs)
		return -EINVAL;

	mm = kzalloc(sizeof(*mm), GFP_KERNEL);
	if (!mm)
		return -ENOMEM;
	mm->data = data;
	mm->port = port % 32;
	mm->larbdev = &data->larbs[port / 32]->dev;
	dev_iommu_priv_set(dev, mm);
	return iommu_fwspec_add_ids(dev, &port, 1);
}

/*
 * mtk_iommu_probe_device(): link the master to its larb.  iommu.c:
 * iommu_init_device() calls it under iommu_probe_device_lock only,
 * before the device has a group: no group mutex.
 */
static struct iommu_device *mtkx_probe_device(struct device *dev)
{
	struct mtkx_master *mm = dev_iommu_priv_get(dev);

	if (!mm)
		return ERR_PTR(-ENODEV);
	if (mtkx_hw_port_secure(dev)) /* EXPECT: group-mutex-required */
		return ERR_PTR(-EPERM);
	if (!device_link_add(dev, mm->larbdev, DL_FLAG_PM_RUNTIME | DL_FLAG_STATELESS))
		dev_err(dev, "Unable to link %s\n", dev_name(mm->larbdev));
	return &mm->data->iommu;
}

static void mtkx_release_device(struct device *dev)
{
	struct mtkx_master *mm = dev_iommu_priv_get(dev);

	dev_iommu_priv_set(dev, NULL);
	kfree(mm);
}

/* iommu_group_for_each_dev() holds group->mutex around its callback */
static int mtkx_flush_one(struct device *dev, void *unused)
{
	mtkx_hw_flush_port(dev); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

static int mtkx_disable_one(struct device *dev, void *unused)
{
	return mtkx_hw_config_port(dev, false); /* EXPECT-NONE: group-mutex-required */
}

/*
 * ->probe_finalize: iommu.c:iommu_probe_device() and bus_iommu_probe()
 * call it after dropping group->mutex ("FIXME: Mis-locked because the
 * ops->probe_finalize() call-back ...").
 */
static void mtkx_probe_finalize(struct device *dev)
{
	struct iommu_group *group;

	mtkx_hw_config_port(dev, true); /* EXPECT: group-mutex-required */
	group = iommu_group_get(dev);
	if (group) {
		iommu_group_for_each_dev(group, NULL, mtkx_flush_one);
		iommu_group_put(group);
	}
}

/*
 * ->device_group: iommu.c:iommu_init_device() asks for the group before
 * the device is in one; no group mutex is held.
 */
static struct iommu_group *mtkx_device_group(struct device *dev)
{
	if (mtkx_hw_port_secure(dev)) /* EXPECT: group-mutex-required */
		return generic_single_device_group(dev);
	return generic_device_group(dev);
}

/*
 * ->def_domain_type: iommu.c:iommu_get_def_domain_type(), only from
 * iommu_get_default_domain_type(), which asserts group->mutex.
 */
static int mtkx_def_domain_type(struct device *dev)
{
	return mtkx_hw_port_secure(dev) ? IOMMU_DOMAIN_IDENTITY : 0; /* EXPECT-NONE: group-mutex-required */
}

/*
 * ->dev_enable_feat / ->dev_disable_feat: iommu.c:
 * iommu_dev_enable_feature()/iommu_dev_disable_feature(), called by the
 * master's driver; the core takes no group mutex.
 */
static int mtkx_dev_enable_feat(struct device *dev, enum iommu_dev_features feat)
{
	if (feat != IOMMU_DEV_FEAT_IOPF)
		return -EINVAL;
	return mtkx_hw_config_port(dev, true); /* EXPECT: group-mutex-required */
}

static int mtkx_dev_disable_feat(struct device *dev, enum iommu_dev_features feat)
{
	struct iommu_group *group;
	int ret;

	if (feat != IOMMU_DEV_FEAT_IOPF)
		return -EINVAL;
	group = iommu_group_get(dev);
	if (!group)
		return -ENODEV;
	ret = iommu_group_for_each_dev(group, NULL, mtkx_disable_one);
	iommu_group_put(group);
	return ret;
}

static const struct iommu_ops mtkx_ops = {
	.identity_domain	= &mtkx_identity_domain,
	.blocked_domain		= &mtkx_blocked_domain,
	.domain_alloc_paging	= mtkx_domain_alloc_paging,
	.probe_device		= mtkx_probe_device,
	.release_device		= mtkx_release_device,
	.probe_finalize		= mtkx_probe_finalize,
	.device_group		= mtkx_device_group,
	.def_domain_type	= mtkx_def_domain_type,
	.dev_enable_feat	= mtkx_dev_enable_feat,
	.dev_disable_feat	= mtkx_dev_disable_feat,
	.remove_dev_pasid	= mtkx_remove_dev_pasid,
	.of_xlate		= mtkx_of_xlate,
	.pgsize_bitmap		= SZ_4K | SZ_64K | SZ_1M | SZ_16M,
	.owner			= THIS_MODULE,
	.default_domain_ops = &(const struct iommu_domain_ops) {
		.attach_dev	= mtkx_attach_dev,
		.set_dev_pasid	= mtkx_set_dev_pasid,
		.map_pages	= mtkx_map_pages,
		.unmap_pages	= mtkx_unmap_pages,
		.flush_iotlb_all = mtkx_flush_iotlb_all,
		.iotlb_sync	= mtkx_iotlb_sync,
		.iova_to_phys	= mtkx_iova_to_phys,
		.free		= mtkx_domain_free,
	},
};

/*
 * An attribute of the IOMMU's class device (iommu_device_sysfs_add()
 * groups): kernfs calls it with no group mutex held.
 */
static ssize_t flush_fault_store(struct device *dev, struct device_attribute *attr,
				 const char *buf, size_t count)
{
	struct mtkx_data *data = container_of(dev_to_iommu_device(dev),
					      struct mtkx_data, iommu);

	if (!data->fault_dev)
		return -ENODEV;
	mtkx_hw_flush_port(data->fault_dev); /* EXPECT: group-mutex-required */
	return count;
}
static DEVICE_ATTR_WO(flush_fault);

static struct attribute *mtkx_iommu_attrs[] = {
	&dev_attr_flush_fault.attr,
	NULL,
};
ATTRIBUTE_GROUPS(mtkx_iommu);

/*
 * mtk_iommu_isr() is a hard IRQ; here the fault is handled in the IRQ
 * thread (request_threaded_irq()), which holds neither the group mutex
 * nor the IOMMU's device lock.
 */
static irqreturn_t mtkx_isr(int irq, void *arg)
{
	return IRQ_WAKE_THREAD;
}

static irqreturn_t mtkx_isr_thread(int irq, void *arg)
{
	struct mtkx_data *data = arg;

	if (data->fault_dev)
		mtkx_hw_flush_port(data->fault_dev); /* EXPECT: group-mutex-required */
	mtkx_iommu_hw_reset(data); /* EXPECT: device-lock-required */
	schedule_work(&data->reset_work);
	return IRQ_HANDLED;
}

/* the deferred reset takes the device lock and the group's mutex itself */
static void mtkx_reset_work(struct work_struct *work)
{
	struct mtkx_data *data = container_of(work, struct mtkx_data, reset_work);
	struct iommu_group *group;

	device_lock(data->dev);
	mtkx_iommu_hw_reset(data); /* EXPECT-NONE: device-lock-required */
	device_unlock(data->dev);

	if (!data->fault_dev)
		return;
	group = iommu_group_get(data->fault_dev);
	if (group) {
		iommu_group_for_each_dev(group, NULL, mtkx_flush_one);
		iommu_group_put(group);
	}
}

/* debugfs: nothing held */
static ssize_t mtkx_dbg_flush_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct mtkx_data *data = file->private_data;

	if (data->fault_dev)
		mtkx_hw_flush_port(data->fault_dev); /* EXPECT: group-mutex-required */
	mtkx_tlb_flush_all(data);
	return count;
}

static const struct file_operations mtkx_dbg_flush_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = mtkx_dbg_flush_write,
};

static ssize_t mtkx_dbg_reset_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct mtkx_data *data = file->private_data;

	mtkx_iommu_hw_reset(data); /* EXPECT: device-lock-required */
	return count;
}

static const struct file_operations mtkx_dbg_reset_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = mtkx_dbg_reset_write,
};

static int mtkx_dbg_flush_one(struct device *dev, void *unused)
{
	mtkx_hw_flush_port(dev); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

static ssize_t mtkx_dbg_flush_group_write(struct file *file, const char __user *ubuf,
					  size_t count, loff_t *ppos)
{
	struct mtkx_data *data = file->private_data;
	struct iommu_group *group;

	if (!data->fault_dev)
		return -ENODEV;
	group = iommu_group_get(data->fault_dev);
	if (!group)
		return -ENODEV;
	iommu_group_for_each_dev(group, NULL, mtkx_dbg_flush_one);
	iommu_group_put(group);
	return count;
}

static const struct file_operations mtkx_dbg_flush_group_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = mtkx_dbg_flush_group_write,
};

/*
 * mtk_iommu_probe() + mtk_iommu_mm_dts_parse(): platform probe, the
 * IOMMU's own device lock held.  The larbs are other drivers' devices
 * found by phandle (of_find_device_by_node()); their locks are not held.
 */
static int mtkx_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct mtkx_data *data;
	int i, n, irq, ret;

	data = devm_kzalloc(dev, sizeof(*data), GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	data->dev = dev;
	mutex_init(&data->tlb_lock);
	INIT_WORK(&data->reset_work, mtkx_reset_work);
	platform_set_drvdata(pdev, data);

	n = of_count_phandle_with_args(dev->of_node, "example,larbs", NULL);
	if (n <= 0 || n > MTKX_LARB_NR)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		struct device_node *np = of_parse_phandle(dev->of_node, "example,larbs", i);
		struct platform_device *plarb;

		if (!np) {
			ret = -EINVAL;
			goto err_put_larbs;
		}
		plarb = of_find_device_by_node(np);
		of_node_put(np);
		if (!plarb) {
			ret = -EPROBE_DEFER;
			goto err_put_larbs;
		}
		data->larbs[data->nr_larbs++] = plarb;
		ret = mtkx_larb_set_mmu_locked(&plarb->dev, 0); /* EXPECT: device-lock-required */
		if (ret)
			goto err_put_larbs;
	}

	mtkx_iommu_hw_init(dev); /* EXPECT-NONE: device-lock-required */

	irq = platform_get_irq(pdev, 0);
	if (irq < 0) {
		ret = irq;
		goto err_put_larbs;
	}
	ret = devm_request_threaded_irq(dev, irq, mtkx_isr, mtkx_isr_thread,
					IRQF_ONESHOT, dev_name(dev), data);
	if (ret)
		goto err_put_larbs;

	ret = iommu_device_sysfs_add(&data->iommu, dev, mtkx_iommu_groups, "mtkx.%s", dev_name(dev));
	if (ret)
		goto err_put_larbs;
	ret = iommu_device_register(&data->iommu, &mtkx_ops, dev);
	if (ret)
		goto err_sysfs;

	data->dbg = debugfs_create_dir(dev_name(dev), NULL);
	debugfs_create_file("flush", 0200, data->dbg, data, &mtkx_dbg_flush_fops);
	debugfs_create_file("flush_group", 0200, data->dbg, data, &mtkx_dbg_flush_group_fops);
	debugfs_create_file("reset", 0200, data->dbg, data, &mtkx_dbg_reset_fops);
	return 0;

err_sysfs:
	iommu_device_sysfs_remove(&data->iommu);
err_put_larbs:
	while (data->nr_larbs)
		platform_device_put(data->larbs[--data->nr_larbs]);
	return ret;
}

/* mtk_iommu_remove(): the larbs are reset under their own locks */
static void mtkx_remove(struct platform_device *pdev)
{
	struct mtkx_data *data = platform_get_drvdata(pdev);
	unsigned int i;

	debugfs_remove_recursive(data->dbg);
	iommu_device_unregister(&data->iommu);
	iommu_device_sysfs_remove(&data->iommu);
	cancel_work_sync(&data->reset_work);

	for (i = 0; i < data->nr_larbs; i++) {
		struct device *larbdev = &data->larbs[i]->dev;

		device_lock(larbdev);
		mtkx_larb_set_mmu_locked(larbdev, 0); /* EXPECT-NONE: device-lock-required */
		device_unlock(larbdev);
		platform_device_put(data->larbs[i]);
	}
	mtkx_iommu_hw_reset(data); /* EXPECT-NONE: device-lock-required */
}

/*
 * System sleep: .suspend/.resume in the normal phase run under
 * device_lock() (main.c:device_suspend()/device_resume()); .resume_noirq
 * runs from device_resume_noirq(), which takes no device lock.
 */
static int mtkx_suspend(struct device *dev)
{
	struct mtkx_data *data = dev_get_drvdata(dev);

	data->flushes = 0;
	return 0;
}

static int mtkx_resume(struct device *dev)
{
	mtkx_iommu_hw_init(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int mtkx_resume_noirq(struct device *dev)
{
	mtkx_iommu_hw_init(dev); /* EXPECT: device-lock-required */
	return 0;
}

static const struct dev_pm_ops mtkx_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(mtkx_suspend, mtkx_resume)
	NOIRQ_SYSTEM_SLEEP_PM_OPS(NULL, mtkx_resume_noirq)
};

static const struct of_device_id mtkx_of_ids[] = {
	{ .compatible = "example,mtkx-m4u" },
	{ }
};

static struct platform_driver mtkx_driver = {
	.probe	= mtkx_probe,
	.remove	= mtkx_remove,
	.driver	= {
		.name = "mtkx-iommu",
		.of_match_table = mtkx_of_ids,
		.pm = pm_sleep_ptr(&mtkx_pm_ops),
	},
};

static int __init mtkx_init(void)
{
	int ret;

	ret = mtkx_larb_driver_init();
	if (ret)
		return ret;
	ret = platform_driver_register(&mtkx_driver);
	if (ret)
		mtkx_larb_driver_exit();
	return ret;
}

static void __exit mtkx_exit(void)
{
	platform_driver_unregister(&mtkx_driver);
	mtkx_larb_driver_exit();
}

module_init(mtkx_init);
module_exit(mtkx_exit);
MODULE_DESCRIPTION("heldout9 mtkx: M4U-like IOMMU with SMI larbs");
MODULE_LICENSE("GPL");
