// SPDX-License-Identifier: GPL-2.0
/*
 * An IOMMU driver whose context-table helper asserts the group mutex of
 * the master's device, as amd_iommu_clear_gcr3() does.  Which of its ops
 * run under that mutex is what drivers/iommu/iommu.c does around each
 * call (group_context.test).
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/iommu.h>
#include <linux/module.h>

struct grpctx_master {
	struct device *dev;
	u64 live;
};

static void grpctx_clear(struct grpctx_master *master, ioasid_t pasid)
{
	iommu_group_mutex_assert(master->dev);
	if (pasid < 64)
		master->live &= ~BIT_ULL(pasid);
}

static int grpctx_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	grpctx_clear(dev_iommu_priv_get(dev), IOMMU_NO_PASID);
	return 0;
}

static int grpctx_set_dev_pasid(struct iommu_domain *domain,
				struct device *dev, ioasid_t pasid,
				struct iommu_domain *old)
{
	grpctx_clear(dev_iommu_priv_get(dev), pasid);
	return 0;
}

static void grpctx_remove_dev_pasid(struct device *dev, ioasid_t pasid,
				    struct iommu_domain *domain)
{
	grpctx_clear(dev_iommu_priv_get(dev), pasid);
}

static int grpctx_def_domain_type(struct device *dev)
{
	grpctx_clear(dev_iommu_priv_get(dev), IOMMU_NO_PASID);
	return 0;
}

static void grpctx_probe_finalize(struct device *dev)
{
	grpctx_clear(dev_iommu_priv_get(dev), IOMMU_NO_PASID);
}

static int grpctx_dev_enable_feat(struct device *dev,
				  enum iommu_dev_features feat)
{
	grpctx_clear(dev_iommu_priv_get(dev), IOMMU_NO_PASID);
	return 0;
}

static const struct iommu_domain_ops grpctx_domain_ops = {
	.attach_dev = grpctx_attach_dev,
	.set_dev_pasid = grpctx_set_dev_pasid,
};

const struct iommu_ops grpctx_ops = {
	.remove_dev_pasid = grpctx_remove_dev_pasid,
	.def_domain_type = grpctx_def_domain_type,
	.probe_finalize = grpctx_probe_finalize,
	.dev_enable_feat = grpctx_dev_enable_feat,
	.default_domain_ops = &grpctx_domain_ops,
	.owner = THIS_MODULE,
};

static ssize_t grpctx_write(struct file *file, const char __user *buf,
			    size_t count, loff_t *ppos)
{
	struct grpctx_master *master = file->private_data;

	grpctx_clear(master, IOMMU_NO_PASID);
	return count;
}

const struct file_operations grpctx_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = grpctx_write,
};

MODULE_DESCRIPTION("group mutex contexts of the iommu core's ops");
MODULE_LICENSE("GPL");
