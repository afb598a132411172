/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smmx: an IOMMU driver whose stream-table helpers call
 * iommu_group_mutex_assert(), as drivers/iommu/arm/arm-smmu-v3/
 * arm-smmu-v3.c:arm_smmu_alloc_cd_ptr() and drivers/iommu/amd/iommu.c:
 * amd_iommu_set_gcr3()/amd_iommu_clear_gcr3().  The helpers are in
 * smmx_ste.c; the iommu_ops in smmx_iommu.c; the event interrupt, its
 * work and the PMU child device in smmx_evt.c.
 */
#ifndef SMMX_H
#define SMMX_H

#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define SMMX_STE_ABORT		0x0ULL
#define SMMX_STE_BYPASS		0x1ULL
#define SMMX_STE_TRANSLATE	0x2ULL
#define SMMX_STE_VALID		0x8ULL

struct smmx_device {
	struct iommu_device iommu;
	struct device *dev;
	spinlock_t masters_lock;
	struct list_head masters;
	struct work_struct evt_work;
	u32 evt_sid;
	bool evt_fatal;
	struct platform_device *pmu;
};

struct smmx_master {
	struct device *dev;
	struct smmx_device *smmu;
	struct list_head node;
	u32 sid;
	u64 ste;
	bool pri_enabled;
};

/* smmx_ste.c: callers hold the iommu_group mutex of master->dev */
void smmx_write_ste(struct smmx_master *master, u64 ste);
bool smmx_ste_valid(struct smmx_master *master);
void smmx_disable_pri(struct smmx_master *master);

/* smmx_evt.c */
irqreturn_t smmx_evt_thread(int irq, void *cookie);
void smmx_evt_work(struct work_struct *work);
struct smmx_master *smmx_find_master(struct smmx_device *smmu, u32 sid);
int smmx_add_pmu(struct smmx_device *smmu);

#endif
