// SPDX-License-Identifier: GPL-2.0
/*
 * smmx iommu_ops and platform driver.
 *
 * What drivers/iommu/iommu.c (6.12) holds around each callback used here:
 *   ->probe_device, ->device_group   iommu_init_device(), under
 *                     iommu_probe_device_lock; no group exists yet
 *   ->is_attach_deferred  iommu_init_device(), after dev->iommu_group is
 *                     set but before __iommu_probe_device() takes
 *                     group->mutex: not held
 *   ->dev_disable_feat  iommu_dev_disable_feature(), called by device
 *                     drivers (drivers/dma/idxd/init.c, drivers/misc/
 *                     uacce/uacce.c): not held
 *   identity/blocked ->attach_dev  __iommu_device_set_domain() from
 *                     __iommu_group_set_domain_internal() and
 *                     __iommu_probe_device(), and the release_domain in
 *                     iommu_deinit_device(): group->mutex held.  (Only
 *                     a DMA domain is ever attached late, by
 *                     iommu_deferred_attach(), without it.)
 *   ->release_device  iommu_deinit_device() with group->mutex, but also
 *                     iommu_init_device()'s error path without it
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "smmx.h"

struct smmx_domain {
	struct iommu_domain domain;
	spinlock_t lock;
};

static struct platform_driver smmx_driver;

static struct smmx_device *smmx_get_by_fwnode(struct fwnode_handle *fwnode)
{
	struct device *dev = driver_find_device_by_fwnode(&smmx_driver.driver,
							  fwnode);

	put_device(dev);
	return dev ? dev_get_drvdata(dev) : NULL;
}

/* only smmx_attach_identity() calls it */
static void smmx_install_bypass(struct smmx_master *master)
{
	smmx_write_ste(master, SMMX_STE_BYPASS); /* EXPECT-NONE: group-mutex-required @bypass */
}

static int smmx_attach_identity(struct iommu_domain *domain, struct device *dev)
{
	struct smmx_master *master = dev_iommu_priv_get(dev);

	smmx_install_bypass(master); /* EXPECT-NONE: group-mutex-required @bypass */
	return 0;
}

static const struct iommu_domain_ops smmx_identity_ops = {
	.attach_dev = smmx_attach_identity,
};

static struct iommu_domain smmx_identity_domain = {
	.type = IOMMU_DOMAIN_IDENTITY,
	.ops = &smmx_identity_ops,
};

static int smmx_attach_blocked(struct iommu_domain *domain, struct device *dev)
{
	struct smmx_master *master = dev_iommu_priv_get(dev);

	smmx_disable_pri(master); /* EXPECT-NONE: group-mutex-required */
	smmx_write_ste(master, SMMX_STE_ABORT); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

static const struct iommu_domain_ops smmx_blocked_ops = {
	.attach_dev = smmx_attach_blocked,
};

static struct iommu_domain smmx_blocked_domain = {
	.type = IOMMU_DOMAIN_BLOCKED,
	.ops = &smmx_blocked_ops,
};

/*
 * A DMA domain may be attached by iommu_deferred_attach() from the DMA
 * API without the group mutex (kdump, see smmx_is_attach_deferred()), so
 * this one writes the entry under the masters lock, not through the
 * group-locked helpers.
 */
static int smmx_attach_paging(struct iommu_domain *domain, struct device *dev)
{
	struct smmx_master *master = dev_iommu_priv_get(dev);
	struct smmx_device *smmu = master->smmu;
	unsigned long flags;

	spin_lock_irqsave(&smmu->masters_lock, flags);
	WRITE_ONCE(master->ste, SMMX_STE_TRANSLATE | SMMX_STE_VALID);
	spin_unlock_irqrestore(&smmu->masters_lock, flags);
	return 0;
}

static int smmx_map_pages(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t smmx_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	return pgsize * pgcount;
}

static phys_addr_t smmx_iova_to_phys(struct iommu_domain *domain,
				     dma_addr_t iova)
{
	return 0;
}

static void smmx_domain_free(struct iommu_domain *domain)
{
	kfree(container_of(domain, struct smmx_domain, domain));
}

static const struct iommu_domain_ops smmx_paging_ops = {
	.attach_dev	= smmx_attach_paging,
	.map_pages	= smmx_map_pages,
	.unmap_pages	= smmx_unmap_pages,
	.iova_to_phys	= smmx_iova_to_phys,
	.free		= smmx_domain_free,
};

static struct iommu_domain *smmx_domain_alloc_paging(struct device *dev)
{
	struct smmx_domain *sd;

	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	if (!sd)
		return NULL;
	spin_lock_init(&sd->lock);
	return &sd->domain;
}

static struct iommu_device *smmx_probe_device(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct smmx_master *master;
	struct smmx_device *smmu;

	if (!fwspec || fwspec->num_ids != 1)
		return ERR_PTR(-ENODEV);

	smmu = smmx_get_by_fwnode(fwspec->iommu_fwnode);
	if (!smmu)
		return ERR_PTR(-ENODEV);

	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	master->smmu = smmu;
	master->sid = fwspec->ids[0];
	dev_iommu_priv_set(dev, master);

	spin_lock_irq(&smmu->masters_lock);
	list_add_tail(&master->node, &smmu->masters);
	spin_unlock_irq(&smmu->masters_lock);

	return &smmu->iommu;
}

static void smmx_release_device(struct device *dev)
{
	struct smmx_master *master = dev_iommu_priv_get(dev);
	struct smmx_device *smmu = master->smmu;

	spin_lock_irq(&smmu->masters_lock);
	list_del(&master->node);
	spin_unlock_irq(&smmu->masters_lock);
	kfree(master);
}

/*
 * A kdump kernel finds the stream table the crashed kernel left live:
 * defer the attach until the first DMA map, as amd/iommu.c:
 * amd_iommu_is_attach_deferred() and intel/iommu.c:
 * intel_iommu_is_attach_deferred() do.
 */
static bool smmx_is_attach_deferred(struct device *dev)
{
	struct smmx_master *master = dev_iommu_priv_get(dev);

	return smmx_ste_valid(master); /* EXPECT: group-mutex-required */
}

static int smmx_dev_enable_feat(struct device *dev, enum iommu_dev_features feat)
{
	struct smmx_master *master = dev_iommu_priv_get(dev);

	if (feat != IOMMU_DEV_FEAT_IOPF)
		return -EINVAL;
	master->pri_enabled = true;
	return 0;
}

/* amd/iommu.c:amd_iommu_dev_disable_feature() shape */
static int smmx_dev_disable_feat(struct device *dev, enum iommu_dev_features feat)
{
	struct smmx_master *master = dev_iommu_priv_get(dev);

	if (feat != IOMMU_DEV_FEAT_IOPF)
		return -EINVAL;
	smmx_disable_pri(master); /* EXPECT: group-mutex-required */
	return 0;
}

static int smmx_of_xlate(struct device *dev, const struct of_phandle_args *args)
{
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops smmx_ops = {
	.identity_domain	= &smmx_identity_domain,
	.blocked_domain		= &smmx_blocked_domain,
	.release_domain		= &smmx_blocked_domain,
	.domain_alloc_paging	= smmx_domain_alloc_paging,
	.probe_device		= smmx_probe_device,
	.release_device		= smmx_release_device,
	.device_group		= generic_device_group,
	.of_xlate		= smmx_of_xlate,
	.is_attach_deferred	= smmx_is_attach_deferred,
	.dev_enable_feat	= smmx_dev_enable_feat,
	.dev_disable_feat	= smmx_dev_disable_feat,
	.default_domain_ops	= &smmx_paging_ops,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.owner			= THIS_MODULE,
};

static int smmx_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct smmx_device *smmu;
	int irq, ret;

	smmu = devm_kzalloc(dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;
	smmu->dev = dev;
	spin_lock_init(&smmu->masters_lock);
	INIT_LIST_HEAD(&smmu->masters);
	INIT_WORK(&smmu->evt_work, smmx_evt_work);
	platform_set_drvdata(pdev, smmu);

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	ret = devm_request_threaded_irq(dev, irq, NULL, smmx_evt_thread,
					IRQF_ONESHOT, dev_name(dev), smmu);
	if (ret)
		return ret;

	ret = smmx_add_pmu(smmu);
	if (ret)
		return ret;

	ret = iommu_device_sysfs_add(&smmu->iommu, dev, NULL, "%s",
				     dev_name(dev));
	if (ret)
		goto del_pmu;

	ret = iommu_device_register(&smmu->iommu, &smmx_ops, dev);
	if (ret)
		goto sysfs_remove;
	return 0;

sysfs_remove:
	iommu_device_sysfs_remove(&smmu->iommu);
del_pmu:
	platform_device_unregister(smmu->pmu);
	return ret;
}

static void smmx_remove(struct platform_device *pdev)
{
	struct smmx_device *smmu = platform_get_drvdata(pdev);

	iommu_device_unregister(&smmu->iommu);
	iommu_device_sysfs_remove(&smmu->iommu);
	cancel_work_sync(&smmu->evt_work);
	platform_device_unregister(smmu->pmu);
}

static const struct of_device_id smmx_of_match[] = {
	{ .compatible = "corpus,smmx" },
	{ }
};
MODULE_DEVICE_TABLE(of, smmx_of_match);

static struct platform_driver smmx_driver = {
	.probe	= smmx_probe,
	.remove	= smmx_remove,
	.driver	= {
		.name			= "smmx",
		.of_match_table		= smmx_of_match,
		.suppress_bind_attrs	= true,
	},
};
module_platform_driver(smmx_driver);

MODULE_DESCRIPTION("IOMMU with group-locked stream table helpers (corpus)");
MODULE_LICENSE("GPL");
