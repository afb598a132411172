// SPDX-License-Identifier: GPL-2.0
/*
 * smmul: a small IOMMU driver module whose per-master context table is
 * protected by the iommu group's mutex, as arm-smmu-v3's CD table and
 * amd/iommu.c's GCR3 table are.  The iommu core calls attach_dev
 * (drivers/iommu/iommu.c:__iommu_attach_device(), iommu_deinit_device()),
 * set_dev_pasid (__iommu_set_group_pasid()) and remove_dev_pasid
 * (__iommu_remove_group_pasid()) with group->mutex held; an interrupt
 * thread or a work item of the driver holds it never, and a module cannot
 * take it (struct iommu_group is private to iommu.c).
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#define SMMUL_MAX_SSID	64

struct smmul_device {
	struct iommu_device iommu;
	struct device *dev;
	struct smmul_master *fault_master;
	u32 fault_ssid;
};

struct smmul_master {
	struct device *dev;
	struct smmul_device *smmu;
	u64 *cd_table;
	u32 stale_ssid;
	struct work_struct stale_work;
};

struct smmul_domain {
	struct iommu_domain domain;
};

/*
 * Shape: drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:
 * arm_smmu_alloc_cd_ptr(): the CD table is allocated under the group
 * mutex, which it asserts.
 */
static u64 *smmul_alloc_cd(struct smmul_master *master, u32 ssid)
{
	iommu_group_mutex_assert(master->dev);

	if (ssid >= SMMUL_MAX_SSID)
		return NULL;
	if (!master->cd_table) {
		master->cd_table = kcalloc(SMMUL_MAX_SSID, sizeof(u64), GFP_KERNEL);
		if (!master->cd_table)
			return NULL;
	}
	return &master->cd_table[ssid];
}

/*
 * Shape: drivers/iommu/amd/iommu.c:amd_iommu_clear_gcr3(): asserts the
 * group mutex before clearing an entry.
 */
static void smmul_clear_cd(struct smmul_master *master, u32 ssid)
{
	iommu_group_mutex_assert(master->dev);

	if (master->cd_table && ssid < SMMUL_MAX_SSID)
		master->cd_table[ssid] = 0;
}

static int smmul_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct smmul_master *master = dev_iommu_priv_get(dev);
	u64 *cd;

	cd = smmul_alloc_cd(master, 0); /* EXPECT-NONE: group-mutex-required */
	if (!cd)
		return -ENOMEM;
	*cd = 1;
	return 0;
}

static int smmul_set_dev_pasid(struct iommu_domain *domain, struct device *dev,
			       ioasid_t pasid, struct iommu_domain *old)
{
	struct smmul_master *master = dev_iommu_priv_get(dev);
	u64 *cd;

	cd = smmul_alloc_cd(master, pasid); /* EXPECT-NONE: group-mutex-required */
	if (!cd)
		return -ENOMEM;
	*cd = 1;
	return 0;
}

static void smmul_remove_dev_pasid(struct device *dev, ioasid_t pasid,
				   struct iommu_domain *domain)
{
	struct smmul_master *master = dev_iommu_priv_get(dev);

	smmul_clear_cd(master, pasid); /* EXPECT-NONE: group-mutex-required */
}

/*
 * A work item that drops a stale context descriptor: no group mutex.
 * Shape: drivers/iommu/amd/iommu.c:amd_iommu_clear_gcr3()'s callers, here
 * reached from the driver's own work.
 */
static void smmul_stale_work(struct work_struct *work)
{
	struct smmul_master *master = container_of(work, struct smmul_master, stale_work);

	smmul_clear_cd(master, master->stale_ssid); /* EXPECT: group-mutex-required */
}

/*
 * Shape: drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:arm_smmu_evtq_thread(),
 * the event queue's threaded handler; this one installs a descriptor for
 * a faulting SSID itself, outside the group mutex.
 */
static irqreturn_t smmul_evtq_thread(int irq, void *data)
{
	struct smmul_device *smmu = data;
	struct smmul_master *master = smmu->fault_master;
	u64 *cd;

	if (!master)
		return IRQ_NONE;
	cd = smmul_alloc_cd(master, smmu->fault_ssid); /* EXPECT: group-mutex-required */
	if (cd)
		*cd = 0;
	schedule_work(&master->stale_work);
	return IRQ_HANDLED;
}

static struct iommu_domain *smmul_domain_alloc_paging(struct device *dev)
{
	struct smmul_domain *sd = kzalloc(sizeof(*sd), GFP_KERNEL);

	return sd ? &sd->domain : ERR_PTR(-ENOMEM);
}

static void smmul_domain_free(struct iommu_domain *domain)
{
	kfree(container_of(domain, struct smmul_domain, domain));
}

static struct smmul_device *smmul_instance;

static struct iommu_device *smmul_probe_device(struct device *dev)
{
	struct smmul_master *master;

	if (!smmul_instance)
		return ERR_PTR(-ENODEV);
	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	master->smmu = smmul_instance;
	INIT_WORK(&master->stale_work, smmul_stale_work);
	dev_iommu_priv_set(dev, master);
	return &smmul_instance->iommu;
}

static void smmul_release_device(struct device *dev)
{
	struct smmul_master *master = dev_iommu_priv_get(dev);

	cancel_work_sync(&master->stale_work);
	kfree(master->cd_table);
	kfree(master);
}

static const struct iommu_ops smmul_ops = {
	.domain_alloc_paging	= smmul_domain_alloc_paging,
	.probe_device		= smmul_probe_device,
	.release_device		= smmul_release_device,
	.device_group		= generic_device_group,
	.remove_dev_pasid	= smmul_remove_dev_pasid,
	.owner			= THIS_MODULE,
	.default_domain_ops = &(const struct iommu_domain_ops) {
		.attach_dev	= smmul_attach_dev,
		.set_dev_pasid	= smmul_set_dev_pasid,
		.free		= smmul_domain_free,
	},
};

static int smmul_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct smmul_device *smmu;
	int irq, ret;

	smmu = devm_kzalloc(dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;
	smmu->dev = dev;
	platform_set_drvdata(pdev, smmu);

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	ret = devm_request_threaded_irq(dev, irq, NULL, smmul_evtq_thread,
					IRQF_ONESHOT, "smmul-evtq", smmu);
	if (ret)
		return ret;

	smmul_instance = smmu;
	ret = iommu_device_sysfs_add(&smmu->iommu, dev, NULL, "smmul.%s", dev_name(dev));
	if (ret)
		return ret;
	ret = iommu_device_register(&smmu->iommu, &smmul_ops, dev);
	if (ret)
		iommu_device_sysfs_remove(&smmu->iommu);
	return ret;
}

static void smmul_remove(struct platform_device *pdev)
{
	struct smmul_device *smmu = platform_get_drvdata(pdev);

	iommu_device_unregister(&smmu->iommu);
	iommu_device_sysfs_remove(&smmu->iommu);
	smmul_instance = NULL;
}

static const struct of_device_id smmul_of_match[] = {
	{ .compatible = "example,smmu-lite" },
	{ }
};
MODULE_DEVICE_TABLE(of, smmul_of_match);

static struct platform_driver smmul_driver = {
	.driver = {
		.name = "smmu-lite",
		.of_match_table = smmul_of_match,
	},
	.probe = smmul_probe,
	.remove = smmul_remove,
};
module_platform_driver(smmul_driver);

MODULE_DESCRIPTION("iommu-lockcheck held-out corpus 2: an IOMMU driver");
MODULE_LICENSE("GPL");
