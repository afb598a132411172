/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gbx - Greybus streaming bundle, its host controller and function devices
 */
#ifndef _GBX_H
#define _GBX_H

#include <linux/device.h>
#include <linux/greybus.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

#define GBX_TYPE_EVENT		0x02
#define GBX_TYPE_RESYNC		0x03
#define GBX_TYPE_REMAP		0x04
#define GBX_TYPE_REMAP_EARLY	0x05

#define GBX_NUM_CPORTS		16
#define GBX_BUF_MAX		2048

struct gbx_fn;

/* Per-bundle state of the greybus driver. */
struct gbx_dev {
	struct gb_bundle *bundle;
	struct gb_connection *connection;
	struct gbx_fn *fn;
	u8 state;
	struct work_struct event_work;
	struct work_struct intf_work;
	struct work_struct intf_bind_work;
};

/* A streaming function of the bundle, exposed on the gbx bus. */
struct gbx_fn {
	struct device dev;
	struct gbx_dev *gdev;
	u32 stream;
	bool active;
};

#define to_gbx_fn(d)	container_of(d, struct gbx_fn, dev)

/* Host controller private data, in gb_host_device::hd_priv. */
struct gbx_host {
	struct platform_device *pdev;
	struct gb_host_device *hd;
	void __iomem *base;
	unsigned long cports_live;
	struct work_struct dma_work;
	struct work_struct rx_work;
};

/* gbx_core.c */
int gbx_bundle_sync_locked(struct gb_bundle *bundle);
int gbx_hd_cport_setup_locked(struct gb_host_device *hd, u16 cport_id,
			      bool on);
int gbx_fn_set_active_locked(struct gbx_fn *fn, bool on);
int gbx_fn_activate(struct gbx_fn *fn);
struct gb_host_device *gbx_hd_lock(struct gb_bundle *bundle);
bool gbx_bundle_trylock_bound(struct gb_bundle *bundle);
struct gbx_fn *gbx_fn_create(struct gbx_dev *gdev);
void gbx_fn_destroy(struct gbx_fn *fn);
int gbx_bus_init(void);
void gbx_bus_exit(void);

/* gbx_host.c */
extern struct platform_driver gbx_host_driver;

#endif /* _GBX_H */
