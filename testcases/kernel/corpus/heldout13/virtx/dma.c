// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtx DMA topology helpers.
 *
 * Mirrors:
 *  - drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe() and
 *    drivers/gpu/drm/vc4/vc4_drv.c:vc4_drm_bind(): the driver's own device
 *    is pointed at another DT node's dma-ranges;
 *  - drivers/gpu/drm/msm/adreno/a6xx_gmu.c:a6xx_gmu_wrapper_init(): a
 *    device looked up through a phandle is configured by this driver;
 *  - drivers/media/platform/qcom/venus/firmware.c:venus_firmware_init()
 *    and drivers/net/wireless/ath/ath10k/snoc.c:ath10k_fw_init(): a
 *    platform device is registered, then configured.
 *
 * No function here is a bus_type.dma_configure callback.  Callers and what
 * the core holds for them:
 *  - virtx_setup_dma(), virtx_attach_dma_peer(), virtx_fw_init() and
 *    virtx_shm_init() run from virtx_probe(): drivers/base/dd.c:
 *    __driver_attach()/__device_attach() hold device_lock(&vdev->dev)
 *    across really_probe() -> virtio.c:virtio_dev_probe() -> drv->probe();
 *    nobody holds the lock of the peer or of the platform devices made here.
 *  - virtx_reconfigure_transport_dma() runs from virtx_restore(), i.e. from
 *    the transport's dev_pm_ops (virtio_pci_common.c:virtio_pci_restore(),
 *    virtio_mmio.c:virtio_mmio_restore()); drivers/base/power/main.c:
 *    device_resume() holds device_lock() of that transport device, which
 *    is vdev->dev.parent.
 */
#include <linux/dma-mapping.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/virtio.h>

#include "virtx.h"

/*
 * etnaviv_drv.c:etnaviv_pdev_probe(): "Apply the same DMA configuration to
 * the virtual etnaviv device as the GPU we found."  Here the virtio device
 * takes the DMA configuration of its transport's node (virtio-mmio on DT).
 */
int virtx_setup_dma(struct virtx_info *vi)
{
	struct device_node *np = dev_of_node(vi->vdev->dev.parent);

	if (!np)
		return 0;

	return of_dma_configure(&vi->vdev->dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
}

/*
 * a6xx_gmu.c:a6xx_gmu_wrapper_init(): the "virtx,dma-peer" phandle names a
 * platform device bound to some other driver; its DMA setup is redone from
 * our probe without its lock.
 */
int virtx_attach_dma_peer(struct virtx_info *vi)
{
	struct device_node *np;
	struct platform_device *pdev;
	int ret;

	np = of_parse_phandle(dev_of_node(vi->vdev->dev.parent),
			      "virtx,dma-peer", 0);
	if (!np)
		return 0;

	pdev = of_find_device_by_node(np);
	if (!pdev) {
		of_node_put(np);
		return -EPROBE_DEFER;
	}

	vi->dma_peer = &pdev->dev;

	ret = of_dma_configure(vi->dma_peer, np, true); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required @virtx_dma_peer */
	of_node_put(np);
	if (ret) {
		put_device(vi->dma_peer);
		vi->dma_peer = NULL;
	}
	return ret;
}

/*
 * After a hibernation image is restored the transport's IOMMU state is
 * rebuilt from its node.  Called from virtx_restore() only, where the PM
 * core holds device_lock() of the transport (vdev->dev.parent).
 */
int virtx_reconfigure_transport_dma(struct virtx_info *vi)
{
	struct device *tdev = vi->vdev->dev.parent;

	if (!dev_of_node(tdev))
		return 0;

	return of_dma_configure(tdev, tdev->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
}

/*
 * venus/firmware.c:venus_firmware_init(): the "firmware" child node gets its
 * own platform device, registered first and configured afterwards.  Once
 * platform_device_register_full() returns, the device is on the platform
 * bus and can be probed concurrently; its lock is not taken here.
 */
int virtx_fw_init(struct virtx_info *vi)
{
	struct platform_device_info info = { };
	struct platform_device *pdev;
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(dev_of_node(vi->vdev->dev.parent), "firmware");
	if (!np)
		return 0;

	info.fwnode = of_fwnode_handle(np);
	info.parent = vi->dev;
	info.name = np->name;
	info.dma_mask = DMA_BIT_MASK(32);

	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		of_node_put(np);
		return PTR_ERR(pdev);
	}

	pdev->dev.of_node = np;

	ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT: device-lock-required @virtx_fw */
	if (ret) {
		dev_err(vi->dev, "firmware dma configure failed: %d\n", ret);
		platform_device_unregister(pdev);
		of_node_put(np);
		return ret;
	}

	vi->fw_pdev = pdev;
	return 0;
}

/*
 * Same as virtx_fw_init() for the "shm" child, but the new device is
 * locked around the reconfiguration, as drivers/cxl/pci.c:
 * cxl_handle_cper_event() locks a device it did not probe with
 * guard(device).
 */
int virtx_shm_init(struct virtx_info *vi)
{
	struct platform_device_info info = { };
	struct platform_device *pdev;
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(dev_of_node(vi->vdev->dev.parent), "shm");
	if (!np)
		return 0;

	info.fwnode = of_fwnode_handle(np);
	info.parent = vi->dev;
	info.name = np->name;
	info.dma_mask = DMA_BIT_MASK(64);

	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		of_node_put(np);
		return PTR_ERR(pdev);
	}

	pdev->dev.of_node = np;

	device_lock(&pdev->dev);
	ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */
	device_unlock(&pdev->dev);
	if (ret) {
		platform_device_unregister(pdev);
		of_node_put(np);
		return ret;
	}

	vi->shm_pdev = pdev;
	return 0;
}

void virtx_dma_teardown(struct virtx_info *vi)
{
	if (vi->shm_pdev) {
		platform_device_unregister(vi->shm_pdev);
		vi->shm_pdev = NULL;
	}
	if (vi->fw_pdev) {
		platform_device_unregister(vi->fw_pdev);
		vi->fw_pdev = NULL;
	}
	if (vi->dma_peer) {
		put_device(vi->dma_peer);
		vi->dma_peer = NULL;
	}
}
