/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fslmcx - DPAA2 switch-like object driver with per-port child devices
 */
#ifndef _FSLMCX_H
#define _FSLMCX_H

#include <linux/device.h>
#include <linux/fsl/mc.h>
#include <linux/notifier.h>
#include <linux/workqueue.h>

#define FSLMCX_MAX_PORTS	8

#define FSLMCX_F_EARLY_DMA	BIT(0)
#define FSLMCX_F_EP_DMA		BIT(1)

struct fslmcx_sw;

struct fslmcx_port {
	struct device dev;
	struct fslmcx_sw *sw;
	u16 idx;
	u32 icid;
	u32 cfg;
	bool link_up;
	struct fsl_mc_device *ep;	/* connected DPMAC, reference held */
	struct work_struct link_work;
	struct work_struct ep_work;
	struct work_struct ep_bind_work;
};

#define to_fslmcx_port(d)	container_of(d, struct fslmcx_port, dev)

struct fslmcx_sw {
	struct fsl_mc_device *mc_dev;
	unsigned long flags;
	u16 num_ports;
	struct fslmcx_port *ports[FSLMCX_MAX_PORTS];
	struct notifier_block nb;
	struct work_struct reset_work;
	struct work_struct rescan_work;
};

extern const struct bus_type fslmcx_port_bus;
extern struct device_driver fslmcx_port_driver;

/* fslmcx_sync.c */
int fslmcx_obj_reset_locked(struct fsl_mc_device *mc_dev);
int fslmcx_cont_rescan_locked(struct fsl_mc_device *cont);
int fslmcx_port_sync_locked(struct fslmcx_port *port);
int fslmcx_port_apply(struct fslmcx_port *port);
int fslmcx_lock_obj(struct fsl_mc_device *mc_dev, bool nowait);
struct fsl_mc_device *fslmcx_lock_container(struct fsl_mc_device *mc_dev);
void fslmcx_unlock_container(struct fsl_mc_device *cont);

/* fslmcx_port.c */
struct fslmcx_port *fslmcx_port_create(struct fslmcx_sw *sw, u16 idx);
void fslmcx_port_destroy(struct fslmcx_port *port);
int fslmcx_port_connect(struct fslmcx_port *port);
int fslmcx_port_quiesce_one(struct device *dev, void *data);
int fslmcx_port_resync_one(struct device *dev, void *data);
int fslmcx_port_bus_init(void);
void fslmcx_port_bus_exit(void);

#endif /* _FSLMCX_H */
