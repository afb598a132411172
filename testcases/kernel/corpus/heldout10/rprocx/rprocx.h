/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rprocx: a remote processor (a WCSS/Q6-like DSP) driven through the
 * remoteproc core, with firmware memory devices it creates and attaches to
 * an IOMMU domain of its own, as ath11k/ahb.c:ath11k_ahb_fw_resources_init().
 */
#ifndef _RPROCX_H
#define _RPROCX_H

#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/workqueue.h>

struct rprocx {
	struct device *dev;		/* &pdev->dev: the probed device */
	struct rproc *rproc;
	struct platform_device *fw_pdev;	/* created: "wifi-firmware" */
	struct platform_device *msa_pdev;	/* created: "msa-memory" */
	struct iommu_domain *domain;
	struct work_struct crash_work;
	unsigned long fault_iova;
	u32 boot_cfg;
	bool fw_ready;
};

/* rprocx_core.c: helpers with a lock contract */
void rprocx_cfg_apply(struct rprocx *rx);
int rprocx_fw_rebind_locked(struct rprocx *rx);
int rprocx_stream_map(struct device *dev, struct rprocx *rx);

/* rprocx_mem.c */
int rprocx_mem_init(struct rprocx *rx);
int rprocx_msa_init(struct rprocx *rx);
void rprocx_mem_exit(struct rprocx *rx);
int rprocx_mem_reconfigure(struct rprocx *rx);
int rprocx_msa_reconfigure(struct rprocx *rx);

#endif /* _RPROCX_H */
