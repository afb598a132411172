/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmax - held-out lock-checker corpus module: a DMA controller (dmaengine
 * provider) that creates one child device per channel on its own bus.
 */
#ifndef _DMAX_H
#define _DMAX_H

#include <linux/device.h>
#include <linux/dmaengine.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define DMAX_NR_CHANS	4

struct dentry;
struct dmax_ctrl;

struct dmax_chan {
	struct device dev;		/* on dmax_bus_type, created by dmax_core.c */
	struct dma_chan chan;
	struct dmax_ctrl *ctrl;
	u32 id;
	u32 prio;
	bool enabled;
	bool pending;
};

#define to_dmax_chan(d)	container_of(d, struct dmax_chan, dev)

struct dmax_ctrl {
	struct device *dev;		/* &pdev->dev of the controller */
	struct dma_device ddev;
	struct dmax_chan *chans[DMAX_NR_CHANS];
	unsigned int nr_chans;
	struct work_struct recover_work;
	struct dentry *dbg;
	unsigned int rescans;
};

struct dmax_chan_driver {
	struct device_driver drv;
	int (*probe)(struct dmax_chan *dc);
	void (*remove)(struct dmax_chan *dc);
};

#define to_dmax_chan_driver(d)	container_of_const(d, struct dmax_chan_driver, drv)

/* dmax_bus.c */
extern const struct bus_type dmax_bus_type;
extern const struct device_type dmax_chan_type;
int dmax_bus_init(void);
void dmax_bus_exit(void);

/* dmax_chan.c */
int dmax_chan_enable_locked(struct dmax_chan *dc);
void dmax_chan_ack_locked(struct dmax_chan *dc);
void dmax_chan_quiesce(struct dmax_chan *dc);
void dmax_ctrl_rescan(struct dmax_ctrl *ctrl);
int dmax_lock_chan(struct dmax_chan *dc);
void dmax_chan_set_prio(struct dmax_chan *dc, u32 prio);
void dmax_chan_set_prio_fixed(struct dmax_chan *dc, u32 prio);

#endif /* _DMAX_H */
