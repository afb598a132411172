// SPDX-License-Identifier: GPL-2.0
/*
 * rprocx: firmware memory devices the driver creates and attaches to an
 * IOMMU domain, shaped on drivers/net/wireless/ath/ath11k/ahb.c:
 * ath11k_ahb_fw_resources_init() and drivers/remoteproc/remoteproc_core.c:
 * rproc_enable_iommu() (the fault handler).
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>

#include "rprocx.h"

/*
 * iommu_fault_handler_t: called by the IOMMU driver's fault interrupt
 * through report_iommu_fault(), atomic, nothing of ours held; it defers to
 * the crash work as remoteproc_core.c:rproc_iommu_fault() does.
 */
static int rprocx_iommu_fault(struct iommu_domain *domain, struct device *dev,
			      unsigned long iova, int flags, void *token)
{
	struct rprocx *rx = token;

	rx->fault_iova = iova;
	schedule_work(&rx->crash_work);
	return -ENOSYS;
}

/*
 * drivers/iommu/iommu.c:iommu_group_for_each_dev() calls @fn under
 * mutex_lock(&group->mutex) for each device of the group.
 */
static int rprocx_map_one(struct device *dev, void *data)
{
	return rprocx_stream_map(dev, data); /* EXPECT-NONE: group-mutex-required */
}

static struct platform_device *rprocx_create(struct rprocx *rx,
					     struct device_node *node)
{
	struct platform_device_info info = {
		.fwnode		= of_fwnode_handle(node),
		.parent		= rx->dev,
		.name		= node->name,
		.id		= PLATFORM_DEVID_AUTO,
		.dma_mask	= DMA_BIT_MASK(32),
	};

	return platform_device_register_full(&info);
}

/*
 * ath11k_ahb_fw_resources_init(): platform_device_register_full() then
 * of_dma_configure() of the new, registered device, whose lock nobody
 * takes; called from rprocx_probe() under the parent's lock only.
 */
int rprocx_mem_init(struct rprocx *rx)
{
	struct platform_device *pdev;
	struct iommu_group *group;
	struct device_node *node;
	int ret;

	node = of_get_child_by_name(rx->dev->of_node, "wifi-firmware");
	if (!node)
		return 0;

	pdev = rprocx_create(rx, node);
	if (IS_ERR(pdev)) {
		of_node_put(node);
		return PTR_ERR(pdev);
	}

	ret = of_dma_configure(&pdev->dev, node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	of_node_put(node);
	if (ret)
		goto err_unregister;
	rx->fw_pdev = pdev;

	rx->domain = iommu_paging_domain_alloc(&pdev->dev);
	if (IS_ERR(rx->domain)) {
		ret = PTR_ERR(rx->domain);
		rx->domain = NULL;
		goto err_unregister;
	}
	iommu_set_fault_handler(rx->domain, rprocx_iommu_fault, rx);

	ret = iommu_attach_device(rx->domain, &pdev->dev);
	if (ret)
		goto err_free;

	group = iommu_group_get(&pdev->dev);
	if (group) {
		ret = iommu_group_for_each_dev(group, rx, rprocx_map_one);
		iommu_group_put(group);
	}
	return ret;

err_free:
	iommu_domain_free(rx->domain);
	rx->domain = NULL;
err_unregister:
	rx->fw_pdev = NULL;
	platform_device_unregister(pdev);
	return ret;
}

/* the twin: the same creation, configured under the new device's lock */
int rprocx_msa_init(struct rprocx *rx)
{
	struct platform_device *pdev;
	struct device_node *node;
	int ret;

	node = of_get_child_by_name(rx->dev->of_node, "msa-memory");
	if (!node)
		return 0;

	pdev = rprocx_create(rx, node);
	if (IS_ERR(pdev)) {
		of_node_put(node);
		return PTR_ERR(pdev);
	}

	device_lock(&pdev->dev);
	ret = of_dma_configure(&pdev->dev, node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	device_unlock(&pdev->dev);
	of_node_put(node);
	if (ret) {
		platform_device_unregister(pdev);
		return ret;
	}
	rx->msa_pdev = pdev;
	return 0;
}

void rprocx_mem_exit(struct rprocx *rx)
{
	if (rx->domain && rx->fw_pdev)
		iommu_detach_device(rx->domain, &rx->fw_pdev->dev);
	if (rx->domain)
		iommu_domain_free(rx->domain);
	rx->domain = NULL;
	platform_device_unregister(rx->msa_pdev);
	rx->msa_pdev = NULL;
	platform_device_unregister(rx->fw_pdev);
	rx->fw_pdev = NULL;
}

/*
 * Called from the fw_reset attribute (no lock held).  Its "not bound"
 * return keeps the firmware device's lock while the other returns drop it
 * (Smatch's inconsistent returns).
 */
int rprocx_mem_reconfigure(struct rprocx *rx)
{
	struct device *fw;
	int ret;

	if (!rx->fw_pdev)
		return 0;
	fw = &rx->fw_pdev->dev;

	device_lock(fw);
	if (!fw->driver)
		return -ENODEV; /* EXPECT: lock-imbalance */
	ret = rprocx_fw_rebind_locked(rx);
	device_unlock(fw);
	return ret;
}

/* the twin: every return after the lock goes through one unlock */
int rprocx_msa_reconfigure(struct rprocx *rx)
{
	struct device *msa;
	int ret = 0;

	if (!rx->msa_pdev)
		return 0;
	msa = &rx->msa_pdev->dev;

	device_lock(msa);
	if (!msa->driver) {
		ret = -ENODEV;
		goto out_unlock;
	}
	dev_dbg(msa, "msa rebound\n");
out_unlock:
	device_unlock(msa);
	return ret; /* EXPECT-NONE: lock-imbalance */
}
