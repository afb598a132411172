// SPDX-License-Identifier: GPL-2.0
/*
 * scmix_mem.c - firmware memory devices the scmix driver creates, shaped on
 * drivers/net/wireless/ath/ath10k/snoc.c:ath10k_fw_init()
 * (platform_device_register_full(), then of_dma_configure() of the new
 * device), and the walk of their IOMMU group as drivers/vfio/
 * vfio_iommu_type1.c:vfio_iommu_type1_attach_group() does with
 * iommu_group_for_each_dev().
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include "scmix.h"

/*
 * Called only from scmix_probe() (scmix_drv.c), which holds the lock of
 * the SCMI device, not of the devices created here.
 */
int scmix_mem_create(struct scmix_conf *sc)
{
	struct device *parent = sc->dev;
	struct platform_device_info info = {};
	struct device_node *node;
	struct platform_device *pdev;
	int ret;

	node = of_get_child_by_name(parent->of_node, "scmi-firmware");
	if (!node)
		return 0;

	info.fwnode = &node->fwnode;
	info.parent = parent;
	info.name = node->name;
	info.id = PLATFORM_DEVID_AUTO;
	info.dma_mask = DMA_BIT_MASK(32);

	/* ath10k_fw_init(): registered, then configured without its lock */
	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		of_node_put(node);
		return PTR_ERR(pdev);
	}
	pdev->dev.of_node = node;
	ret = of_dma_configure(&pdev->dev, node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @scmixfw */
	if (ret) {
		platform_device_unregister(pdev);
		of_node_put(node);
		return ret;
	}
	sc->fw_pdev = pdev;

	/* the same created device, allocated and configured under its lock */
	pdev = platform_device_alloc("scmix-shmem", PLATFORM_DEVID_AUTO);
	if (!pdev)
		return -ENOMEM;
	pdev->dev.parent = parent;
	device_lock(&pdev->dev);
	ret = of_dma_configure(&pdev->dev, node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	device_unlock(&pdev->dev);
	if (ret) {
		platform_device_put(pdev);
		return ret;
	}
	ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		return ret;
	}
	sc->shmem_pdev = pdev;
	return 0;
}

void scmix_mem_destroy(struct scmix_conf *sc)
{
	struct device_node *node = NULL;

	if (sc->shmem_pdev)
		platform_device_unregister(sc->shmem_pdev);
	if (sc->fw_pdev) {
		node = sc->fw_pdev->dev.of_node;
		platform_device_unregister(sc->fw_pdev);
	}
	of_node_put(node);
	sc->shmem_pdev = NULL;
	sc->fw_pdev = NULL;
}

/*
 * iommu_group_for_each_dev() callback: drivers/iommu/iommu.c:
 * iommu_group_for_each_dev() calls it under mutex_lock(&group->mutex).
 */
static int scmix_mem_sync_member(struct device *dev, void *data)
{
	return scmix_lib_group_sync(dev); /* EXPECT-NONE: group-mutex-required */
}

static int scmix_mem_count_member(struct device *dev, void *data)
{
	unsigned int *n = data;

	(*n)++;
	return 0;
}

/*
 * Called from scmix_probe() and from the regroup work: walks the group of
 * the firmware device under the group mutex, then syncs the firmware
 * device itself a second time outside the walk, where the group mutex is
 * not held.
 */
int scmix_mem_regroup(struct scmix_conf *sc)
{
	struct iommu_group *group;
	unsigned int members = 0;
	int ret;

	if (!sc->fw_pdev)
		return 0;
	group = iommu_group_get(&sc->fw_pdev->dev);
	if (!group)
		return 0;

	ret = iommu_group_for_each_dev(group, NULL, scmix_mem_sync_member);
	if (!ret)
		ret = iommu_group_for_each_dev(group, &members,
					       scmix_mem_count_member);
	if (!ret && members == 1)
		ret = scmix_lib_group_sync(&sc->fw_pdev->dev); /* EXPECT: group-mutex-required */
	iommu_group_put(group);
	return ret;
}
