/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h18hsi - an HSI client driver in the shape of
 * drivers/hsi/clients/ssi_protocol.c and drivers/hsi/clients/cmt_speech.c
 * (6.12), with a small bus of its own for per-channel function devices.
 */
#ifndef H18HSI_H
#define H18HSI_H

#include <linux/device.h>
#include <linux/hsi/hsi.h>
#include <linux/notifier.h>
#include <linux/of.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#define H18HSI_MAX_CH	4

struct h18hsi;

/* one function device per HSI channel, registered on h18hsi_ch_bus */
struct h18hsi_chan {
	struct device dev;
	struct h18hsi *owner;
	unsigned int index;
	u32 req_id;
};
#define to_h18hsi_chan(d) container_of(d, struct h18hsi_chan, dev)

struct h18hsi {
	struct hsi_client *cl;
	struct device *dev;		/* &cl->device, saved by probe */
	struct device_node *dma_np;	/* "h18,dma-parent" */
	struct device *companion;	/* "h18,companion": another driver's */
	struct device_node *companion_np;
	struct h18hsi_chan *chan[H18HSI_MAX_CH];
	unsigned int nr_chan;
	struct timer_list keep_alive;
	struct work_struct wake_work;
	struct work_struct kick_work;
	struct work_struct companion_work;
	struct notifier_block reboot_nb;
	unsigned int mode;
	bool awake;
};

/* h18hsi_hw.c: helpers with a device-lock contract */
void h18hsi_hw_setup(struct device *dev);
void h18hsi_hw_wake(struct device *dev, bool on);
int h18hsi_hw_kick_locked(struct device *dev);
int h18hsi_hw_set_mode(struct device *dev, unsigned int mode);
void h18hsi_hw_shutdown_locked(struct device *dev);
void h18hsi_hw_detach_companion(struct device *companion);

/* h18hsi_hw.c: lock helpers */
bool h18hsi_trylock_bound(struct device *dev);
bool h18hsi_trylock_ready(struct device *dev);

/* h18hsi_chan.c */
int h18hsi_chan_bus_init(void);
void h18hsi_chan_bus_exit(void);
int h18hsi_chan_add_all(struct h18hsi *h);
void h18hsi_chan_del_all(struct h18hsi *h);
int h18hsi_chan_rebind(struct h18hsi *h, unsigned int idx);

#endif /* H18HSI_H */
