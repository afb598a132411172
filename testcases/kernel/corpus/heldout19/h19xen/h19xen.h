/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h19xen: private header of a xenbus frontend (shapes of
 * drivers/net/xen-netfront.c and drivers/block/xen-blkfront.c) with a
 * small bus of its own for the ring devices it creates.
 */
#ifndef H19XEN_H
#define H19XEN_H

#include <linux/device.h>
#include <linux/workqueue.h>
#include <xen/xenbus.h>

struct device_node;

/* a ring device the frontend allocates and registers on h19xen_bus */
struct h19xen_ring {
	struct device dev;
	struct h19xen_front *front;
	u32 index;
};
#define to_h19xen_ring(d) container_of(d, struct h19xen_ring, dev)

struct h19xen_front {
	struct xenbus_device *xdev;
	struct h19xen_ring *ring;	/* created device, kept */
	struct device *grant_dev;	/* foreign: found by of_find_device_by_node() */
	struct device_node *dma_np;	/* node the frontend is re-pointed at */
	struct delayed_work poll;
	struct delayed_work poll_locked;
	u32 features;
};

extern const struct bus_type h19xen_bus;

/* h19xen_lock.c: helpers with a device-lock contract */
int h19xen_features_locked(struct device *dev, u32 features);
void h19xen_commit(struct device *dev);
int h19xen_rearm(struct device *dev);

/* h19xen_lock.c: lock helpers */
int h19xen_switch_state(struct device *dev, int state);
int h19xen_switch_state_leaky(struct device *dev, int state);
int h19xen_sync_scoped(struct device *dev);

/* h19xen_bus.c */
struct h19xen_ring *h19xen_ring_add(struct h19xen_front *front);
void h19xen_ring_del(struct h19xen_ring *ring);
int h19xen_bus_init(void);
void h19xen_bus_exit(void);

#endif /* H19XEN_H */
