// SPDX-License-Identifier: GPL-2.0
/*
 * pasidx table and hardware helpers with a lock contract.
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include "pasidx.h"

/*
 * Shape: drivers/iommu/amd/iommu.c:amd_iommu_set_gcr3() (and
 * drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:arm_smmu_alloc_cd_ptr()):
 * the PASID table of a client device is only changed under its iommu
 * group's mutex, asserted with iommu_group_mutex_assert() (6.12
 * drivers/iommu/iommu.c: lockdep_assert_held(&group->mutex)).
 */
int pasidx_set_table(struct pasidx_dev_data *dd, ioasid_t pasid, u64 val)
{
	iommu_group_mutex_assert(dd->dev);

	if (pasid >= ARRAY_SIZE(dd->table))
		return -EINVAL;
	dd->table[pasid] = val | 1;
	dd->pasid_cnt++;
	return 0;
}

/* Shape: drivers/iommu/amd/iommu.c:amd_iommu_clear_gcr3(). */
int pasidx_clear_table(struct pasidx_dev_data *dd, ioasid_t pasid)
{
	iommu_group_mutex_assert(dd->dev);

	if (pasid >= ARRAY_SIZE(dd->table))
		return -EINVAL;
	dd->table[pasid] = 0;
	dd->pasid_cnt--;
	return 0;
}

/*
 * Shape: drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:
 * arm_smmu_device_disable() for the job; the contract (the SMMU's own
 * platform device locked, so that probe/remove cannot race) as
 * net/devlink/dev.c:devlink_reload() asserts it.
 */
int pasidx_hw_disable(struct pasidx_smmu *smmu)
{
	device_lock_assert(smmu->dev);

	smmu->enabled = false;
	return 0;
}

/* Same contract. */
int pasidx_hw_enable(struct pasidx_smmu *smmu)
{
	device_lock_assert(smmu->dev);

	smmu->enabled = true;
	return 0;
}
