// SPDX-License-Identifier: GPL-2.0
/*
 * smmx stream-table helpers.  The stream table entry of a device is
 * shared by every device of its iommu_group (aliased stream IDs), so it is
 * written only under the group's mutex, which the IOMMU core holds around
 * the attach callbacks (drivers/iommu/iommu.c:
 * __iommu_group_set_domain_internal(), __iommu_probe_device(),
 * iommu_deinit_device()) and around the callbacks of
 * iommu_group_for_each_dev().
 */
#include <linux/device.h>
#include <linux/iommu.h>

#include "smmx.h"

void smmx_write_ste(struct smmx_master *master, u64 ste)
{
	iommu_group_mutex_assert(master->dev);

	WRITE_ONCE(master->ste, ste | SMMX_STE_VALID);
}

bool smmx_ste_valid(struct smmx_master *master)
{
	iommu_group_mutex_assert(master->dev);

	return READ_ONCE(master->ste) & SMMX_STE_VALID;
}

void smmx_disable_pri(struct smmx_master *master)
{
	iommu_group_mutex_assert(master->dev);

	master->pri_enabled = false;
}
