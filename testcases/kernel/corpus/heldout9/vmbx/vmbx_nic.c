// SPDX-License-Identifier: GPL-2.0
/*
 * A NIC driver on the vmbx bus, shaped on drivers/net/hyperv/
 * netvsc_drv.c (netvsc_probe/netvsc_remove/netvsc_suspend/netvsc_resume)
 * and netvsc.c:netvsc_channel_cb() of Linux 6.12.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "vmbx.h"

struct vmbx_nic {
	struct vmbx_device *vdev;
	struct device *dev;		/* &vdev->dev, kept by probe */
	struct platform_device *accel;	/* companion found by phandle */
	struct mutex cfg_lock;
	u32 mtu;
	u32 ring;
	bool reset_pending;
	struct work_struct mtu_work;
	struct work_struct teardown_work;
	struct delayed_work link_work;
};

static const guid_t vmbx_nic_guid =
	GUID_INIT(0xf8615163, 0xdf3e, 0x46c5, 0x91, 0x3f, 0xf2, 0xd2, 0xf9, 0x65, 0xed, 0x0e);

/*
 * A static helper without a contract of its own: it is called from probe
 * (device lock held) and from the channel callback (tasklet, not held).
 */
static void vmbx_nic_apply_mtu(struct vmbx_nic *nic)
{
	vmbx_chan_set_mtu(nic->dev, nic->mtu); /* EXPECT: device-lock-required @nicmtu */
}

/*
 * netvsc.c:netvsc_channel_cb(): the channel callback runs from the bus's
 * tasklet (vmbx_bus.c:vmbx_chan_tasklet(), as vmbus_on_event()), where no
 * device lock is held.
 */
static void vmbx_nic_channel_cb(void *ctx)
{
	struct vmbx_nic *nic = ctx;

	if (nic->mtu != nic->vdev->channel->mtu)
		vmbx_nic_apply_mtu(nic); /* EXPECT: device-lock-required @nicmtu */
	if (nic->vdev->channel->rescinded)
		schedule_work(&nic->teardown_work);
	else
		schedule_work(&nic->mtu_work);
	schedule_delayed_work(&nic->link_work, HZ);
}

/* the deferred form of the same update: a work that trylocks */
static void vmbx_nic_mtu_work(struct work_struct *work)
{
	struct vmbx_nic *nic = container_of(work, struct vmbx_nic, mtu_work);

	if (!device_trylock(nic->dev)) {
		schedule_work(&nic->mtu_work);
		return;
	}
	vmbx_chan_set_mtu(nic->dev, nic->mtu); /* EXPECT-NONE: device-lock-required */
	device_unlock(nic->dev);
}

/*
 * netvsc_drv.c:netvsc_remove() runs unregister work; here teardown takes
 * the device lock through vmbx_lock_for_teardown() (vmbx_chan.c), which
 * returns 0 with the lock held.
 */
static void vmbx_nic_teardown_work(struct work_struct *work)
{
	struct vmbx_nic *nic = container_of(work, struct vmbx_nic, teardown_work);

	if (vmbx_lock_for_teardown(nic->vdev))
		return;
	vmbx_chan_mark_rescinded(nic->vdev); /* EXPECT-NONE: device-lock-required */
	vmbx_unlock_teardown(nic->vdev);
}

/* link watch, as netvsc_drv.c:netvsc_link_change(): a delayed work */
static void vmbx_nic_link_work(struct work_struct *work)
{
	struct vmbx_nic *nic = container_of(to_delayed_work(work), struct vmbx_nic,
					    link_work);

	vmbx_chan_set_ring_locked(nic->vdev, nic->ring); /* EXPECT: device-lock-required */
}

/* two error returns: one drops the device lock, the other keeps it */
static int vmbx_nic_change_mtu(struct vmbx_nic *nic, u32 mtu)
{
	device_lock(nic->dev);
	if (!nic->dev->driver) {
		device_unlock(nic->dev);
		return -ENODEV;
	}
	if (mtu < 68 || mtu > 65521)
		return -EINVAL; /* EXPECT: lock-imbalance */
	nic->mtu = mtu;
	device_unlock(nic->dev);
	return 0;
}

/* twin: every error path leaves through the one unlock */
static int vmbx_nic_change_ring(struct vmbx_nic *nic, u32 size)
{
	int ret = 0;

	mutex_lock(&nic->cfg_lock);
	if (!size) {
		ret = -EINVAL;
		goto out_unlock;
	}
	if (size > 256 * 4096) {
		ret = -E2BIG;
		goto out_unlock;
	}
	nic->ring = size;
out_unlock:
	mutex_unlock(&nic->cfg_lock);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Driver attributes (dev_groups): kernfs calls show/store without the
 * device lock, as netvsc's sysfs and drivers/usb/core/sysfs.c.
 */
static ssize_t ring_size_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct vmbx_nic *nic = dev_get_drvdata(dev);
	u32 val;
	int ret;

	if (kstrtou32(buf, 0, &val))
		return -EINVAL;
	ret = vmbx_nic_change_ring(nic, val);
	if (!ret)
		ret = vmbx_chan_set_ring_locked(to_vmbx_device(dev), val); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(ring_size);

/* drivers/usb/core/sysfs.c:supports_autosuspend_show() form */
static ssize_t mtu_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	u32 val;
	int ret;

	if (kstrtou32(buf, 0, &val))
		return -EINVAL;
	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;
	ret = vmbx_chan_set_mtu(dev, val); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(mtu);

/* the result of device_lock_interruptible() is ignored */
static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct vmbx_nic *nic = dev_get_drvdata(dev);

	device_lock_interruptible(dev);
	nic->reset_pending = true;
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return count;
}
static DEVICE_ATTR_WO(reset);

static ssize_t req_mtu_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct vmbx_nic *nic = dev_get_drvdata(dev);
	u32 val;
	int ret;

	if (kstrtou32(buf, 0, &val))
		return -EINVAL;
	ret = vmbx_nic_change_mtu(nic, val);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(req_mtu);

static struct attribute *vmbx_nic_attrs[] = {
	&dev_attr_ring_size.attr,
	&dev_attr_mtu.attr,
	&dev_attr_reset.attr,
	&dev_attr_req_mtu.attr,
	NULL,
};
ATTRIBUTE_GROUPS(vmbx_nic);

/*
 * netvsc_drv.c:netvsc_probe(): called from vmbx_bus.c:vmbx_probe(), a
 * bus_type.probe, with device_lock(&vdev->dev) held.
 */
static int vmbx_nic_probe(struct vmbx_device *vdev)
{
	struct device_node *np = vdev->dev.of_node;
	struct device_node *sub, *cnp;
	struct vmbx_nic *nic;
	int ret;

	nic = devm_kzalloc(&vdev->dev, sizeof(*nic), GFP_KERNEL);
	if (!nic)
		return -ENOMEM;
	nic->vdev = vdev;
	nic->dev = &vdev->dev;
	nic->mtu = 1500;
	mutex_init(&nic->cfg_lock);
	INIT_WORK(&nic->mtu_work, vmbx_nic_mtu_work);
	INIT_WORK(&nic->teardown_work, vmbx_nic_teardown_work);
	INIT_DELAYED_WORK(&nic->link_work, vmbx_nic_link_work);
	dev_set_drvdata(&vdev->dev, nic);

	ret = vmbx_chan_set_mtu(&vdev->dev, nic->mtu); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	vmbx_nic_apply_mtu(nic); /* EXPECT-NONE: device-lock-required */

	/*
	 * Re-point the probed device at its "dma" sub-node, as
	 * drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe().
	 */
	sub = of_get_child_by_name(np, "dma");
	if (sub) {
		ret = of_dma_configure(&vdev->dev, sub, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(sub);
		if (ret)
			return ret;
	}

	/*
	 * An accelerator companion found by phandle, as
	 * drivers/gpu/drm/msm/adreno/a6xx_gmu.c:a6xx_gmu_wrapper_init()
	 * (of_find_device_by_node()); its own lock is taken so that only the
	 * dma rule is in question.
	 */
	cnp = of_parse_phandle(np, "example,accel", 0);
	if (cnp) {
		nic->accel = of_find_device_by_node(cnp);
		if (nic->accel) {
			scoped_guard(device, &nic->accel->dev)
				ret = of_dma_configure(&nic->accel->dev, cnp, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		}
		of_node_put(cnp);
		if (ret)
			return ret;
	}

	vdev->channel->cb_ctx = nic;
	vdev->channel->onchannel_callback = vmbx_nic_channel_cb;
	return 0;
}

/* netvsc_remove(): from vmbx_bus.c:vmbx_remove(), device lock held */
static void vmbx_nic_remove(struct vmbx_device *vdev)
{
	struct vmbx_nic *nic = dev_get_drvdata(&vdev->dev);

	vdev->channel->onchannel_callback = NULL;
	cancel_work_sync(&nic->mtu_work);
	cancel_delayed_work_sync(&nic->link_work);
	vmbx_chan_set_ring_locked(nic->vdev, 0); /* EXPECT-NONE: device-lock-required */
	if (nic->accel)
		put_device(&nic->accel->dev);
}

/* netvsc has none; from vmbx_bus.c:vmbx_shutdown() under device_shutdown() */
static void vmbx_nic_shutdown(struct vmbx_device *vdev)
{
	struct vmbx_nic *nic = dev_get_drvdata(&vdev->dev);

	vmbx_chan_set_mtu(nic->dev, 0); /* EXPECT-NONE: device-lock-required */
}

/* netvsc_suspend(): normal phase here, under device_lock() */
static int vmbx_nic_suspend(struct vmbx_device *vdev)
{
	return vmbx_chan_set_ring_locked(vdev, 0); /* EXPECT-NONE: device-lock-required */
}

/*
 * netvsc_resume(): normal phase, under device_lock().  The probed device
 * is re-configured from ACPI after hibernation.
 */
static int vmbx_nic_resume(struct vmbx_device *vdev)
{
	struct vmbx_nic *nic = dev_get_drvdata(&vdev->dev);
	int ret;

	ret = acpi_dma_configure(&vdev->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	nic->reset_pending = false;
	return 0;
}

/* the noirq phase, as vmbus_pm's freeze_noirq/thaw_noirq: no device lock */
static int vmbx_nic_freeze_noirq(struct vmbx_device *vdev)
{
	return vmbx_chan_set_ring_locked(vdev, 0); /* EXPECT: device-lock-required */
}

static int vmbx_nic_thaw_noirq(struct vmbx_device *vdev)
{
	struct vmbx_nic *nic = dev_get_drvdata(&vdev->dev);

	return vmbx_chan_set_mtu(nic->dev, nic->mtu); /* EXPECT: device-lock-required */
}

static struct vmbx_driver vmbx_nic_driver = {
	.driver = {
		.name = "vmbx_nic",
		.dev_groups = vmbx_nic_groups,
	},
	.guid		= &vmbx_nic_guid,
	.probe		= vmbx_nic_probe,
	.remove		= vmbx_nic_remove,
	.shutdown	= vmbx_nic_shutdown,
	.suspend	= vmbx_nic_suspend,
	.resume		= vmbx_nic_resume,
	.freeze_noirq	= vmbx_nic_freeze_noirq,
	.thaw_noirq	= vmbx_nic_thaw_noirq,
};

int vmbx_nic_init(void)
{
	return vmbx_driver_register(&vmbx_nic_driver);
}

void vmbx_nic_exit(void)
{
	vmbx_driver_unregister(&vmbx_nic_driver);
}
