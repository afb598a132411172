// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsgx - rpmsg driver.
 *
 * Shapes: drivers/rpmsg/rpmsg_char.c:rpmsg_chrdev_probe() (endpoint device
 * created in probe), drivers/rpmsg/rpmsg_ctrl.c:rpmsg_ctrldev_ioctl()
 * (endpoint device created from an ioctl), drivers/gpu/drm/vc4/vc4_drv.c:
 * vc4_drm_bind() (of_dma_configure() of the device being bound with another
 * node), drivers/net/ethernet/ti/icssg/icss_iep.c (device_lock() of another
 * device before touching it).
 *
 * Core locking (Linux 6.12):
 *  - .probe: really_probe() -> rpmsg_dev_probe() (drivers/rpmsg/rpmsg_core.c)
 *    under device_lock(&rpdev->dev): HELD.
 *  - .remove: device_release_driver_internal() -> rpmsg_dev_remove(): HELD.
 *  - .callback: virtio_rpmsg_bus.c:rpmsg_recv_single() (virtqueue callback)
 *    under ept->cb_lock only: NOT held.
 *  - dev_pm_ops .suspend: device_suspend(): HELD.
 *  - misc ioctl, workqueue, timer: NOT held.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "rpmsgx.h"

#define RPMSGX_HB_MS	1000

/* workqueue: NOT held on entry. */
static void rpmsgx_rx_work(struct work_struct *work)
{
	struct rpmsgx *rx = container_of(work, struct rpmsgx, rx_work);
	struct device *sib;

	scoped_guard(device, rx->dev)
		rpmsgx_ept_flush(rx); /* EXPECT-NONE: device-lock-required */

	/* Another channel of the same remote processor: a foreign device. */
	sib = device_find_child_by_name(rx->dev->parent, "rpmsgx-dma");
	if (!sib)
		return;
	device_lock(sib);
	if (of_dma_configure(sib, rx->fw_np, true)) /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		dev_warn(rx->dev, "sibling DMA setup failed\n");
	device_unlock(sib);
	put_device(sib);
}

/* timer: softirq, NOT held. */
static void rpmsgx_hb_timer(struct timer_list *t)
{
	struct rpmsgx *rx = from_timer(rx, t, hb_timer);

	rpmsgx_note_locked(rx); /* EXPECT: device-lock-required */
	mod_timer(&rx->hb_timer, jiffies + msecs_to_jiffies(RPMSGX_HB_MS));
}

/* .callback: rpmsg_recv_single() under ept->cb_lock, NOT held. */
static int rpmsgx_cb(struct rpmsg_device *rpdev, void *data, int len,
		     void *priv, u32 src)
{
	struct rpmsgx *rx = dev_get_drvdata(&rpdev->dev);

	if (len == 0)
		rpmsgx_ept_flush(rx); /* EXPECT: device-lock-required */
	rx->last = src;
	schedule_work(&rx->rx_work);
	return 0;
}

/* misc ioctl: NOT held. */
static long rpmsgx_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct rpmsgx *rx = container_of(file->private_data, struct rpmsgx,
					 misc);
	struct rpmsgx_eptdev *e;
	u32 addr;
	int ret;

	if (copy_from_user(&addr, (void __user *)arg, sizeof(addr)))
		return -EFAULT;

	switch (cmd) {
	case RPMSGX_IOC_CREATE:
		e = rpmsgx_eptdev_alloc(rx, addr);
		if (!e)
			return -ENOMEM;
		ret = rpmsgx_eptdev_dma_locked(e); /* EXPECT: device-lock-required */
		if (!ret)
			ret = device_add(&e->dev);
		if (ret)
			put_device(&e->dev);
		return ret;
	case RPMSGX_IOC_CREATE_ACPI:
		return rpmsgx_eptdev_create_acpi(rx, addr);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations rpmsgx_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= rpmsgx_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

/* .probe: rpmsg_dev_probe() under device_lock(&rpdev->dev), HELD. */
static int rpmsgx_probe(struct rpmsg_device *rpdev)
{
	struct device *dev = &rpdev->dev;
	struct rpmsgx_eptdev *e;
	struct rpmsgx *rx;
	int ret;

	rx = devm_kzalloc(dev, sizeof(*rx), GFP_KERNEL);
	if (!rx)
		return -ENOMEM;

	rx->rpdev = rpdev;
	rx->dev = dev;
	INIT_WORK(&rx->rx_work, rpmsgx_rx_work);
	timer_setup(&rx->hb_timer, rpmsgx_hb_timer, 0);
	dev_set_drvdata(dev, rx);

	/* Re-point our own (probed) device at the remote processor's node. */
	rx->fw_np = of_parse_phandle(dev->parent ? dev->parent->of_node : NULL,
				     "memory-region", 0);
	if (rx->fw_np) {
		ret = of_dma_configure(dev, rx->fw_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			goto err_np;
	}

	/* Control endpoint device, configured under its own lock. */
	e = rpmsgx_eptdev_alloc(rx, rpdev->dst);
	if (!e) {
		ret = -ENOMEM;
		goto err_np;
	}
	device_lock(&e->dev);
	ret = rpmsgx_eptdev_dma_locked(e); /* EXPECT-NONE: device-lock-required */
	device_unlock(&e->dev);
	if (!ret)
		ret = device_add(&e->dev);
	if (ret) {
		put_device(&e->dev);
		goto err_np;
	}
	rx->ctrl_ept = e;

	rx->misc.minor = MISC_DYNAMIC_MINOR;
	rx->misc.name = devm_kasprintf(dev, GFP_KERNEL, "rpmsgx%u", rpdev->dst);
	rx->misc.fops = &rpmsgx_fops;
	rx->misc.parent = dev;
	if (!rx->misc.name) {
		ret = -ENOMEM;
		goto err_ept;
	}
	ret = misc_register(&rx->misc);
	if (ret)
		goto err_ept;

	mod_timer(&rx->hb_timer, jiffies + msecs_to_jiffies(RPMSGX_HB_MS));
	return 0;

err_ept:
	device_unregister(&rx->ctrl_ept->dev);
err_np:
	of_node_put(rx->fw_np);
	return ret;
}

/* .remove: rpmsg_dev_remove() under device_lock(&rpdev->dev), HELD. */
static void rpmsgx_remove(struct rpmsg_device *rpdev)
{
	struct rpmsgx *rx = dev_get_drvdata(&rpdev->dev);

	misc_deregister(&rx->misc);
	timer_delete_sync(&rx->hb_timer);
	cancel_work_sync(&rx->rx_work);
	rpmsgx_ept_flush(rx); /* EXPECT-NONE: device-lock-required */
	device_unregister(&rx->ctrl_ept->dev);
	of_node_put(rx->fw_np);
}

/* .suspend: device_suspend(), HELD. */
static int rpmsgx_suspend(struct device *dev)
{
	struct rpmsgx *rx = dev_get_drvdata(dev);

	rpmsgx_note_locked(rx); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(rpmsgx_pm_ops, rpmsgx_suspend, NULL);

static const struct rpmsg_device_id rpmsgx_id_table[] = {
	{ .name = "rpmsgx" },
	{ }
};
MODULE_DEVICE_TABLE(rpmsg, rpmsgx_id_table);

static struct rpmsg_driver rpmsgx_driver = {
	.id_table	= rpmsgx_id_table,
	.probe		= rpmsgx_probe,
	.callback	= rpmsgx_cb,
	.remove		= rpmsgx_remove,
	.drv		= {
		.name	= "rpmsgx",
		.pm	= pm_sleep_ptr(&rpmsgx_pm_ops),
	},
};
module_rpmsg_driver(rpmsgx_driver);

MODULE_DESCRIPTION("held-out lock corpus: rpmsg driver with endpoint devices");
MODULE_LICENSE("GPL");
