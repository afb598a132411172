// SPDX-License-Identifier: GPL-2.0
/*
 * grpx iommu_ops and the platform driver of the SMMU itself.
 *
 * What drivers/iommu/iommu.c holds around each op used here (6.12):
 *  - iommu_domain_ops.attach_dev: __iommu_attach_device(), from
 *    __iommu_device_set_domain() under group->mutex (and from
 *    iommu_deinit_device() for the release_domain, also under it); the
 *    unlocked iommu_deferred_attach() path needs ops->is_attach_deferred,
 *    which this driver does not have.
 *  - iommu_domain_ops.set_dev_pasid: __iommu_set_group_pasid() from
 *    iommu_attach_device_pasid(), under group->mutex.
 *  - iommu_ops.remove_dev_pasid: __iommu_remove_group_pasid() from
 *    iommu_detach_device_pasid(), and the unwind of
 *    __iommu_set_group_pasid(), both under group->mutex.
 *  - iommu_ops.def_domain_type: iommu_get_def_domain_type() from
 *    iommu_get_default_domain_type(), which asserts group->mutex.
 *  - iommu_ops.probe_finalize: iommu_probe_device() after
 *    __iommu_probe_device() returned (group->mutex dropped), and
 *    bus_iommu_probe() after mutex_unlock(&group->mutex) (its FIXME).
 *  - iommu_ops.dev_enable_feat: iommu_dev_enable_feature(), no lock.
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include "grpx.h"

static struct grpx_smmu *grpx_the_smmu;	/* one instance, as sprd-iommu */

/* ---- domain ops ---- */

static int grpx_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct grpx_master *master = dev_iommu_priv_get(dev);

	grpx_ste_install(master, to_grpx_domain(domain)); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

static int grpx_set_dev_pasid(struct iommu_domain *domain, struct device *dev,
			      ioasid_t pasid, struct iommu_domain *old)
{
	struct grpx_master *master = dev_iommu_priv_get(dev);

	return grpx_cd_write(master, pasid, to_grpx_domain(domain)); /* EXPECT-NONE: group-mutex-required */
}

static int grpx_map_pages(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t grpx_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	return pgsize * pgcount;
}

static phys_addr_t grpx_iova_to_phys(struct iommu_domain *domain,
				     dma_addr_t iova)
{
	return 0;
}

static void grpx_domain_free(struct iommu_domain *domain)
{
	kfree(to_grpx_domain(domain));
}

static const struct iommu_domain_ops grpx_paging_ops = {
	.attach_dev = grpx_attach_dev,
	.set_dev_pasid = grpx_set_dev_pasid,
	.map_pages = grpx_map_pages,
	.unmap_pages = grpx_unmap_pages,
	.iova_to_phys = grpx_iova_to_phys,
	.free = grpx_domain_free,
};

static int grpx_attach_blocked(struct iommu_domain *domain, struct device *dev)
{
	struct grpx_master *master = dev_iommu_priv_get(dev);

	grpx_ste_clear(master); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

static const struct iommu_domain_ops grpx_blocked_ops = {
	.attach_dev = grpx_attach_blocked,
};

static struct iommu_domain grpx_blocked_domain = {
	.type = IOMMU_DOMAIN_BLOCKED,
	.ops = &grpx_blocked_ops,
};

/* ---- iommu_ops ---- */

static struct iommu_domain *grpx_domain_alloc_paging(struct device *dev)
{
	struct grpx_master *master = dev_iommu_priv_get(dev);
	struct grpx_domain *dom;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return ERR_PTR(-ENOMEM);
	dom->smmu = master->smmu;
	dom->domain.ops = &grpx_paging_ops;
	dom->domain.pgsize_bitmap = SZ_4K;
	dom->domain.geometry.aperture_end = DMA_BIT_MASK(32);
	dom->domain.geometry.force_aperture = true;
	return &dom->domain;
}

static struct iommu_device *grpx_probe_device(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct grpx_smmu *smmu = grpx_the_smmu;
	struct grpx_master *master;
	unsigned long flags;

	if (!smmu || !fwspec || !fwspec->num_ids)
		return ERR_PTR(-ENODEV);

	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	master->smmu = smmu;
	master->sid = fwspec->ids[0];
	dev_iommu_priv_set(dev, master);

	spin_lock_irqsave(&smmu->masters_lock, flags);
	list_add_tail(&master->node, &smmu->masters);
	spin_unlock_irqrestore(&smmu->masters_lock, flags);
	return &smmu->iommu;
}

static void grpx_release_device(struct device *dev)
{
	struct grpx_master *master = dev_iommu_priv_get(dev);
	unsigned long flags;

	spin_lock_irqsave(&master->smmu->masters_lock, flags);
	list_del(&master->node);
	spin_unlock_irqrestore(&master->smmu->masters_lock, flags);
	kfree(master);
}

/*
 * Called after the group mutex is dropped (iommu_probe_device(),
 * bus_iommu_probe()): installing the bypass entry here is outside it.
 */
static void grpx_probe_finalize(struct device *dev)
{
	struct grpx_master *master = dev_iommu_priv_get(dev);

	if (!master->ste_valid)
		grpx_ste_install(master, NULL); /* EXPECT: group-mutex-required */
}

static int grpx_def_domain_type(struct device *dev)
{
	struct grpx_master *master = dev_iommu_priv_get(dev);

	/* a master with live PASIDs must keep translating */
	return grpx_ste_bypass_ok(master) ? 0 : IOMMU_DOMAIN_DMA; /* EXPECT-NONE: group-mutex-required */
}

static void grpx_remove_dev_pasid(struct device *dev, ioasid_t pasid,
				  struct iommu_domain *domain)
{
	struct grpx_master *master = dev_iommu_priv_get(dev);

	grpx_cd_clear(master, pasid); /* EXPECT-NONE: group-mutex-required */
}

/* iommu_dev_enable_feature() calls this with no lock held */
static int grpx_dev_enable_feat(struct device *dev, enum iommu_dev_features f)
{
	struct grpx_master *master = dev_iommu_priv_get(dev);

	if (f != IOMMU_DEV_FEAT_SVA)
		return -EINVAL;
	/* start from a clean context table: PASID 0 is the kernel's */
	grpx_cd_clear(master, IOMMU_NO_PASID); /* EXPECT: group-mutex-required */
	return 0;
}

static int grpx_dev_disable_feat(struct device *dev, enum iommu_dev_features f)
{
	return f == IOMMU_DEV_FEAT_SVA ? 0 : -EINVAL;
}

static int grpx_of_xlate(struct device *dev, const struct of_phandle_args *args)
{
	u32 sid = args->args[0];

	return iommu_fwspec_add_ids(dev, &sid, 1);
}

static const struct iommu_ops grpx_iommu_ops = {
	.blocked_domain = &grpx_blocked_domain,
	.release_domain = &grpx_blocked_domain,
	.domain_alloc_paging = grpx_domain_alloc_paging,
	.probe_device = grpx_probe_device,
	.release_device = grpx_release_device,
	.probe_finalize = grpx_probe_finalize,
	.device_group = generic_device_group,
	.def_domain_type = grpx_def_domain_type,
	.remove_dev_pasid = grpx_remove_dev_pasid,
	.dev_enable_feat = grpx_dev_enable_feat,
	.dev_disable_feat = grpx_dev_disable_feat,
	.of_xlate = grpx_of_xlate,
	.pgsize_bitmap = SZ_4K,
	.owner = THIS_MODULE,
};

/* ---- platform driver: probe/remove under device_lock(&pdev->dev) ---- */

static int grpx_smmu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct grpx_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;
	smmu->dev = dev;
	spin_lock_init(&smmu->masters_lock);
	INIT_LIST_HEAD(&smmu->masters);
	platform_set_drvdata(pdev, smmu);

	smmu->evt_irq = platform_get_irq(pdev, 0);
	if (smmu->evt_irq < 0)
		return smmu->evt_irq;

	grpx_hw_reset(smmu); /* EXPECT-NONE: device-lock-required */

	ret = grpx_evt_init(smmu);
	if (ret)
		return ret;

	grpx_the_smmu = smmu;
	ret = iommu_device_register(&smmu->iommu, &grpx_iommu_ops, dev);
	if (ret) {
		grpx_the_smmu = NULL;
		grpx_evt_exit(smmu);
	}
	return ret;
}

static void grpx_smmu_remove(struct platform_device *pdev)
{
	struct grpx_smmu *smmu = platform_get_drvdata(pdev);

	iommu_device_unregister(&smmu->iommu);
	grpx_the_smmu = NULL;
	grpx_evt_exit(smmu);
}

static const struct of_device_id grpx_of_match[] = {
	{ .compatible = "corpus,grpx-smmu" },
	{ }
};
MODULE_DEVICE_TABLE(of, grpx_of_match);

static struct platform_driver grpx_smmu_driver = {
	.probe = grpx_smmu_probe,
	.remove = grpx_smmu_remove,
	.driver = {
		.name = "grpx-smmu",
		.of_match_table = grpx_of_match,
		.suppress_bind_attrs = true,
	},
};
module_platform_driver(grpx_smmu_driver);

MODULE_DESCRIPTION("corpus: iommu driver with group-mutex helpers");
MODULE_LICENSE("GPL");
