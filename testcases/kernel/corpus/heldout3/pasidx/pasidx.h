/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pasidx: an IOMMU driver in the shape of drivers/iommu/amd/ (per-device
 * data, PASID table helpers in one file that assert the iommu group's
 * mutex, drivers/iommu/amd/iommu.c:amd_iommu_set_gcr3()) and
 * drivers/iommu/arm/arm-smmu-v3/ and arm-smmu/ (platform driver, event
 * queue thread, PM callbacks).  Helpers in pasidx_tbl.c, callers in
 * pasidx_main.c.
 */
#ifndef PASIDX_H
#define PASIDX_H

#include <linux/iommu.h>
#include <linux/platform_device.h>

struct pasidx_smmu {
	struct device *dev;		/* the SMMU's platform device */
	struct iommu_device iommu;
	struct platform_device *pmu;
	bool enabled;
	u32 gerror;
	/* the client and PASID of the last event queue record */
	struct pasidx_dev_data *fault_dd;
	ioasid_t fault_pasid;
};

struct pasidx_dev_data {
	struct device *dev;		/* the client (master) device */
	struct pasidx_smmu *smmu;
	u64 table[8];
	int pasid_cnt;
};

struct pasidx_domain {
	struct iommu_domain domain;
};

int pasidx_set_table(struct pasidx_dev_data *dd, ioasid_t pasid, u64 val);
int pasidx_clear_table(struct pasidx_dev_data *dd, ioasid_t pasid);
int pasidx_hw_disable(struct pasidx_smmu *smmu);
int pasidx_hw_enable(struct pasidx_smmu *smmu);

#endif
