// SPDX-License-Identifier: GPL-2.0
/*
 * vmbx bus core, shaped on drivers/hv/vmbus_drv.c and
 * drivers/hv/channel_mgmt.c of Linux 6.12.
 */
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "vmbx.h"

static struct device *vmbx_root;

struct vmbx_offer {
	struct work_struct work;
	guid_t type;
	u32 id;
	struct device_node *np;
	bool sub;
};

static int vmbx_match(struct device *dev, const struct device_driver *drv)
{
	const struct vmbx_driver *vdrv = to_vmbx_driver(drv);
	struct vmbx_device *vdev = to_vmbx_device(dev);

	return vdrv->guid && guid_equal(vdrv->guid, &vdev->dev_type);
}

/*
 * vmbus_drv.c:vmbus_probe(): a bus_type.probe, called by
 * drivers/base/dd.c:really_probe() with device_lock(child) held.
 */
static int vmbx_probe(struct device *child)
{
	struct vmbx_driver *drv = to_vmbx_driver(child->driver);
	struct vmbx_device *vdev = to_vmbx_device(child);
	int ret;

	ret = vmbx_chan_set_ring_locked(vdev, VMBX_DEF_RING); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	if (!drv->probe)
		return -ENODEV;
	return drv->probe(vdev);
}

/*
 * vmbus_drv.c:vmbus_remove(): bus_type.remove, called from
 * __device_release_driver() with device_lock(child) held.
 */
static void vmbx_remove(struct device *child)
{
	struct vmbx_device *vdev = to_vmbx_device(child);

	if (child->driver) {
		struct vmbx_driver *drv = to_vmbx_driver(child->driver);

		if (drv->remove)
			drv->remove(vdev);
	}
	vmbx_chan_mark_rescinded(vdev); /* EXPECT-NONE: device-lock-required */
}

/*
 * vmbus_drv.c:vmbus_shutdown(): bus_type.shutdown, called by
 * drivers/base/core.c:device_shutdown() under device_lock(dev).
 */
static void vmbx_shutdown(struct device *child)
{
	struct vmbx_device *vdev = to_vmbx_device(child);
	struct vmbx_driver *drv;

	if (!child->driver)
		return;
	drv = to_vmbx_driver(child->driver);
	if (drv->shutdown)
		drv->shutdown(vdev);
	vmbx_chan_reset_state(vdev); /* EXPECT-NONE: device-lock-required */
}

/*
 * bus_type.online/.offline: drivers/base/core.c:device_online() and
 * device_offline() call them under device_lock(dev).  Taking it again in
 * ->online self-deadlocks.
 */
static int vmbx_online(struct device *child)
{
	struct vmbx_device *vdev = to_vmbx_device(child);

	scoped_guard(device, child) /* EXPECT: lock-imbalance */
		vdev->channel->rescinded = false;
	return 0;
}

static int vmbx_offline(struct device *child)
{
	vmbx_chan_reset_state(to_vmbx_device(child)); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/*
 * Normal-phase system sleep: drivers/base/power/main.c:device_suspend()
 * and device_resume() run the bus's dev_pm_ops under device_lock(dev).
 */
static int vmbx_bus_suspend(struct device *child)
{
	struct vmbx_device *vdev = to_vmbx_device(child);
	struct vmbx_driver *drv;
	int ret = 0;

	if (!child->driver)
		return 0;
	drv = to_vmbx_driver(child->driver);
	if (drv->suspend)
		ret = drv->suspend(vdev);
	if (!ret)
		vmbx_chan_reset_state(vdev); /* EXPECT-NONE: device-lock-required */
	return ret;
}

static int vmbx_bus_resume(struct device *child)
{
	struct vmbx_device *vdev = to_vmbx_device(child);
	struct vmbx_driver *drv;

	if (!child->driver)
		return 0;
	drv = to_vmbx_driver(child->driver);
	vdev->channel->ring_size = VMBX_DEF_RING;
	return drv->resume ? drv->resume(vdev) : 0;
}

/*
 * noirq phase, as vmbus_drv.c:vmbus_suspend()/vmbus_resume() in vmbus_pm:
 * drivers/base/power/main.c:device_suspend_noirq() and
 * device_resume_noirq() call these WITHOUT device_lock(dev).
 */
static int vmbx_bus_freeze_noirq(struct device *child)
{
	struct vmbx_device *vdev = to_vmbx_device(child);
	struct vmbx_driver *drv;
	int ret = 0;

	if (!child->driver)
		return 0;
	drv = to_vmbx_driver(child->driver);
	if (drv->freeze_noirq)
		ret = drv->freeze_noirq(vdev);
	if (!ret)
		vmbx_chan_reset_state(vdev); /* EXPECT: device-lock-required */
	return ret;
}

static int vmbx_bus_thaw_noirq(struct device *child)
{
	struct vmbx_device *vdev = to_vmbx_device(child);
	struct vmbx_driver *drv;

	if (!child->driver)
		return 0;
	drv = to_vmbx_driver(child->driver);
	vmbx_chan_set_ring_locked(vdev, VMBX_DEF_RING); /* EXPECT: device-lock-required */
	return drv->thaw_noirq ? drv->thaw_noirq(vdev) : 0;
}

static const struct dev_pm_ops vmbx_bus_pm = {
	.suspend	= vmbx_bus_suspend,
	.resume		= vmbx_bus_resume,
	.freeze_noirq	= vmbx_bus_freeze_noirq,
	.thaw_noirq	= vmbx_bus_thaw_noirq,
};

static int vmbx_match_offer(struct device *dev, const void *data)
{
	const u32 *id = data;
	struct vmbx_device *vdev = to_vmbx_device(dev);

	return vdev->channel && vdev->channel->offer_id == *id;
}

static struct vmbx_device *vmbx_find_offer(u32 id)
{
	struct device *dev = bus_find_device(&vmbx_bus, NULL, &id, vmbx_match_offer);

	return dev ? to_vmbx_device(dev) : NULL;
}

/*
 * Bus attributes (sysfs, no device lock held).  The store methods lock
 * the device themselves, as drivers/pci/pci-sysfs.c:reset_store() via
 * pci_dev_lock().  "ring": lock, call, one unlock on every path.
 */
static ssize_t ring_store(const struct bus_type *bus, const char *buf, size_t count)
{
	struct vmbx_device *vdev;
	u32 id, size;
	int ret;

	if (sscanf(buf, "%u %u", &id, &size) != 2)
		return -EINVAL;
	vdev = vmbx_find_offer(id);
	if (!vdev)
		return -ENODEV;

	device_lock(&vdev->dev);
	ret = vmbx_chan_set_ring_locked(vdev, size); /* EXPECT-NONE: device-lock-required */
	if (ret) {
		device_unlock(&vdev->dev);
		goto out_put;
	}
	vdev->channel->ring_size = size;
	device_unlock(&vdev->dev); /* EXPECT-NONE: lock-imbalance */
out_put:
	put_device(&vdev->dev);
	return ret ? ret : count;
}
static BUS_ATTR_WO(ring);

/* "mtu": the error path unlocks, then falls into a second unlock */
static ssize_t mtu_store(const struct bus_type *bus, const char *buf, size_t count)
{
	struct vmbx_device *vdev;
	u32 id, mtu;
	int ret;

	if (sscanf(buf, "%u %u", &id, &mtu) != 2)
		return -EINVAL;
	vdev = vmbx_find_offer(id);
	if (!vdev)
		return -ENODEV;

	device_lock(&vdev->dev);
	ret = vmbx_chan_set_mtu(&vdev->dev, mtu); /* EXPECT-NONE: device-lock-required */
	if (ret) {
		device_unlock(&vdev->dev);
		goto out_unlock;
	}
	vdev->channel->mtu = mtu;
out_unlock:
	device_unlock(&vdev->dev); /* EXPECT: lock-imbalance */
	put_device(&vdev->dev);
	return ret ? ret : count;
}
static BUS_ATTR_WO(mtu);

/* "rescind": the host-side rescind, simulated; arms the grace timer */
static ssize_t rescind_store(const struct bus_type *bus, const char *buf, size_t count)
{
	struct vmbx_device *vdev;
	u32 id;

	if (kstrtou32(buf, 0, &id))
		return -EINVAL;
	vdev = vmbx_find_offer(id);
	if (!vdev)
		return -ENODEV;
	mod_timer(&vdev->rescind_timer, jiffies + HZ);
	put_device(&vdev->dev);
	return count;
}
static BUS_ATTR_WO(rescind);

static struct attribute *vmbx_bus_attrs[] = {
	&bus_attr_ring.attr,
	&bus_attr_mtu.attr,
	&bus_attr_rescind.attr,
	NULL,
};
ATTRIBUTE_GROUPS(vmbx_bus);

const struct bus_type vmbx_bus = {
	.name		= "vmbx",
	.match		= vmbx_match,
	.probe		= vmbx_probe,
	.remove		= vmbx_remove,
	.shutdown	= vmbx_shutdown,
	.online		= vmbx_online,
	.offline	= vmbx_offline,
	.dma_configure	= vmbx_dma_configure,
	.bus_groups	= vmbx_bus_groups,
	.pm		= &vmbx_bus_pm,
};

/* vmbus_drv.c:vmbus_on_event(): channel callbacks run in a tasklet */
static void vmbx_chan_tasklet(struct tasklet_struct *t)
{
	struct vmbx_channel *ch = from_tasklet(ch, t, cb_tasklet);

	if (ch->onchannel_callback)
		ch->onchannel_callback(ch->cb_ctx);
}

/*
 * channel_mgmt.c:vmbus_onoffer_rescind(): the host withdrew the offer.
 * A timer gives the driver a grace period; its expiry marks the
 * channel from softirq context, where no device lock is held.
 */
static void vmbx_rescind_timeout(struct timer_list *t)
{
	struct vmbx_device *vdev = from_timer(vdev, t, rescind_timer);

	vmbx_chan_mark_rescinded(vdev); /* EXPECT: device-lock-required */
	schedule_work(&vdev->rescind_work);
}

/* the rescind work marks the channel under the device lock */
static void vmbx_rescind_work(struct work_struct *work)
{
	struct vmbx_device *vdev = container_of(work, struct vmbx_device, rescind_work);

	scoped_guard(device, &vdev->dev)
		vmbx_chan_mark_rescinded(vdev); /* EXPECT-NONE: device-lock-required */
	device_unregister(&vdev->dev);
}

static void vmbx_device_release(struct device *dev)
{
	struct vmbx_device *vdev = to_vmbx_device(dev);

	timer_shutdown_sync(&vdev->rescind_timer);
	of_node_put(vdev->fw_np);
	kfree(vdev->channel);
	kfree(vdev);
}

/*
 * channel_mgmt.c:vmbus_add_channel_work() -> vmbus_device_create() +
 * vmbus_device_register(): the bus creates the child device itself.
 * A primary channel's device is DMA-configured right here; a
 * sub-channel's through vmbx_subchan_ops (vmbx_chan.c).  The new
 * device's lock is taken so that only the dma rule is in question.
 */
static void vmbx_offer_work(struct work_struct *work)
{
	struct vmbx_offer *offer = container_of(work, struct vmbx_offer, work);
	struct vmbx_device *child;
	int ret = 0;

	child = kzalloc(sizeof(*child), GFP_KERNEL);
	if (!child)
		goto out_free_offer;
	child->channel = kzalloc(sizeof(*child->channel), GFP_KERNEL);
	if (!child->channel) {
		kfree(child);
		goto out_free_offer;
	}
	mutex_init(&child->channel->lock);
	tasklet_setup(&child->channel->cb_tasklet, vmbx_chan_tasklet);
	child->channel->offer_id = offer->id;
	child->channel->ring_size = VMBX_DEF_RING;
	child->dev_type = offer->type;
	child->fw_np = of_node_get(offer->np);
	INIT_WORK(&child->rescind_work, vmbx_rescind_work);
	timer_setup(&child->rescind_timer, vmbx_rescind_timeout, 0);

	device_initialize(&child->dev);
	child->dev.bus = &vmbx_bus;
	child->dev.parent = vmbx_root;
	child->dev.release = vmbx_device_release;
	dev_set_name(&child->dev, "vmbx-%u", offer->id);

	if (offer->sub) {
		child->channel->ops = &vmbx_subchan_ops;
		ret = child->channel->ops->setup_dma(child, offer->np);
	} else if (offer->np) {
		scoped_guard(device, &child->dev)
			ret = of_dma_configure(&child->dev, offer->np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	}
	if (!ret)
		ret = device_add(&child->dev);
	if (ret)
		put_device(&child->dev);
out_free_offer:
	of_node_put(offer->np);
	kfree(offer);
}

static int vmbx_queue_offer(struct device_node *np, u32 id, bool sub)
{
	struct vmbx_offer *offer = kzalloc(sizeof(*offer), GFP_KERNEL);

	if (!offer)
		return -ENOMEM;
	INIT_WORK(&offer->work, vmbx_offer_work);
	offer->np = of_node_get(np);
	offer->id = id;
	offer->sub = sub;
	guid_gen(&offer->type);
	schedule_work(&offer->work);
	return 0;
}

int vmbx_driver_register(struct vmbx_driver *drv)
{
	drv->driver.bus = &vmbx_bus;
	return driver_register(&drv->driver);
}

void vmbx_driver_unregister(struct vmbx_driver *drv)
{
	driver_unregister(&drv->driver);
}

static int vmbx_bus_unregister_child(struct device *dev, void *data)
{
	device_unregister(dev);
	return 0;
}

static int __init vmbx_init(void)
{
	struct device_node *np, *child;
	u32 id = 0;
	int ret;

	vmbx_root = root_device_register("vmbx");
	if (IS_ERR(vmbx_root))
		return PTR_ERR(vmbx_root);
	ret = bus_register(&vmbx_bus);
	if (ret)
		goto err_root;
	ret = vmbx_nic_init();
	if (ret)
		goto err_bus;

	np = of_find_compatible_node(NULL, NULL, "example,vmbx");
	if (np) {
		for_each_available_child_of_node(np, child)
			vmbx_queue_offer(child, id++, of_property_read_bool(child, "sub-channel"));
		of_node_put(np);
	}
	return 0;

err_bus:
	bus_unregister(&vmbx_bus);
err_root:
	root_device_unregister(vmbx_root);
	return ret;
}

static void __exit vmbx_exit(void)
{
	vmbx_nic_exit();
	device_for_each_child(vmbx_root, NULL, vmbx_bus_unregister_child);
	bus_unregister(&vmbx_bus);
	root_device_unregister(vmbx_root);
}

module_init(vmbx_init);
module_exit(vmbx_exit);
MODULE_DESCRIPTION("heldout9 vmbx: VMBus-like private bus");
MODULE_LICENSE("GPL");
