// SPDX-License-Identifier: GPL-2.0
/*
 * vdpx parent: the platform driver of the accelerator and its vdpa
 * management device.  ->dev_add/->dev_del run from the vdpa netlink
 * commands (vdpa.c:vdpa_nl_cmd_dev_add_set_doit(),
 * vdpa_nl_cmd_dev_del_set_doit()) and from vdpa_mgmtdev_unregister(),
 * holding vdpa_dev_lock, an rwsem of the vdpa core, and no device lock.
 *
 * Shapes: drivers/vdpa/ifcvf/ifcvf_main.c:ifcvf_vdpa_dev_add(),
 * ifcvf_vdpa_dev_del(), ifcvf_probe(); drivers/gpu/host1x/bus.c:
 * host1x_device_add() (a device created and DMA-configured from its
 * parent's node).
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <uapi/linux/vdpa.h>

#include "vdpx.h"

/*
 * Reset the accelerator.  The parent's lock is held (probe, ->prepare):
 * a reset must not race the parent's unbind.
 */
static void vdpx_hw_reset(struct vdpx_hw *hw)
{
	device_lock_assert(hw->dev);

	writel(0, hw->base + VDPX_CTRL);
	writel(0, hw->base + VDPX_STATUS);
}

static int vdpx_dev_add(struct vdpa_mgmt_dev *mdev, const char *name,
			const struct vdpa_dev_set_config *config)
{
	struct vdpx_hw *hw = container_of(mdev, struct vdpx_hw, mdev);
	struct vdpx_dev *vd;
	int ret;

	if (hw->vdev)
		return -EBUSY;

	vd = vdpa_alloc_device(struct vdpx_dev, vdpa, hw->dev, &vdpx_config_ops,
			       1, 1, name, false);
	if (IS_ERR(vd))
		return PTR_ERR(vd);

	vd->hw = hw;
	mutex_init(&vd->cfg_lock);
	INIT_WORK(&vd->cfg_work, vdpx_cfg_work);
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MACADDR))
		memcpy(vd->config.mac, config->net.mac, ETH_ALEN);
	else
		eth_random_addr(vd->config.mac);

	/*
	 * The accelerator fetches the rings on behalf of the vDPA device,
	 * which is its own DMA device (vduse_dev.c:vduse_dev_init_vdpa()) and
	 * inherits the accelerator's DT DMA setup, as host1x_device_add().
	 * vdpa.c:vdpa_nl_cmd_dev_add_set_doit() holds vdpa_dev_lock only:
	 * nobody holds the new device's lock here.
	 */
	ret = of_dma_configure(&vd->vdpa.dev, hw->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (ret)
		goto err_put;

	vd->vdpa.dma_dev = &vd->vdpa.dev;
	vd->vdpa.mdev = mdev;

	ret = _vdpa_register_device(&vd->vdpa, VDPX_NVQS);
	if (ret)
		goto err_put;

	hw->vdev = vd;
	return 0;

err_put:
	put_device(&vd->vdpa.dev);
	return ret;
}

/*
 * vdpa_nl_cmd_dev_del_set_doit() and vdpa_mgmtdev_unregister() hold
 * vdpa_dev_lock only; the vDPA device's lock is taken later, inside
 * device_unregister().
 */
static void vdpx_dev_del(struct vdpa_mgmt_dev *mdev, struct vdpa_device *vdpa)
{
	struct vdpx_hw *hw = container_of(mdev, struct vdpx_hw, mdev);
	struct vdpx_dev *vd = vdpa_to_vdpx(vdpa);

	cancel_work_sync(&vd->cfg_work);
	vdpx_vq_teardown(vd); /* EXPECT: device-lock-required */

	hw->vdev = NULL;
	_vdpa_unregister_device(vdpa);
}

static const struct vdpa_mgmtdev_ops vdpx_mgmt_ops = {
	.dev_add	= vdpx_dev_add,
	.dev_del	= vdpx_dev_del,
	.dev_set_attr	= vdpx_dev_set_attr,
};

static int vdpx_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct vdpx_hw *hw;
	int ret;

	hw = devm_kzalloc(dev, sizeof(*hw), GFP_KERNEL);
	if (!hw)
		return -ENOMEM;

	hw->dev = dev;
	hw->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(hw->base))
		return PTR_ERR(hw->base);

	hw->irq = platform_get_irq(pdev, 0);
	if (hw->irq < 0)
		return hw->irq;

	platform_set_drvdata(pdev, hw);

	/* platform_probe() from dd.c:really_probe(), device_lock(dev) held */
	vdpx_hw_reset(hw); /* EXPECT-NONE: device-lock-required */

	ret = devm_request_threaded_irq(dev, hw->irq, NULL, vdpx_irq_thread,
					IRQF_ONESHOT, dev_name(dev), hw);
	if (ret)
		return ret;

	pm_runtime_set_active(dev);
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;

	hw->id_table[0].device = VIRTIO_ID_NET;
	hw->id_table[0].vendor = VIRTIO_DEV_ANY_ID;
	hw->mdev.device = dev;
	hw->mdev.ops = &vdpx_mgmt_ops;
	hw->mdev.id_table = hw->id_table;
	hw->mdev.config_attr_mask = BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MACADDR);
	hw->mdev.max_supported_vqs = VDPX_NVQS;
	hw->mdev.supported_features = BIT_ULL(VIRTIO_F_VERSION_1) |
				      BIT_ULL(VIRTIO_F_ACCESS_PLATFORM) |
				      BIT_ULL(VIRTIO_NET_F_MAC);

	return vdpa_mgmtdev_register(&hw->mdev);
}

static void vdpx_remove(struct platform_device *pdev)
{
	struct vdpx_hw *hw = platform_get_drvdata(pdev);

	vdpa_mgmtdev_unregister(&hw->mdev);
}

/* power/main.c:device_prepare() calls ->prepare under device_lock(dev) */
static int vdpx_prepare(struct device *dev)
{
	struct vdpx_hw *hw = dev_get_drvdata(dev);

	hw->saved_ctrl = readl(hw->base + VDPX_CTRL);
	/* an idle accelerator is reset before the system sleeps */
	if (!hw->vdev)
		vdpx_hw_reset(hw); /* EXPECT-NONE: device-lock-required */

	return 0;
}

static void vdpx_complete(struct device *dev)
{
	struct vdpx_hw *hw = dev_get_drvdata(dev);

	writel(hw->saved_ctrl, hw->base + VDPX_CTRL);
}

/*
 * platform_dev_pm_ops: pm_generic_runtime_suspend() from
 * runtime.c:rpm_callback(), with no device lock held.
 */
static int vdpx_runtime_suspend(struct device *dev)
{
	struct vdpx_hw *hw = dev_get_drvdata(dev);

	if (hw->vdev)
		return -EBUSY;

	vdpx_hw_reset(hw); /* EXPECT: device-lock-required */
	return 0;
}

static int vdpx_runtime_resume(struct device *dev)
{
	return 0;
}

static const struct dev_pm_ops vdpx_pm_ops = {
	.prepare	= vdpx_prepare,
	.complete	= vdpx_complete,
	RUNTIME_PM_OPS(vdpx_runtime_suspend, vdpx_runtime_resume, NULL)
};

static const struct of_device_id vdpx_of_match[] = {
	{ .compatible = "vendor,vdpx-net" },
	{ }
};
MODULE_DEVICE_TABLE(of, vdpx_of_match);

static struct platform_driver vdpx_driver = {
	.probe	= vdpx_probe,
	.remove	= vdpx_remove,
	.driver	= {
		.name		= "vdpx",
		.of_match_table	= vdpx_of_match,
		.pm		= pm_ptr(&vdpx_pm_ops),
	},
};

static int __init vdpx_init(void)
{
	int ret;

	ret = vdpa_register_driver(&vdpx_net_driver);
	if (ret)
		return ret;

	ret = platform_driver_register(&vdpx_driver);
	if (ret)
		vdpa_unregister_driver(&vdpx_net_driver);

	return ret;
}
module_init(vdpx_init);

static void __exit vdpx_exit(void)
{
	platform_driver_unregister(&vdpx_driver);
	vdpa_unregister_driver(&vdpx_net_driver);
}
module_exit(vdpx_exit);

MODULE_DESCRIPTION("vdpx vDPA accelerator (iommu-lockcheck corpus)");
MODULE_LICENSE("GPL");
