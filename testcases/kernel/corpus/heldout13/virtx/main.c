// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtx - a memory-statistics/balloon style virtio driver.
 *
 * Mirrors drivers/virtio/virtio_balloon.c (probe/remove, config_changed
 * queueing update_balloon_size_work, the OOM notifier, freeze/restore) and
 * drivers/virtio/virtio_mem.c (the PM notifier), with sysfs knobs shaped
 * like drivers/usb/core/sysfs.c.
 *
 * What the core holds around each callback in 6.12:
 *  - probe/remove: drivers/base/dd.c:__driver_attach()/__device_attach()
 *    and device_release_driver_internal() hold device_lock(&vdev->dev)
 *    around really_probe()/__device_release_driver(), which call
 *    drivers/virtio/virtio.c:virtio_dev_probe()/virtio_dev_remove() as
 *    bus_type.probe/remove, which call drv->probe/drv->remove.
 *  - config_changed: virtio.c:virtio_config_changed() under
 *    spin_lock_irqsave(&vdev->config_lock), from the transport's config
 *    interrupt (virtio_pci_common.c:vp_config_changed(),
 *    virtio_mmio.c:vm_interrupt()): no device lock.  A change that arrived
 *    early is replayed by virtio.c:virtio_config_core_enable() at the end
 *    of virtio_dev_probe() (device lock held) or of virtio_device_restore()
 *    (only the transport's lock held).
 *  - freeze/restore: virtio.c:virtio_device_freeze()/virtio_device_restore()
 *    called from the transport's dev_pm_ops (virtio_pci_common.c:
 *    virtio_pci_freeze()/virtio_pci_restore(), virtio_mmio.c:
 *    virtio_mmio_freeze()/virtio_mmio_restore()).  drivers/base/power/
 *    main.c:device_suspend()/device_resume() hold device_lock() of that
 *    transport device (vdev->dev.parent) only; the virtio bus has no
 *    dev_pm_ops, so device_lock(&vdev->dev) is NOT held.
 *  - sysfs: fs/sysfs/file.c:sysfs_kf_write() -> drivers/base/core.c:
 *    dev_attr_store(): no device lock.
 *  - work items: kernel/workqueue.c:process_one_work(): no device lock.
 *  - OOM notifier: mm/oom_kill.c:out_of_memory() ->
 *    blocking_notifier_call_chain(&oom_notify_list): no device lock.
 *  - PM notifier: kernel/power/suspend.c:suspend_prepare() ->
 *    pm_notifier_call_chain_robust(): no device lock.
 */
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/oom.h>
#include <linux/slab.h>
#include <linux/suspend.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>

#include "virtx.h"

static u32 virtx_towards_target(struct virtx_info *vi)
{
	u32 num_pages;

	virtio_cread_le(vi->vdev, struct virtx_config, num_pages, &num_pages);
	return num_pages;
}

/*
 * virtio_balloon.c:virtballoon_changed().  Runs under vdev->config_lock
 * from the config interrupt (see the header comment): no device lock on
 * that path.  The size acknowledgement is written straight from here
 * instead of from update_size_work.
 */
static void virtx_changed(struct virtio_device *vdev)
{
	struct virtx_info *vi = vdev->priv;
	unsigned long flags;
	u32 events;

	virtio_cread_le(vdev, struct virtx_config, events, &events);

	spin_lock_irqsave(&vi->stop_update_lock, flags);
	if (!vi->stop_update) {
		vi->events |= events;
		if (events & VIRTX_EVT_RESET)
			queue_work(system_freezable_wq, &vi->event_work);
		if (events & VIRTX_EVT_RESIZE)
			queue_work(system_freezable_wq, &vi->resize_work);
		if (events & VIRTX_EVT_POLL)
			mod_delayed_work(system_freezable_wq, &vi->poll_work, 0);
		queue_work(system_freezable_wq, &vi->update_size_work);
	}
	spin_unlock_irqrestore(&vi->stop_update_lock, flags);

	/* The host wants the current size acknowledged at once. */
	if (events & VIRTX_EVT_ACK)
		virtx_set_target_locked(vdev, vi->target); /* EXPECT: device-lock-required */
}

/*
 * virtio_balloon.c:update_balloon_size_func(), the work item queued by
 * virtx_changed().  Workqueue context, no device lock on entry; the
 * usb/core/hub.c:hub_event() work item takes the device lock the same way.
 */
static void virtx_update_size_work(struct work_struct *work)
{
	struct virtx_info *vi = container_of(work, struct virtx_info,
					     update_size_work);

	guard(device)(vi->dev); /* EXPECT-NONE: lock-imbalance */
	virtx_set_target_locked(vi->vdev, virtx_towards_target(vi)); /* EXPECT-NONE: device-lock-required */
}

/*
 * Control-queue recovery.  Static helper with no lock contract of its own:
 * it inherits virtx_reinit_vqs()'s requirement from its only caller.
 */
static int virtx_refresh(struct virtx_info *vi)
{
	return virtx_reinit_vqs(vi); /* EXPECT: device-lock-required @virtx_refresh */
}

/*
 * Queued by ctrl.c:virtx_ctrl_ack() (vring interrupt) when the control
 * queue breaks.  Workqueue context, no device lock on entry
 * (kernel/workqueue.c:process_one_work()).
 */
static void virtx_reinit_work(struct work_struct *work)
{
	struct virtx_info *vi = container_of(work, struct virtx_info,
					     reinit_work);
	int err;

	err = virtx_refresh(vi); /* EXPECT: device-lock-required @virtx_refresh */
	if (err)
		dev_err(vi->dev, "virtqueue reset failed: %d\n", err);
}

/*
 * VIRTX_EVT_RESET handling, queued by virtx_changed() like
 * virtio_balloon.c:update_balloon_size_func(); locks the way
 * drivers/cxl/pci.c:cxl_reset_done() does with guard(device).  Workqueue
 * context, no device lock on entry; the lock is taken through the virtio
 * device (&vi->vdev->dev) and the helper asserts it through vi->dev, the
 * same device.
 */
static void virtx_event_work(struct work_struct *work)
{
	struct virtx_info *vi = container_of(work, struct virtx_info,
					     event_work);
	unsigned long flags;
	u32 events;
	int err;

	spin_lock_irqsave(&vi->stop_update_lock, flags);
	events = vi->events;
	vi->events = 0;
	spin_unlock_irqrestore(&vi->stop_update_lock, flags);

	if (!(events & VIRTX_EVT_RESET))
		return;

	guard(device)(&vi->vdev->dev);
	err = virtx_reinit_vqs(vi); /* EXPECT-NONE: device-lock-required */
	if (err)
		dev_err(vi->dev, "device reset failed: %d\n", err);
}

/*
 * Periodic statistics refresh (virtio_balloon.c:update_balloon_stats_func()
 * runs from a work item too).  Workqueue context, no device lock on entry.
 * Backs off when the lock is contended, like drivers/pci/pci.c:
 * pci_dev_trylock().
 */
static void virtx_stats_work(struct work_struct *work)
{
	struct virtx_info *vi = container_of(to_delayed_work(work),
					     struct virtx_info, stats_work);

	if (!device_trylock(vi->dev)) {
		schedule_delayed_work(&vi->stats_work, HZ / 10);
		return;
	}

	virtx_update_stats(vi->vdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(vi->dev); /* EXPECT-NONE: lock-imbalance */
}

/*
 * Host-requested poll, queued by virtx_changed(): the same shape as
 * virtx_stats_work() (pci.c:pci_dev_trylock()) but the trylock result is
 * ignored.  Workqueue context, no device lock on entry.
 */
static void virtx_poll_work(struct work_struct *work)
{
	struct virtx_info *vi = container_of(to_delayed_work(work),
					     struct virtx_info, poll_work);

	device_trylock(vi->dev);
	virtx_update_stats(vi->vdev); /* EXPECT: device-lock-required */
	device_unlock(vi->dev); /* EXPECT: lock-imbalance */
}

/*
 * Resize request from the host, queued by virtx_changed()
 * (virtio_balloon.c:update_balloon_size_func()).  Workqueue context, no
 * device lock on entry.  virtx_lock_active() returns 0 with the device
 * lock held.
 */
static void virtx_resize_work(struct work_struct *work)
{
	struct virtx_info *vi = container_of(work, struct virtx_info,
					     resize_work);

	/*
	 * Not labelled: virtx_lock_active() leaks the lock on its -ENODEV
	 * path (labelled there, in ctrl.c); this return inherits that leak,
	 * and whether an engine reports it here as well is not specified.
	 */
	if (virtx_lock_active(vi))
		return;

	virtx_set_target_locked(vi->vdev, virtx_towards_target(vi)); /* EXPECT-NONE: device-lock-required */
	virtx_unlock(vi);
}

/*
 * virtio_balloon.c:virtio_balloon_oom_notify().  Called from
 * mm/oom_kill.c:out_of_memory() through the blocking OOM chain: no device
 * lock.  The lock is dropped before the target is reported.
 */
static int virtx_oom_notify(struct notifier_block *nb, unsigned long dummy,
			    void *parm)
{
	struct virtx_info *vi = container_of(nb, struct virtx_info, oom_nb);
	unsigned long *freed = parm;
	u32 target;

	virtx_lock(vi);
	target = vi->target > 256 ? vi->target - 256 : 0;
	*freed += vi->target - target;
	virtx_unlock(vi);

	virtx_set_target_locked(vi->vdev, target); /* EXPECT: device-lock-required */
	return NOTIFY_OK;
}

/*
 * virtio_mem.c:virtio_mem_pm_notifier_cb().  Called from
 * kernel/power/suspend.c:suspend_prepare() and kernel/power/hibernate.c
 * through pm_notifier_call_chain_robust(): no device lock.
 */
static int virtx_pm_notify(struct notifier_block *nb, unsigned long action,
			   void *arg)
{
	struct virtx_info *vi = container_of(nb, struct virtx_info, pm_nb);

	if (action != PM_SUSPEND_PREPARE && action != PM_HIBERNATION_PREPARE)
		return NOTIFY_DONE;

	virtx_lock(vi);
	virtx_update_stats(vi->vdev); /* EXPECT-NONE: device-lock-required */
	virtx_unlock(vi);

	return NOTIFY_OK;
}

/*
 * sysfs store: fs/sysfs/file.c:sysfs_kf_write() -> drivers/base/core.c:
 * dev_attr_store(), no device lock.  Writes like drivers/misc/mei/main.c:
 * tx_queue_limit_store() but forgets the lock the helper needs.
 */
static ssize_t num_pages_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct virtio_device *vdev = dev_to_virtio(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	virtx_set_target_locked(vdev, val); /* EXPECT: device-lock-required */
	return count;
}

static ssize_t num_pages_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct virtx_info *vi = dev_to_virtio(dev)->priv;

	return sysfs_emit(buf, "%u\n", vi->num_pages);
}
static DEVICE_ATTR_RW(num_pages);

/*
 * sysfs store, no device lock on entry (see num_pages_store()).  Locks the
 * way drivers/usb/core/sysfs.c:bConfigurationValue_store() does, through
 * a wrapper that returns 0 holding the lock.
 */
static ssize_t target_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct virtio_device *vdev = dev_to_virtio(dev);
	struct virtx_info *vi = vdev->priv;
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	ret = virtx_lock_interruptible(vi);
	if (ret)
		return ret;

	virtx_set_target_locked(vdev, val); /* EXPECT-NONE: device-lock-required */
	virtx_unlock(vi);
	return count;
}

static ssize_t target_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct virtx_info *vi = dev_to_virtio(dev)->priv;

	return sysfs_emit(buf, "%u\n", vi->target);
}
static DEVICE_ATTR_RW(target);

static struct attribute *virtx_attrs[] = {
	&dev_attr_num_pages.attr,
	&dev_attr_target.attr,
	NULL
};
ATTRIBUTE_GROUPS(virtx);

/*
 * virtio_balloon.c:virtballoon_probe().  device_lock(&vdev->dev) is held
 * by drivers/base/dd.c around really_probe() -> virtio_dev_probe().
 */
static int virtx_probe(struct virtio_device *vdev)
{
	struct virtx_info *vi;
	int err;

	if (!vdev->config->get) {
		dev_err(&vdev->dev, "%s failure: config access disabled\n",
			__func__);
		return -EINVAL;
	}

	vi = kzalloc(sizeof(*vi), GFP_KERNEL);
	if (!vi)
		return -ENOMEM;

	vdev->priv = vi;
	vi->vdev = vdev;
	vi->dev = &vdev->dev;
	spin_lock_init(&vi->stop_update_lock);
	INIT_WORK(&vi->update_size_work, virtx_update_size_work);
	INIT_WORK(&vi->reinit_work, virtx_reinit_work);
	INIT_WORK(&vi->event_work, virtx_event_work);
	INIT_WORK(&vi->resize_work, virtx_resize_work);
	INIT_DELAYED_WORK(&vi->stats_work, virtx_stats_work);
	INIT_DELAYED_WORK(&vi->poll_work, virtx_poll_work);

	err = virtx_init_vqs(vi);
	if (err)
		goto out_free;

	err = virtx_setup_dma(vi);
	if (err)
		goto out_del_vqs;

	err = virtx_attach_dma_peer(vi); /* EXPECT: device-lock-required @virtx_dma_peer */
	if (err)
		goto out_del_vqs;

	err = virtx_fw_init(vi); /* EXPECT: device-lock-required @virtx_fw */
	if (err)
		goto out_dma;

	err = virtx_shm_init(vi);
	if (err)
		goto out_dma;

	virtio_device_ready(vdev);

	/* Prime the stats queue, as virtio_balloon.c:init_vqs() does. */
	virtx_update_stats(vdev);

	vi->oom_nb.notifier_call = virtx_oom_notify;
	vi->oom_nb.priority = 80;
	err = register_oom_notifier(&vi->oom_nb);
	if (err)
		goto out_reset;

	vi->pm_nb.notifier_call = virtx_pm_notify;
	err = register_pm_notifier(&vi->pm_nb);
	if (err)
		goto out_oom;

	vi->ready = true;
	if (virtx_towards_target(vi))
		queue_work(system_freezable_wq, &vi->update_size_work);
	return 0;

out_oom:
	unregister_oom_notifier(&vi->oom_nb);
out_reset:
	virtio_reset_device(vdev);
out_dma:
	virtx_dma_teardown(vi);
out_del_vqs:
	vdev->config->del_vqs(vdev);
out_free:
	kfree(vi);
	return err;
}

static void virtx_stop_updates(struct virtx_info *vi)
{
	spin_lock_irq(&vi->stop_update_lock);
	vi->stop_update = true;
	spin_unlock_irq(&vi->stop_update_lock);
}

/*
 * virtio_balloon.c:virtballoon_remove().  drivers/base/dd.c:
 * device_release_driver_internal() already holds device_lock(&vdev->dev)
 * around __device_release_driver() -> virtio.c:virtio_dev_remove(), so the
 * scoped_guard() below takes it a second time.
 */
static void virtx_remove(struct virtio_device *vdev)
{
	struct virtx_info *vi = vdev->priv;

	unregister_pm_notifier(&vi->pm_nb);
	unregister_oom_notifier(&vi->oom_nb);
	virtx_stop_updates(vi);

	scoped_guard(device, &vdev->dev) { /* EXPECT: lock-imbalance */
		vi->removing = true;
		virtx_set_target_locked(vdev, 0);
	}

	cancel_work_sync(&vi->update_size_work);
	cancel_work_sync(&vi->reinit_work);
	cancel_work_sync(&vi->event_work);
	cancel_work_sync(&vi->resize_work);
	cancel_delayed_work_sync(&vi->stats_work);
	cancel_delayed_work_sync(&vi->poll_work);

	virtio_reset_device(vdev);
	vdev->config->del_vqs(vdev);
	virtx_dma_teardown(vi);
	kfree(vi);
}

#ifdef CONFIG_PM_SLEEP
/*
 * virtio_balloon.c:virtballoon_freeze().  Called through
 * virtio.c:virtio_device_freeze() from the transport's dev_pm_ops: the PM
 * core (drivers/base/power/main.c:device_suspend()) holds the lock of
 * vdev->dev.parent, not of vdev->dev.
 */
static int virtx_freeze(struct virtio_device *vdev)
{
	struct virtx_info *vi = vdev->priv;

	/* Hand the host a last snapshot before the queues go away. */
	virtx_update_stats(vdev); /* EXPECT: device-lock-required */

	virtio_reset_device(vdev);
	vdev->config->del_vqs(vdev);
	vi->ready = false;
	return 0;
}

/*
 * virtio_balloon.c:virtballoon_restore().  Called through
 * virtio.c:virtio_device_restore() from the transport's dev_pm_ops: the PM
 * core (drivers/base/power/main.c:device_resume()) holds the lock of
 * vdev->dev.parent only.  The child's own lock is free at this point (it is
 * resumed after its parent), so it is taken here.
 */
static int virtx_restore(struct virtio_device *vdev)
{
	struct virtx_info *vi = vdev->priv;
	int ret;

	ret = virtx_init_vqs(vi);
	if (ret)
		return ret;

	ret = virtx_reconfigure_transport_dma(vi);
	if (ret)
		return ret;

	virtio_device_ready(vdev);

	scoped_guard(device, &vdev->dev) { /* EXPECT-NONE: lock-imbalance */
		virtx_update_stats(vdev); /* EXPECT-NONE: device-lock-required */
		vi->ready = true;
	}

	return 0;
}
#endif

static const struct virtio_device_id virtx_id_table[] = {
	{ VIRTIO_ID_BALLOON, VIRTIO_DEV_ANY_ID },
	{ 0 },
};

static struct virtio_driver virtx_driver = {
	.driver.name		= KBUILD_MODNAME,
	.driver.dev_groups	= virtx_groups,
	.id_table		= virtx_id_table,
	.probe			= virtx_probe,
	.remove			= virtx_remove,
	.config_changed		= virtx_changed,
#ifdef CONFIG_PM_SLEEP
	.freeze			= virtx_freeze,
	.restore		= virtx_restore,
#endif
};

module_virtio_driver(virtx_driver);
MODULE_DEVICE_TABLE(virtio, virtx_id_table);
MODULE_DESCRIPTION("virtx statistics and sizing driver");
MODULE_LICENSE("GPL");
