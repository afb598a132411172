/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * h1x: a host1x logical-device driver in the shape of
 * drivers/gpu/drm/tegra/drm.c (host1x_drm_driver), with memory-context
 * child devices in the shape of drivers/gpu/host1x/context.c.
 */
#ifndef __H1X_H
#define __H1X_H

#include <linux/device.h>
#include <linux/host1x.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

struct dentry;
struct device_node;
struct h1x;

/* Memory-context device, one per iommu-map entry (host1x context.c). */
struct h1x_ctx {
	struct device dev;
	struct h1x *h;
	u32 id;
	u64 dma_mask;
	struct device_dma_parameters dma_parms;
};

#define to_h1x_ctx(d) container_of(d, struct h1x_ctx, dev)

struct h1x {
	struct host1x_device *hdev;
	struct h1x_ctx *ctxs;
	unsigned int num_ctx;
	struct work_struct iommu_work;
	struct work_struct guarded_work;
	struct dentry *debugfs;
};

extern const struct bus_type h1x_ctx_bus;

/* h1x_ctx.c */
int h1x_ctx_bus_register(void);
void h1x_ctx_bus_unregister(void);
int h1x_ctx_list_init(struct h1x *h);
void h1x_ctx_list_free(struct h1x *h);
int h1x_ctx_reconfigure(struct h1x *h, unsigned int i);
int h1x_ctx_quiesce(struct h1x *h, unsigned int i);
int h1x_ctx_resume(struct h1x *h, unsigned int i);

/* h1x_lock.c */
struct host1x_device *h1x_lock_logical(struct h1x *h);
void h1x_sync_dma_mask(struct host1x_device *hdev);
int h1x_set_dma_node(struct host1x_device *hdev, struct device_node *np);

#endif /* __H1X_H */
