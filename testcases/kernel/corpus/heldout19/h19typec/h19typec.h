/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h19typec: private header of a USB Type-C alternate mode driver (shape of
 * drivers/usb/typec/altmodes/displayport.c) with a small bus of its own
 * for the DMA engine devices it creates.
 */
#ifndef H19TYPEC_H
#define H19TYPEC_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/usb/typec_altmode.h>
#include <linux/workqueue.h>

struct device_node;

/* an engine device the driver allocates and registers on h19typec_bus */
struct h19typec_engine {
	struct device dev;
	struct h19typec_alt *alt;
};
#define to_h19typec_engine(d) container_of(d, struct h19typec_engine, dev)

struct h19typec_alt {
	struct typec_altmode *alt;
	struct h19typec_engine *engine;	/* created device, kept */
	struct device *conn;		/* foreign: the connector's device */
	struct device_node *dma_np;	/* node the altmode is re-pointed at */
	struct mutex lock;		/* like dp_altmode.lock */
	struct work_struct work;
	struct work_struct locked_work;
	u32 conf;
	bool hpd;
};

extern const struct bus_type h19typec_bus;

/* h19typec_lock.c: helpers with a device-lock contract */
int h19typec_mode_locked(struct device *dev, u32 conf);
void h19typec_commit(struct device *dev);
int h19typec_rearm(struct device *dev);

/* h19typec_lock.c: lock helpers */
int h19typec_trylock_bound(struct device *dev);
int h19typec_set_conf(struct device *dev, u32 conf);
int h19typec_set_conf_leaky(struct device *dev, u32 conf);

/* h19typec_bus.c */
struct h19typec_engine *h19typec_engine_create(struct h19typec_alt *h);
int h19typec_engine_configure(struct h19typec_engine *eng);
int h19typec_engine_configure_unlocked(struct h19typec_engine *eng);
void h19typec_engine_destroy(struct h19typec_engine *eng);
int h19typec_bus_init(void);
void h19typec_bus_exit(void);

#endif /* H19TYPEC_H */
