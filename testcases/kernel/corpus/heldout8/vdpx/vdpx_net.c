// SPDX-License-Identifier: GPL-2.0
/*
 * vdpx control driver: a vdpa_driver that binds vdpx devices only and
 * exposes their receive mode and counters in sysfs.  probe/remove are
 * the vdpa bus callbacks (vdpa.c:vdpa_dev_probe()/vdpa_dev_remove()), run
 * by the driver core under the vDPA device's lock; the attributes run
 * without it.
 *
 * Shapes: drivers/vdpa/vdpa.c, drivers/virtio/virtio_vdpa.c:
 * virtio_vdpa_probe(), drivers/usb/core/sysfs.c (attributes under
 * device_lock_interruptible()).
 */
#include <linux/device.h>
#include <linux/io.h>
#include <linux/kstrtox.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/virtio_config.h>

#include "vdpx.h"

struct vdpx_net {
	struct vdpa_device *vdpa;
	u8 rx_mode;
};

static ssize_t rx_mode_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct vdpx_net *net = vdpa_get_drvdata(dev_to_vdpa(dev));

	return sysfs_emit(buf, "%u\n", net->rx_mode);
}

/*
 * sysfs attributes of the vDPA device (dev_groups of the driver): kernfs
 * calls them with no device lock.  usb/core/sysfs.c:
 * supports_autosuspend_show() shape: device_lock_interruptible() checked.
 */
static ssize_t rx_mode_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct vdpa_device *vdpa = dev_to_vdpa(dev);
	struct vdpx_net *net = vdpa_get_drvdata(vdpa);
	u8 mode;
	int ret;

	ret = kstrtou8(buf, 0, &mode);
	if (ret)
		return ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	net->rx_mode = mode;
	vdpx_cfg_refresh(vdpa_to_vdpx(vdpa)); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */

	return count;
}
static DEVICE_ATTR_RW(rx_mode);

/*
 * The not-running path unlocks, then unlocks again at out: a second
 * unlock on an error path (the shape of supports_autosuspend_show() with
 * an early exit added, as drivers/base/dd.c:state_synced_show() locks).
 */
static ssize_t rx_packets_show(struct device *dev, struct device_attribute *attr,
			       char *buf)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(dev_to_vdpa(dev));
	u32 packets = 0;

	device_lock(dev);
	if (!(vd->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
		device_unlock(dev); /* EXPECT: lock-imbalance @vdpx_rx_packets */
		goto out;
	}
	packets = readl(vd->hw->base + VDPX_RX_PACKETS);
out:
	device_unlock(dev); /* EXPECT: lock-imbalance @vdpx_rx_packets */

	return sysfs_emit(buf, "%u\n", packets);
}
static DEVICE_ATTR_RO(rx_packets);

/*
 * Lock the vDPA device if a driver is bound to it: returns 0 with the
 * device lock held, or -ENODEV without it.  It returns holding the lock
 * exactly on success, as usb/core/usb.c:usb_lock_device_for_reset().
 */
static int vdpx_net_lock_bound(struct device *dev)
{
	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV;
	}

	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* Re-sync the queue enables to the hardware after a firmware hiccup. */
static ssize_t resync_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(dev_to_vdpa(dev));
	int ret;

	ret = vdpx_net_lock_bound(dev);
	if (ret)
		return ret;

	ret = vdpx_vqs_sync_locked(vd, vd->status & VIRTIO_CONFIG_S_DRIVER_OK); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(resync);

static struct attribute *vdpx_net_attrs[] = {
	&dev_attr_rx_mode.attr,
	&dev_attr_rx_packets.attr,
	&dev_attr_resync.attr,
	NULL
};
ATTRIBUTE_GROUPS(vdpx_net);

static int vdpx_net_probe(struct vdpa_device *vdpa)
{
	struct vdpx_net *net;

	/* this control driver binds vdpx devices only */
	if (vdpa->config != &vdpx_config_ops)
		return -ENODEV;

	net = devm_kzalloc(&vdpa->dev, sizeof(*net), GFP_KERNEL);
	if (!net)
		return -ENOMEM;

	net->vdpa = vdpa;
	vdpa_set_drvdata(vdpa, net);

	/*
	 * vdpa_dev_probe() is the vdpa bus probe: dd.c:really_probe() holds
	 * device_lock(&vdpa->dev).
	 */
	vdpx_cfg_refresh(vdpa_to_vdpx(vdpa)); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/* vdpa_dev_remove(), from dd.c:__device_release_driver(), locked */
static void vdpx_net_remove(struct vdpa_device *vdpa)
{
	vdpx_vq_teardown(vdpa_to_vdpx(vdpa)); /* EXPECT-NONE: device-lock-required */
}

struct vdpa_driver vdpx_net_driver = {
	.driver = {
		.name		= "vdpx_net",
		.dev_groups	= vdpx_net_groups,
	},
	.probe	= vdpx_net_probe,
	.remove	= vdpx_net_remove,
};
