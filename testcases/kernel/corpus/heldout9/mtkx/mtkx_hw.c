// SPDX-License-Identifier: GPL-2.0
/*
 * mtkx port, bank and TLB helpers, shaped on mtk_iommu.c:mtk_iommu_config()
 * and mtk_iommu_tlb_flush_range_sync() of Linux 6.12.  The port helpers
 * assert the iommu group mutex of the master device with
 * iommu_group_mutex_assert(), as drivers/iommu/amd/iommu.c:
 * amd_iommu_set_gcr3() and arm-smmu-v3.c:arm_smmu_alloc_cd_ptr() do.
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/lockdep.h>

#include "mtkx.h"

int mtkx_hw_config_port(struct device *dev, bool enable)
{
	struct mtkx_master *mm = dev_iommu_priv_get(dev);

	iommu_group_mutex_assert(dev);
	if (!mm)
		return -ENODEV;
	mm->enabled = enable;
	return 0;
}

bool mtkx_hw_port_secure(struct device *dev)
{
	struct mtkx_master *mm = dev_iommu_priv_get(dev);

	iommu_group_mutex_assert(dev);
	return mm && mm->secure;
}

void mtkx_hw_flush_port(struct device *dev)
{
	struct mtkx_master *mm = dev_iommu_priv_get(dev);

	iommu_group_mutex_assert(dev);
	if (mm)
		mm->data->flushes++;
}

/*
 * _locked: the caller holds device_lock(larbdev); the larb's MMU routing
 * belongs to its bound driver (mtkx_larb.c), as mtk-smi.c's larb->mmu.
 */
int mtkx_larb_set_mmu_locked(struct device *larbdev, u32 mmu)
{
	struct mtkx_larb *larb = dev_get_drvdata(larbdev);

	if (!larbdev->driver || !larb)
		return -EPROBE_DEFER;
	larb->mmu = mmu;
	return 0;
}

/**
 * mtkx_iommu_hw_init - program the IOMMU's global registers
 * @iommu_dev: the IOMMU's platform device
 *
 * Context: Process context. Caller holds the device lock of @iommu_dev.
 */
void mtkx_iommu_hw_init(struct device *iommu_dev)
{
	struct mtkx_data *data = dev_get_drvdata(iommu_dev);

	data->enabled = true;
}

/* the contract is an assert on the device kept in the struct */
void mtkx_iommu_hw_reset(struct mtkx_data *data)
{
	device_lock_assert(data->dev);
	data->enabled = false;
	data->flushes = 0;
}

/*
 * Both returns report success; the empty-range one keeps tlb_lock, so
 * the caller cannot tell.
 */
int mtkx_tlb_flush_range(struct mtkx_data *data, unsigned long iova, size_t size)
{
	mutex_lock(&data->tlb_lock);
	if (!size)
		return 0; /* EXPECT: lock-imbalance */
	data->flushes += size >> 12;
	mutex_unlock(&data->tlb_lock);
	return 0;
}

/* twin: the early exit jumps to the unlock */
int mtkx_tlb_flush_all(struct mtkx_data *data)
{
	mutex_lock(&data->tlb_lock);
	if (!data->enabled)
		goto out;
	data->flushes++;
out:
	mutex_unlock(&data->tlb_lock);
	return 0; /* EXPECT-NONE: lock-imbalance */
}
