/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dflx - DFL multi-channel streaming DMA feature
 */
#ifndef _DFLX_H
#define _DFLX_H

#include <linux/device.h>
#include <linux/dfl.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

#define DFLX_FEATURE_ID		0x2a
#define DFLX_PEER_FEATURE_ID	0x09	/* EMIF, owns the DDR window we use */
#define DFLX_MAX_CHANS		4

#define DFLX_CAP		0x08
#define DFLX_CTRL		0x10
#define DFLX_CTRL_RESET		BIT_ULL(0)
#define DFLX_CTRL_RUN		BIT_ULL(1)
#define DFLX_ERR		0x18
#define DFLX_CHAN_CTRL(n)	(0x40 + (n) * 0x10)

struct dflx_chan;

struct dflx_priv {
	struct dfl_device *ddev;
	void __iomem *base;
	struct platform_device *dma_pdev;
	struct dflx_chan *chans[DFLX_MAX_CHANS];
	unsigned int num_chans;
	struct device *peer;		/* reference held */
	struct work_struct err_work;
	struct work_struct peer_work;
	struct work_struct peer_bind_work;
	u64 saved_ctrl;
};

struct dflx_chan {
	struct device dev;
	struct dflx_priv *priv;
	unsigned int idx;
	bool running;
	u8 stalls;
	struct work_struct stall_work;
	struct work_struct kick_work;
	struct delayed_work watchdog_work;
};

#define to_dflx_chan(d)	container_of(d, struct dflx_chan, dev)

/* dflx_lock.c */
int dflx_feature_reset_locked(struct dfl_device *ddev);
int dflx_chan_start_locked(struct dflx_chan *chan);
int dflx_chan_stop_locked(struct dflx_chan *chan);
void dflx_chan_stop(struct dflx_chan *chan);
int dflx_lock_peer(struct dflx_priv *priv);
void dflx_unlock_peer(struct dflx_priv *priv);

/* dflx_chan.c */
struct device *dflx_dma_host(struct dfl_device *ddev);
bool dflx_is_chan(struct device *dev);
struct dflx_chan *dflx_chan_create(struct dflx_priv *priv, unsigned int idx);
void dflx_chan_destroy(struct dflx_chan *chan);
int dflx_chans_quiesce(struct dflx_priv *priv);
int dflx_chan_restart(struct dflx_chan *chan);
int dflx_chan_pause(struct dflx_chan *chan);
int dflx_chans_resume(struct dflx_priv *priv);
int dflx_chan_bus_init(void);
void dflx_chan_bus_exit(void);

#endif /* _DFLX_H */
