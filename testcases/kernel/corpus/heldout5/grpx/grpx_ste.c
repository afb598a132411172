// SPDX-License-Identifier: GPL-2.0
/*
 * Stream table and context descriptor helpers.  Each one asserts the iommu
 * group mutex of the master's device with iommu_group_mutex_assert()
 * (drivers/iommu/iommu.c), as amd_iommu_set_gcr3() does: the table
 * entry of a device may only change under the lock the iommu core holds
 * around attach_dev, set_dev_pasid and remove_dev_pasid.
 */
#include <linux/bitops.h>
#include <linux/iommu.h>
#include "grpx.h"

void grpx_ste_install(struct grpx_master *master, struct grpx_domain *dom)
{
	iommu_group_mutex_assert(master->dev);

	master->domain = dom;
	master->bypass = !dom;
	master->ste_valid = true;
}

void grpx_ste_clear(struct grpx_master *master)
{
	iommu_group_mutex_assert(master->dev);

	master->ste_valid = false;
	master->domain = NULL;
	master->cd_valid = 0;
}

int grpx_cd_write(struct grpx_master *master, ioasid_t pasid,
		  struct grpx_domain *dom)
{
	iommu_group_mutex_assert(master->dev);

	if (pasid >= BITS_PER_TYPE(master->cd_valid) || !master->ste_valid)
		return -EINVAL;
	master->cd_valid |= BIT_ULL(pasid);
	return 0;
}

void grpx_cd_clear(struct grpx_master *master, ioasid_t pasid)
{
	iommu_group_mutex_assert(master->dev);

	if (pasid < BITS_PER_TYPE(master->cd_valid))
		master->cd_valid &= ~BIT_ULL(pasid);
}

bool grpx_ste_bypass_ok(struct grpx_master *master)
{
	iommu_group_mutex_assert(master->dev);

	return !master->cd_valid;
}
