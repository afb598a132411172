/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mtkx: an MTK-M4U-like IOMMU, shaped on drivers/iommu/mtk_iommu.c and
 * drivers/memory/mtk-smi.c of Linux 6.12: the IOMMU platform driver and
 * its iommu_ops (mtkx_iommu.c), port/bank helpers whose contract is the
 * iommu group mutex or a device lock (mtkx_hw.c), and the SMI "larb"
 * platform driver the IOMMU finds by phandle (mtkx_larb.c).
 */
#ifndef _MTKX_H
#define _MTKX_H

#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

#define MTKX_LARB_NR	4

struct mtkx_larb {
	struct device *dev;
	u32 mmu;		/* ports routed through the IOMMU */
	u32 saved_mmu;
};

struct mtkx_data {
	struct device *dev;		/* the IOMMU's platform device */
	struct iommu_device iommu;
	struct mutex tlb_lock;
	struct work_struct reset_work;
	struct dentry *dbg;
	struct device *fault_dev;	/* master of the last fault */
	struct platform_device *larbs[MTKX_LARB_NR];
	unsigned int nr_larbs;
	bool enabled;
	u32 flushes;
};

struct mtkx_master {
	struct mtkx_data *data;
	struct device *larbdev;		/* the larb this master sits behind */
	u32 port;
	bool secure;
	bool enabled;
};

struct mtkx_domain {
	struct iommu_domain domain;
	struct mtkx_data *data;
};

/* mtkx_hw.c: helpers that need the iommu group mutex of @dev */
int mtkx_hw_config_port(struct device *dev, bool enable);
bool mtkx_hw_port_secure(struct device *dev);
void mtkx_hw_flush_port(struct device *dev);

/* mtkx_hw.c: helpers that need a device lock */
int mtkx_larb_set_mmu_locked(struct device *larbdev, u32 mmu);
void mtkx_iommu_hw_init(struct device *iommu_dev);
void mtkx_iommu_hw_reset(struct mtkx_data *data);

/* mtkx_hw.c: TLB maintenance under tlb_lock */
int mtkx_tlb_flush_range(struct mtkx_data *data, unsigned long iova, size_t size);
int mtkx_tlb_flush_all(struct mtkx_data *data);

/* mtkx_larb.c */
int mtkx_larb_driver_init(void);
void mtkx_larb_driver_exit(void);

#endif /* _MTKX_H */
