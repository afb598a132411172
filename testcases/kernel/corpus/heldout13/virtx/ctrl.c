// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtx control path: virtqueue setup, config-space writes, statistics,
 * and the device-lock wrappers main.c uses.
 *
 * Mirrors drivers/virtio/virtio_balloon.c (init_vqs(), update_balloon_size(),
 * update_balloon_stats(), stats_request()).  The lock contracts are written
 * the way drivers/cxl/core/port.c writes them: device_lock_assert() at the
 * top of find_dport()/add_dport(), a "_locked" suffix and a kernel-doc
 * "Context:" line on cxl_decoder_add_locked().
 *
 * Nothing in this file is a callback: no core calls into it, so no lock is
 * held on entry except what the caller in main.c or dma.c holds.
 */
#include <linux/device.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>

#include "virtx.h"

/* Virtqueue callbacks run from the transport's vring interrupt. */
static void virtx_ctrl_ack(struct virtqueue *vq)
{
	struct virtx_info *vi = vq->vdev->priv;
	unsigned int len;

	while (virtqueue_get_buf(vq, &len))
		;

	/* A broken control queue is recovered by resetting the device. */
	if (virtqueue_is_broken(vq))
		queue_work(system_freezable_wq, &vi->reinit_work);
}

static void virtx_stats_request(struct virtqueue *vq)
{
	struct virtx_info *vi = vq->vdev->priv;

	spin_lock(&vi->stop_update_lock);
	if (!vi->stop_update)
		mod_delayed_work(system_freezable_wq, &vi->stats_work, 0);
	spin_unlock(&vi->stop_update_lock);
}

/* virtio_balloon.c:init_vqs() */
int virtx_init_vqs(struct virtx_info *vi)
{
	struct virtqueue_info vqs_info[2] = {
		{ .name = "ctrl", .callback = virtx_ctrl_ack },
		{ .name = "stats", .callback = virtx_stats_request },
	};
	struct virtqueue *vqs[2];
	int err;

	err = virtio_find_vqs(vi->vdev, 2, vqs, vqs_info, NULL);
	if (err)
		return err;

	vi->ctrl_vq = vqs[0];
	vi->stats_vq = vqs[1];
	return 0;
}

/**
 * virtx_reinit_vqs() - reset the device and recreate its virtqueues
 * @vi: driver state
 *
 * Used when the device reports VIRTX_EVT_RESET.  Resetting races with
 * probe/remove and with a concurrent unbind through sysfs, so the caller
 * must hold the device lock; cxl/core/port.c:find_dport() asserts the same
 * way.
 *
 * Return: 0 or a negative errno from virtio_find_vqs().
 */
int virtx_reinit_vqs(struct virtx_info *vi)
{
	struct virtio_device *vdev = vi->vdev;
	int err;

	device_lock_assert(vi->dev);

	virtio_reset_device(vdev);
	vdev->config->del_vqs(vdev);

	err = virtx_init_vqs(vi);
	if (err)
		return err;

	virtio_device_ready(vdev);
	return 0;
}

/*
 * virtio_balloon.c:update_balloon_size(): report the new size to the host.
 * The "_locked" suffix is the contract: device_lock(&vdev->dev) is held.
 */
void virtx_set_target_locked(struct virtio_device *vdev, u32 target)
{
	struct virtx_info *vi = vdev->priv;
	u32 actual = target;

	vi->target = target;
	virtio_cwrite_le(vdev, struct virtx_config, actual, &actual);
}

static void virtx_fill_stat(struct virtx_info *vi, int idx, u16 tag, u64 val)
{
	vi->stats[idx].tag = cpu_to_le16(tag);
	vi->stats[idx].val = cpu_to_le64(val);
}

/**
 * virtx_update_stats() - queue a fresh statistics buffer to the host
 * @vdev: the virtio device
 *
 * virtio_balloon.c:stats_handle_request() does this from a work item; here
 * it is also called on probe and before the device is frozen.
 *
 * Context: Process context. Caller holds the device lock of @vdev.
 */
void virtx_update_stats(struct virtio_device *vdev)
{
	struct virtx_info *vi = vdev->priv;
	struct scatterlist sg;
	struct sysinfo i;
	unsigned int len;

	si_meminfo(&i);
	virtx_fill_stat(vi, VIRTX_STAT_FREE, VIRTX_STAT_FREE,
			(u64)i.freeram << PAGE_SHIFT);
	virtx_fill_stat(vi, VIRTX_STAT_AVAIL, VIRTX_STAT_AVAIL,
			(u64)si_mem_available() << PAGE_SHIFT);
	virtx_fill_stat(vi, VIRTX_STAT_CACHES, VIRTX_STAT_CACHES,
			(u64)i.bufferram << PAGE_SHIFT);
	virtx_fill_stat(vi, VIRTX_STAT_TOTAL, VIRTX_STAT_TOTAL,
			(u64)i.totalram << PAGE_SHIFT);

	/* Reclaim the buffer the host handed back, then requeue it. */
	virtqueue_get_buf(vi->stats_vq, &len);
	sg_init_one(&sg, vi->stats, sizeof(vi->stats));
	if (!virtqueue_add_outbuf(vi->stats_vq, &sg, 1, vi, GFP_KERNEL))
		virtqueue_kick(vi->stats_vq);
}

/*
 * Lock wrappers.  virtx_lock() returns holding device_lock(vi->dev) and
 * virtx_unlock() drops it, like include/linux/usb.h:usb_lock_device().
 */
void virtx_lock(struct virtx_info *vi)
{
	device_lock(vi->dev);
}

void virtx_unlock(struct virtx_info *vi)
{
	device_unlock(vi->dev);
}

/*
 * Returns 0 with the device lock held, or an error without it: the
 * device_lock_interruptible() convention (drivers/usb/core/sysfs.c:
 * bConfigurationValue_store() uses it through usb_lock_device_interruptible()).
 */
int virtx_lock_interruptible(struct virtx_info *vi)
{
	if (device_lock_interruptible(vi->dev))
		return -ERESTARTSYS;	/* EXPECT-NONE: lock-imbalance */

	if (vi->removing) {
		device_unlock(vi->dev);
		return -ENODEV;		/* EXPECT-NONE: lock-imbalance */
	}

	return 0;			/* EXPECT-NONE: lock-imbalance */
}

/*
 * Same intent as virtx_lock_interruptible() (the usb/core/sysfs.c
 * convention), but the "removing" error path forgets to drop the lock: it
 * returns -ENODEV holding device_lock() while the -EAGAIN error path
 * returns without it.
 */
int virtx_lock_active(struct virtx_info *vi)
{
	device_lock(vi->dev);

	if (vi->removing)
		return -ENODEV;		/* EXPECT: lock-imbalance */

	if (!vi->ready) {
		device_unlock(vi->dev);
		return -EAGAIN;
	}

	return 0;
}
