/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h19th: private header of an Intel Trace Hub output driver (shape of
 * drivers/hwtracing/intel_th/pti.c and msu.c) with a small bus of its own
 * for the DMA sink devices it creates.
 */
#ifndef H19TH_H
#define H19TH_H

#include <linux/device.h>
#include <linux/workqueue.h>

#include "intel_th.h"

struct device_node;

/* a sink device the driver allocates and registers on h19th_bus */
struct h19th_sink {
	struct device dev;
	struct h19th_out *out;
};
#define to_h19th_sink(d) container_of(d, struct h19th_sink, dev)

struct h19th_out {
	struct intel_th_device *thdev;
	struct h19th_sink *sink;	/* created device, kept */
	struct device *mirror;		/* foreign: found by class_find_device() */
	struct device_node *dma_np;	/* node the output is re-pointed at */
	u32 mode;
};

extern const struct bus_type h19th_bus;

/* h19th_lock.c: helpers with a device-lock contract */
int h19th_mode_locked(struct device *dev, u32 mode);
void h19th_commit(struct device *dev);
int h19th_rearm(struct device *dev);

/* h19th_lock.c: lock helpers */
int h19th_lock_pair(struct device *dev);
int h19th_lock_pair_leaky(struct device *dev);
int h19th_trylock_pair(struct device *dev);

/* h19th_bus.c */
struct h19th_sink *h19th_sink_register(struct h19th_out *out);
int h19th_sink_configure(struct h19th_out *out);
void h19th_sink_unregister(struct h19th_sink *sink);
int h19th_bus_init(void);
void h19th_bus_exit(void);

#endif /* H19TH_H */
