/* SPDX-License-Identifier: GPL-2.0 */
/*
 * grpx: an IOMMU driver with stream tables and per-PASID context
 * descriptors, shaped as drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c and
 * drivers/iommu/amd/iommu.c, whose table helpers call
 * iommu_group_mutex_assert(): amd_iommu_set_gcr3(), amd_iommu_clear_gcr3()
 * (drivers/iommu/amd/iommu.c), arm_smmu_alloc_cd_ptr() (arm-smmu-v3.c).
 *
 * grpx_ste.c: the helpers; grpx_iommu.c: the iommu_ops and the platform
 * driver; grpx_evt.c: the event queue thread and debugfs.
 */
#ifndef GRPX_H
#define GRPX_H

#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct dentry;

struct grpx_smmu {
	struct device *dev;
	struct iommu_device iommu;
	spinlock_t masters_lock;	/* protects masters; not the group mutex */
	struct list_head masters;
	int evt_irq;
	u32 gerror;
	struct dentry *debugfs;
};

struct grpx_domain {
	struct iommu_domain domain;
	struct grpx_smmu *smmu;
};

struct grpx_master {
	struct device *dev;
	struct grpx_smmu *smmu;
	struct grpx_domain *domain;
	struct list_head node;
	u32 sid;
	bool ste_valid;
	bool bypass;
	u64 cd_valid;			/* one bit per PASID below 64 */
};

static inline struct grpx_domain *to_grpx_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct grpx_domain, domain);
}

/* grpx_ste.c: callers hold the iommu group mutex of master->dev */
void grpx_ste_install(struct grpx_master *master, struct grpx_domain *dom);
void grpx_ste_clear(struct grpx_master *master);
int grpx_cd_write(struct grpx_master *master, ioasid_t pasid,
		  struct grpx_domain *dom);
void grpx_cd_clear(struct grpx_master *master, ioasid_t pasid);
bool grpx_ste_bypass_ok(struct grpx_master *master);

/* grpx_evt.c */
void grpx_hw_reset(struct grpx_smmu *smmu);
int grpx_evt_init(struct grpx_smmu *smmu);
void grpx_evt_exit(struct grpx_smmu *smmu);

#endif /* GRPX_H */
