// SPDX-License-Identifier: GPL-2.0
/*
 * mcbx_iommu.c - an IOMMU cell on the mcbx bus.
 *
 * Its stream-table helpers assert the iommu group mutex of the master,
 * as drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:arm_smmu_alloc_cd_ptr()
 * and drivers/iommu/amd/iommu.c's dev_data helpers call
 * iommu_group_mutex_assert().  drivers/iommu/iommu.c holds group->mutex
 * around iommu_domain_ops.attach_dev (__iommu_attach_device() from
 * __iommu_group_set_domain_internal()), .set_dev_pasid and
 * iommu_ops.remove_dev_pasid (iommu_attach_device_pasid(),
 * iommu_detach_device_pasid()), and .def_domain_type
 * (iommu_get_default_domain_type() asserts it); not around
 * .probe_finalize (iommu_probe_device() after the unlock, and
 * bus_iommu_probe()'s "Mis-locked" loop) nor .dev_enable_feat
 * (iommu_dev_enable_feature() takes no lock), nor the fault IRQ thread.
 *
 * As an mcbx driver its .probe/.remove/.shutdown are called by
 * mcbx_bus.c's bus callbacks under the cell's device lock.  Its dev_pm_ops
 * system-sleep callbacks run under device_lock(dev) too
 * (drivers/base/power/main.c: device_suspend() / device_resume() lock the
 * device around dpm_run_callback(); mcbx_bus_type has no .pm, so the
 * driver's callback is the one run); its runtime PM callbacks do not
 * (drivers/base/power/runtime.c:rpm_callback() holds only
 * dev->power.lock, dropped around the call).
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/sizes.h>

#include "mcbx.h"

#define MCBX_MAX_SID		64
#define MCBX_STE(sid)		(0x1000 + (sid) * 8)
#define MCBX_CD(sid, pasid)	(0x4000 + (sid) * 0x100 + (pasid) * 4)
#define MCBX_STE_VALID		BIT(0)
#define MCBX_STE_BYPASS		BIT(1)
#define MCBX_STE_ABORT		BIT(2)
#define MCBX_STE_PRI		BIT(3)
#define MCBX_FAULT		0x20

struct mcbx_iommu {
	struct mcbx_device *mdev;
	struct iommu_device iommu;
	void __iomem *regs;
	struct mcbx_master *masters[MCBX_MAX_SID];
};

struct mcbx_master {
	struct mcbx_iommu *mmu;
	struct device *dev;
	u32 sid;
	bool pri;
};

struct mcbx_domain {
	struct iommu_domain domain;
};

static struct mcbx_iommu *mcbx_iommu_instance;

/* the STE of @master: only under the iommu group mutex */
static void mcbx_ste_write(struct mcbx_master *master, ioasid_t pasid, u32 cfg)
{
	iommu_group_mutex_assert(master->dev);

	if (pasid == IOMMU_NO_PASID)
		writel(cfg, master->mmu->regs + MCBX_STE(master->sid));
	else
		writel(cfg, master->mmu->regs + MCBX_CD(master->sid, pasid));
}

static u32 mcbx_ste_read(struct mcbx_master *master)
{
	iommu_group_mutex_assert(master->dev);

	return readl(master->mmu->regs + MCBX_STE(master->sid));
}

/* .attach_dev: group->mutex held by the iommu core */
static int mcbx_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct mcbx_master *master = dev_iommu_priv_get(dev);

	mcbx_ste_write(master, IOMMU_NO_PASID, MCBX_STE_VALID); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

/* .set_dev_pasid: group->mutex held (iommu_attach_device_pasid()) */
static int mcbx_set_dev_pasid(struct iommu_domain *domain, struct device *dev,
			      ioasid_t pasid, struct iommu_domain *old)
{
	struct mcbx_master *master = dev_iommu_priv_get(dev);

	if (pasid >= 64)
		return -EINVAL;
	mcbx_ste_write(master, pasid, MCBX_STE_VALID); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

/* .remove_dev_pasid: group->mutex held (iommu_detach_device_pasid()) */
static void mcbx_remove_dev_pasid(struct device *dev, ioasid_t pasid,
				  struct iommu_domain *domain)
{
	struct mcbx_master *master = dev_iommu_priv_get(dev);

	mcbx_ste_write(master, pasid, 0); /* EXPECT-NONE: group-mutex-required */
}

/*
 * .def_domain_type: iommu_get_def_domain_type() from
 * iommu_get_default_domain_type(), which asserts group->mutex; a
 * firmware-programmed bypass STE asks for identity.
 */
static int mcbx_def_domain_type(struct device *dev)
{
	struct mcbx_master *master = dev_iommu_priv_get(dev);

	if (mcbx_ste_read(master) & MCBX_STE_BYPASS) /* EXPECT-NONE: group-mutex-required */
		return IOMMU_DOMAIN_IDENTITY;
	return 0;
}

/* .probe_finalize: after the core dropped group->mutex */
static void mcbx_probe_finalize(struct device *dev)
{
	struct mcbx_master *master = dev_iommu_priv_get(dev);

	if (master->pri)
		mcbx_ste_write(master, IOMMU_NO_PASID, MCBX_STE_VALID | MCBX_STE_PRI); /* EXPECT: group-mutex-required */
}

/* .dev_enable_feat: iommu_dev_enable_feature() holds no lock */
static int mcbx_dev_enable_feat(struct device *dev, enum iommu_dev_features feat)
{
	struct mcbx_master *master = dev_iommu_priv_get(dev);

	if (feat != IOMMU_DEV_FEAT_IOPF)
		return -EINVAL;
	master->pri = true;
	mcbx_ste_write(master, IOMMU_NO_PASID, MCBX_STE_VALID | MCBX_STE_PRI); /* EXPECT: group-mutex-required */
	return 0;
}

static int mcbx_dev_disable_feat(struct device *dev, enum iommu_dev_features feat)
{
	struct mcbx_master *master = dev_iommu_priv_get(dev);

	if (feat != IOMMU_DEV_FEAT_IOPF)
		return -EINVAL;
	master->pri = false;
	return 0;
}

static struct iommu_device *mcbx_probe_device(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct mcbx_iommu *mmu = mcbx_iommu_instance;
	struct mcbx_master *master;

	if (!mmu || !fwspec || fwspec->num_ids != 1 ||
	    fwspec->ids[0] >= MCBX_MAX_SID)
		return ERR_PTR(-ENODEV);

	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);

	master->mmu = mmu;
	master->dev = dev;
	master->sid = fwspec->ids[0];
	mmu->masters[master->sid] = master;
	dev_iommu_priv_set(dev, master);
	return &mmu->iommu;
}

static void mcbx_release_device(struct device *dev)
{
	struct mcbx_master *master = dev_iommu_priv_get(dev);

	master->mmu->masters[master->sid] = NULL;
	kfree(master);
}

static void mcbx_domain_free(struct iommu_domain *domain)
{
	kfree(container_of(domain, struct mcbx_domain, domain));
}

static const struct iommu_domain_ops mcbx_domain_ops = {
	.attach_dev = mcbx_attach_dev,
	.set_dev_pasid = mcbx_set_dev_pasid,
	.free = mcbx_domain_free,
};

static struct iommu_domain *mcbx_domain_alloc_paging(struct device *dev)
{
	struct mcbx_domain *md;

	md = kzalloc(sizeof(*md), GFP_KERNEL);
	if (!md)
		return ERR_PTR(-ENOMEM);
	md->domain.ops = &mcbx_domain_ops;
	md->domain.pgsize_bitmap = SZ_4K;
	md->domain.geometry.aperture_end = DMA_BIT_MASK(32);
	md->domain.geometry.force_aperture = true;
	return &md->domain;
}

static const struct iommu_ops mcbx_iommu_ops = {
	.domain_alloc_paging = mcbx_domain_alloc_paging,
	.probe_device = mcbx_probe_device,
	.release_device = mcbx_release_device,
	.probe_finalize = mcbx_probe_finalize,
	.device_group = generic_device_group,
	.dev_enable_feat = mcbx_dev_enable_feat,
	.dev_disable_feat = mcbx_dev_disable_feat,
	.def_domain_type = mcbx_def_domain_type,
	.remove_dev_pasid = mcbx_remove_dev_pasid,
	.default_domain_ops = &mcbx_domain_ops,
	.pgsize_bitmap = SZ_4K,
	.owner = THIS_MODULE,
};

/*
 * The fault IRQ thread, as arm-smmu-v3.c:arm_smmu_evtq_thread(): no
 * group mutex, no device lock.  A faulting stream is aborted; an
 * interrupt storm reroutes the cell's interrupt.
 */
static irqreturn_t mcbx_iommu_fault_thread(int irq, void *data)
{
	struct mcbx_iommu *mmu = data;
	u32 fault = readl(mmu->regs + MCBX_FAULT);
	struct mcbx_master *master;

	if (!fault)
		return IRQ_NONE;

	master = mmu->masters[fault & (MCBX_MAX_SID - 1)];
	if (master)
		mcbx_ste_write(master, IOMMU_NO_PASID, MCBX_STE_ABORT); /* EXPECT: group-mutex-required */

	if (fault & BIT(31))
		mcbx_dev_set_irq_locked(&mmu->mdev->dev, 0); /* EXPECT: device-lock-required */

	writel(fault, mmu->regs + MCBX_FAULT);
	return IRQ_HANDLED;
}

/* an mcbx driver's .probe: mcbx_probe() under device_lock(&mdev->dev) */
static int mcbx_iommu_probe(struct mcbx_device *mdev)
{
	struct device *dev = &mdev->dev;
	struct mcbx_iommu *mmu;
	int ret;

	mmu = devm_kzalloc(dev, sizeof(*mmu), GFP_KERNEL);
	if (!mmu)
		return -ENOMEM;
	mmu->mdev = mdev;
	mmu->regs = devm_ioremap(dev, mdev->mem.start, resource_size(&mdev->mem));
	if (!mmu->regs)
		return -ENOMEM;
	dev_set_drvdata(dev, mmu);

	ret = mcbx_dev_set_irq_locked(dev, mdev->irq); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	ret = devm_request_threaded_irq(dev, mdev->irq, NULL,
					mcbx_iommu_fault_thread, IRQF_ONESHOT,
					dev_name(dev), mmu);
	if (ret)
		return ret;

	ret = iommu_device_sysfs_add(&mmu->iommu, dev, NULL, "%s", dev_name(dev));
	if (ret)
		return ret;

	mcbx_iommu_instance = mmu;
	ret = iommu_device_register(&mmu->iommu, &mcbx_iommu_ops, dev);
	if (ret) {
		mcbx_iommu_instance = NULL;
		iommu_device_sysfs_remove(&mmu->iommu);
	}
	return ret;
}

/* .remove: mcbx_remove() under device_lock(&mdev->dev) */
static void mcbx_iommu_remove(struct mcbx_device *mdev)
{
	struct mcbx_iommu *mmu = dev_get_drvdata(&mdev->dev);

	iommu_device_unregister(&mmu->iommu);
	iommu_device_sysfs_remove(&mmu->iommu);
	mcbx_iommu_instance = NULL;
}

/* .shutdown: mcbx_shutdown(), device_shutdown() holds device_lock() */
static void mcbx_iommu_shutdown(struct mcbx_device *mdev)
{
	struct mcbx_iommu *mmu = dev_get_drvdata(&mdev->dev);

	writel(0, mmu->regs);
	mcbx_dev_set_irq_locked(&mmu->mdev->dev, 0); /* EXPECT-NONE: device-lock-required */
}

/* system sleep: device_resume() holds device_lock(dev) */
static int mcbx_iommu_resume(struct device *dev)
{
	struct mcbx_iommu *mmu = dev_get_drvdata(dev);

	mcbx_dev_enable(to_mcbx_device(dev)); /* EXPECT-NONE: device-lock-required */
	writel(1, mmu->regs);
	return 0;
}

static int mcbx_iommu_suspend(struct device *dev)
{
	struct mcbx_iommu *mmu = dev_get_drvdata(dev);

	writel(0, mmu->regs);
	return 0;
}

/* runtime PM: rpm_callback() holds no device lock */
static int mcbx_iommu_runtime_resume(struct device *dev)
{
	struct mcbx_iommu *mmu = dev_get_drvdata(dev);

	mcbx_dev_enable(mmu->mdev); /* EXPECT: device-lock-required */
	writel(1, mmu->regs);
	return 0;
}

static int mcbx_iommu_runtime_suspend(struct device *dev)
{
	return mcbx_iommu_suspend(dev);
}

static const struct dev_pm_ops mcbx_iommu_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(mcbx_iommu_suspend, mcbx_iommu_resume)
	RUNTIME_PM_OPS(mcbx_iommu_runtime_suspend, mcbx_iommu_runtime_resume, NULL)
};

static const u16 mcbx_iommu_ids[] = { MCBX_ID_IOMMU, 0 };

static struct mcbx_driver mcbx_iommu_driver = {
	.driver = {
		.name = "mcbx-iommu",
		.pm = pm_ptr(&mcbx_iommu_pm_ops),
		.suppress_bind_attrs = true,
	},
	.ids = mcbx_iommu_ids,
	.driver_managed_dma = true,
	.probe = mcbx_iommu_probe,
	.remove = mcbx_iommu_remove,
	.shutdown = mcbx_iommu_shutdown,
};

int mcbx_iommu_register(void)
{
	return mcbx_register_driver(&mcbx_iommu_driver);
}

void mcbx_iommu_unregister(void)
{
	mcbx_unregister_driver(&mcbx_iommu_driver);
}
