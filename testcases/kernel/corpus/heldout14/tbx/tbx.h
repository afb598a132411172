/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tbx: a Thunderbolt/USB4 service driver in the shape of
 * drivers/thunderbolt/dma_test.c and drivers/net/thunderbolt/main.c, with
 * a private "endpoint" bus for the DMA endpoint devices it creates.
 */
#ifndef __TBX_H
#define __TBX_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/thunderbolt.h>
#include <linux/workqueue.h>

struct dentry;
struct tbx;

/* DMA endpoint child of the service, registered on tbx_ep_bus. */
struct tbx_ep {
	struct device dev;
	struct tbx *tbx;
	u32 hopid;
};

#define to_tbx_ep(d) container_of(d, struct tbx_ep, dev)

struct tbx {
	struct tb_service *svc;
	struct tb_xdomain *xd;
	struct tbx_ep *ep;
	struct tb_protocol_handler handler;
	struct work_struct login_work;
	struct work_struct connected_work;
	struct mutex lock;
	struct dentry *debugfs_dir;
	bool rings_up;
};

extern const struct bus_type tbx_ep_bus;

/* tbx_ep.c */
int tbx_ep_bus_register(void);
void tbx_ep_bus_unregister(void);
struct tbx_ep *tbx_ep_create(struct tbx *tbx);
void tbx_ep_destroy(struct tbx_ep *ep);
int tbx_ep_rebind(struct tbx_ep *ep);

/* tbx_lock.c */
struct tb_service *tbx_lookup_and_lock(struct tb_xdomain *xd, const char *key);
struct tb_service *tbx_lookup_bound(struct tb_xdomain *xd, const char *key);
void tbx_update_paths(struct tb_service *svc);
int tbx_ring_setup_locked(struct tb_service *svc);

#endif /* __TBX_H */
