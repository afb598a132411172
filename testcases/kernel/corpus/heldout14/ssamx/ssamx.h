/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ssamx: a Surface System Aggregator client driver in the shape of
 * drivers/platform/surface/surface_aggregator_hub.c: it watches a
 * connection event and instantiates a client device when connected, and
 * registers per-function child devices on a private bus.
 */
#ifndef __SSAMX_H
#define __SSAMX_H

#include <linux/device.h>
#include <linux/workqueue.h>
#include <linux/surface_aggregator/controller.h>
#include <linux/surface_aggregator/device.h>

struct device_node;
struct ssamx;

/* Function child of the hub device, registered on ssamx_fn_bus. */
struct ssamx_fn {
	struct device dev;
	struct ssamx *sx;
	u32 fn_id;
};

#define to_ssamx_fn(d) container_of(d, struct ssamx_fn, dev)

struct ssamx {
	struct ssam_device *sdev;
	struct ssam_device *child;
	struct ssamx_fn *fn;
	struct ssam_event_notifier notif;
	struct delayed_work update_work;
	struct work_struct ctrl_work;
	bool connected;
};

extern const struct bus_type ssamx_fn_bus;

/* ssamx_hub.c */
int ssamx_fn_bus_register(void);
void ssamx_fn_bus_unregister(void);
int ssamx_fn_add(struct ssamx *sx);
void ssamx_fn_remove(struct ssamx *sx);
void ssamx_update_workfn(struct work_struct *work);
void ssamx_child_remove(struct ssamx *sx);

/* ssamx_lock.c */
int ssamx_hub_lock(struct ssamx *sx);
void ssamx_hub_unlock(struct ssamx *sx);
int ssamx_hub_state(struct ssamx *sx, bool *connected);
int ssamx_hub_flags(struct ssamx *sx, unsigned long *flags);
void ssamx_refresh_children(struct ssam_device *sdev);
int ssamx_child_dma_setup(struct ssam_device *child, struct device_node *np);

#endif /* __SSAMX_H */
