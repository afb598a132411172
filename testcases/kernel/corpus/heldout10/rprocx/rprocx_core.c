// SPDX-License-Identifier: GPL-2.0
/*
 * rprocx: helpers whose callers must hold a lock; called locked and
 * unlocked from rprocx_drv.c and rprocx_mem.c.
 */
#include <linux/bits.h>
#include <linux/device.h>
#include <linux/iommu.h>

#include "rprocx.h"

/*
 * Programs the boot configuration of the probed device.  The caller holds
 * device_lock(rx->dev), asserted as drivers/cxl/core/hdm.c:
 * devm_cxl_add_passthrough_decoder() asserts device_lock_assert(&port->dev).
 */
void rprocx_cfg_apply(struct rprocx *rx)
{
	device_lock_assert(rx->dev);
	rx->boot_cfg |= BIT(0);
}

/*
 * rprocx_fw_rebind_locked - re-read whether the firmware memory device is
 * bound.  The caller holds device_lock(&rx->fw_pdev->dev), the way
 * drivers/cxl/core/port.c:cxl_decoder_add_locked() wants its port's lock
 * (a _locked name and this comment, no assert).
 */
int rprocx_fw_rebind_locked(struct rprocx *rx)
{
	if (!rx->fw_pdev)
		return -ENODEV;
	rx->fw_ready = !!rx->fw_pdev->dev.driver;
	return 0;
}

/*
 * Maps the stream of @dev into rx->domain.  The caller holds the iommu
 * group mutex of @dev, as drivers/iommu/iommu.c:iommu_group_first_dev()
 * and the IOMMU drivers' helpers that call iommu_group_mutex_assert().
 */
int rprocx_stream_map(struct device *dev, struct rprocx *rx)
{
	iommu_group_mutex_assert(dev);
	if (!rx->domain)
		return -ENODEV;
	dev_dbg(dev, "stream mapped, last fault %lx\n", rx->fault_iova);
	return 0;
}
