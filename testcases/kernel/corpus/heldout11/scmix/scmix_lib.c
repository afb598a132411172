// SPDX-License-Identifier: GPL-2.0
/*
 * scmix_lib.c - helpers of the scmix driver with locking contracts on the
 * device they are given: device_lock_assert() (as drivers/cxl/core/port.c's
 * dport helpers), a _locked name (drivers/cxl/core/port.c:
 * cxl_decoder_add_locked()), and iommu_group_mutex_assert() (as
 * drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:arm_smmu_alloc_cd_ptr() and
 * drivers/iommu/amd/iommu.c:amd_iommu_set_gcr3() assert the group mutex).
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include "scmix.h"

/* Resynchronise the agent's view of the device; device lock held. */
int scmix_lib_sync(struct device *dev)
{
	struct scmix_conf *sc = dev_get_drvdata(dev);

	device_lock_assert(dev);

	if (!sc)
		return -ENODEV;
	sc->synced++;
	return 0;
}

/* Drop the agent state of the device; its device lock is held by the caller. */
void scmix_lib_teardown_locked(struct device *dev)
{
	struct scmix_conf *sc = dev_get_drvdata(dev);

	if (sc)
		sc->state = 0;
}

/* Sync one member of an IOMMU group; the group's mutex is held by the caller. */
int scmix_lib_group_sync(struct device *dev)
{
	iommu_group_mutex_assert(dev);

	dev_dbg(dev, "group member synced\n");
	return 0;
}
