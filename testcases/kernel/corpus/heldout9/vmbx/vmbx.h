/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmbx: a private VMBus-like bus, shaped on drivers/hv/vmbus_drv.c and
 * drivers/hv/channel_mgmt.c of Linux 6.12.  The host "offers" channels;
 * the bus creates one vmbx_device per offer (vmbus_device_create() +
 * vmbus_device_register()), binds vmbx_drivers to them, and runs the
 * drivers' system-sleep callbacks from both the normal phase (under
 * device_lock(), drivers/base/power/main.c:device_suspend()) and the
 * noirq phase (no device lock, device_suspend_noirq()), as vmbus_pm.
 */
#ifndef _VMBX_H
#define _VMBX_H

#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/timer.h>
#include <linux/uuid.h>
#include <linux/workqueue.h>

struct vmbx_device;

struct vmbx_chan_ops {
	/* sub-channel devices are DMA-configured through this table */
	int (*setup_dma)(struct vmbx_device *vdev, struct device_node *np);
};

struct vmbx_channel {
	struct mutex lock;		/* ring state */
	struct tasklet_struct cb_tasklet;
	void (*onchannel_callback)(void *ctx);
	void *cb_ctx;
	u32 offer_id;
	u32 ring_size;
	u32 mtu;
	void *ring;
	bool rescinded;
	const struct vmbx_chan_ops *ops;
};

struct vmbx_device {
	struct device dev;
	struct vmbx_channel *channel;
	guid_t dev_type;
	struct device_node *fw_np;	/* DT node of the offer, if any */
	bool has_id;			/* offer carries a stream id */
	struct work_struct rescind_work;
	struct timer_list rescind_timer;
};

#define to_vmbx_device(d)	container_of(d, struct vmbx_device, dev)

struct vmbx_driver {
	struct device_driver driver;
	const guid_t *guid;
	int (*probe)(struct vmbx_device *vdev);
	void (*remove)(struct vmbx_device *vdev);
	void (*shutdown)(struct vmbx_device *vdev);
	int (*suspend)(struct vmbx_device *vdev);	/* normal phase */
	int (*resume)(struct vmbx_device *vdev);	/* normal phase */
	int (*freeze_noirq)(struct vmbx_device *vdev);	/* noirq phase */
	int (*thaw_noirq)(struct vmbx_device *vdev);	/* noirq phase */
};

#define to_vmbx_driver(d)	container_of_const(d, struct vmbx_driver, driver)

#define VMBX_DEF_RING	(16 * 4096)

extern const struct bus_type vmbx_bus;
extern const struct vmbx_chan_ops vmbx_subchan_ops;

/* vmbx_chan.c: the bus's dma_configure callback, set in vmbx_bus.c */
int vmbx_dma_configure(struct device *child);

/* vmbx_chan.c: channel helpers with a device-lock contract */
int vmbx_chan_set_ring_locked(struct vmbx_device *vdev, u32 size);
void vmbx_chan_mark_rescinded(struct vmbx_device *vdev);
int vmbx_chan_set_mtu(struct device *dev, u32 mtu);
void vmbx_chan_reset_state(struct vmbx_device *vdev);

/* vmbx_chan.c: lock helpers */
int vmbx_lock_for_teardown(struct vmbx_device *vdev);
void vmbx_unlock_teardown(struct vmbx_device *vdev);
void vmbx_chan_drain(struct vmbx_channel *ch);
int vmbx_chan_flush(struct vmbx_channel *ch, bool need_lock);

/* vmbx_bus.c */
int vmbx_driver_register(struct vmbx_driver *drv);
void vmbx_driver_unregister(struct vmbx_driver *drv);

/* vmbx_nic.c */
int vmbx_nic_init(void);
void vmbx_nic_exit(void);

#endif /* _VMBX_H */
