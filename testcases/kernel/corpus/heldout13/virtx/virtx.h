/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * virtx - private definitions shared by main.c, ctrl.c and dma.c.
 *
 * The layout follows drivers/virtio/virtio_balloon.c: one private struct
 * hung off vdev->priv, config-change work items, an OOM notifier, and
 * freeze/restore.  vi->dev caches &vdev->dev the way many drivers keep a
 * "struct device *dev" member next to the bus device.
 */
#ifndef _VIRTX_H
#define _VIRTX_H

#include <linux/device.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/virtio.h>
#include <linux/workqueue.h>

struct platform_device;

/* Device configuration space, read with virtio_cread_le() */
struct virtx_config {
	__le32 num_pages;
	__le32 actual;
	__le32 events;
};

#define VIRTX_EVT_RESET		BIT(0)
#define VIRTX_EVT_RESIZE	BIT(1)
#define VIRTX_EVT_POLL		BIT(2)
#define VIRTX_EVT_ACK		BIT(3)

enum virtx_stat {
	VIRTX_STAT_FREE,
	VIRTX_STAT_AVAIL,
	VIRTX_STAT_CACHES,
	VIRTX_STAT_TOTAL,
	VIRTX_STAT_NR,
};

struct virtx_stat_entry {
	__le16 tag;
	__le64 val;
} __packed;

struct virtx_info {
	struct virtio_device *vdev;
	struct device *dev;			/* &vdev->dev */
	struct virtqueue *ctrl_vq;
	struct virtqueue *stats_vq;

	/* Serialises stop_update against the config interrupt */
	spinlock_t stop_update_lock;
	bool stop_update;

	struct work_struct update_size_work;
	struct work_struct reinit_work;
	struct work_struct event_work;
	struct work_struct resize_work;
	struct delayed_work stats_work;
	struct delayed_work poll_work;

	struct notifier_block oom_nb;
	struct notifier_block pm_nb;

	u32 num_pages;
	u32 target;
	u32 events;
	bool removing;
	bool ready;
	struct virtx_stat_entry stats[VIRTX_STAT_NR];

	struct device *dma_peer;		/* found by phandle, not ours */
	struct platform_device *fw_pdev;	/* created by us */
	struct platform_device *shm_pdev;	/* created by us */
};

/* ctrl.c */
int virtx_init_vqs(struct virtx_info *vi);
int virtx_reinit_vqs(struct virtx_info *vi);
void virtx_set_target_locked(struct virtio_device *vdev, u32 target);
void virtx_update_stats(struct virtio_device *vdev);
void virtx_lock(struct virtx_info *vi);
void virtx_unlock(struct virtx_info *vi);
int virtx_lock_interruptible(struct virtx_info *vi);
int virtx_lock_active(struct virtx_info *vi);

/* dma.c */
int virtx_setup_dma(struct virtx_info *vi);
int virtx_attach_dma_peer(struct virtx_info *vi);
int virtx_reconfigure_transport_dma(struct virtx_info *vi);
int virtx_fw_init(struct virtx_info *vi);
int virtx_shm_init(struct virtx_info *vi);
void virtx_dma_teardown(struct virtx_info *vi);

#endif /* _VIRTX_H */
