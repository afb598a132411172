/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ntbx - private definitions for the NTB transport-style client.
 *
 * Follows drivers/ntb/ntb_transport.c: a per-NTB context (struct
 * ntb_transport_ctx there) with memory windows and link work, and a small
 * bus of client devices (ntb_transport_bus, struct ntb_transport_client_dev)
 * that protocol drivers bind to.
 */
#ifndef _NTBX_H
#define _NTBX_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/ntb.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define NTBX_PIDX	NTB_DEF_PEER_IDX

struct ntbx_mw {
	phys_addr_t phys_addr;
	resource_size_t phys_size;
	size_t alloc_size;
	void *virt_addr;
	dma_addr_t dma_addr;
};

struct ntbx_ctx {
	struct ntb_dev *ndev;
	struct ntbx_mw *mw_vec;
	int mw_count;
	bool link_is_up;

	struct delayed_work link_work;
	struct work_struct link_cleanup;
	struct dentry *dbgfs_dir;

	struct list_head client_devs;
	struct list_head entry;
};

/* A device on the ntbx bus, one per registered client name and NTB. */
struct ntbx_client_dev {
	struct device dev;
	struct ntbx_ctx *nt;
	struct list_head entry;
	u32 req_id;
	bool started;
};
#define dev_to_ntbx_client(__dev) \
	container_of((__dev), struct ntbx_client_dev, dev)

struct ntbx_client_driver {
	struct device_driver driver;
	int (*probe)(struct ntbx_client_dev *cdev);
	void (*remove)(struct ntbx_client_dev *cdev);
};
#define drv_to_ntbx_client(__drv) \
	container_of_const((__drv), struct ntbx_client_driver, driver)

/* qp.c */
int ntbx_link_enable_locked(struct ntb_dev *ntb);
int ntbx_setup_mw(struct ntbx_ctx *nt, int idx);
void ntbx_free_mw(struct ntbx_ctx *nt, int idx);
void ntbx_client_reset(struct device *dev);

/* bus.c */
int ntbx_bus_init(void);
void ntbx_bus_exit(void);
void ntbx_bus_add_ctx(struct ntbx_ctx *nt);
void ntbx_bus_remove_ctx(struct ntbx_ctx *nt);
int ntbx_register_client_dev(const char *name);
void ntbx_unregister_client_dev(const char *name);
int ntbx_register_client_driver(struct ntbx_client_driver *drv);
void ntbx_unregister_client_driver(struct ntbx_client_driver *drv);

#endif /* _NTBX_H */
