/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h20g - a gameport driver (struct gameport_driver on the gameport bus)
 * that publishes each joystick it finds as an "h20g" port device on a bus
 * of its own.  Shared declarations.
 */
#ifndef H20G_H
#define H20G_H

#include <linux/device.h>
#include <linux/gameport.h>
#include <linux/notifier.h>
#include <linux/workqueue.h>

struct dentry;

struct h20g_state {
	int mode;
	u32 axes;
	unsigned long stamp;
};

/* A joystick port device: allocated and registered by this module. */
struct h20g_port {
	struct device dev;
	struct h20g_state st;
	struct h20g_priv *owner;
	int index;
};
#define to_h20g_port(d) container_of(d, struct h20g_port, dev)

struct h20g_port_driver {
	int (*attach)(struct h20g_port *port);
	void (*detach)(struct h20g_port *port);
	struct device_driver driver;
};
#define to_h20g_port_driver(d) container_of_const(d, struct h20g_port_driver, driver)

struct h20g_priv {
	struct h20g_state st;		/* first: drvdata of the gameport */
	struct gameport *gameport;
	struct h20g_port *port;		/* created in connect, kept until disconnect */
	struct delayed_work calib_work;
	struct work_struct dma_work;
	struct notifier_block pm_nb;
	struct dentry *dbg;
	int axes[4];
	int buttons;
};

extern const struct bus_type h20g_bus;
extern struct h20g_port_driver h20g_port_driver;

/* h20g_lock.c */
void h20g_set_mode(struct gameport *gp, int mode);
int h20g_rescan_locked(struct device *dev);
void h20g_flush_axes(struct device *dev);
struct device *h20g_trylock_port(struct gameport *gp);
int h20g_apply_mode(struct gameport *gp, int mode);
int h20g_apply_mode_leaky(struct gameport *gp, int mode);
int h20g_resync(struct gameport *gp);
int h20g_resync_fixed(struct gameport *gp);

/* h20g_bus.c */
struct h20g_port *h20g_port_create(struct h20g_priv *priv, int index);
void h20g_port_destroy(struct h20g_port *port);
int h20g_port_dma_reset(struct h20g_priv *priv);

#endif /* H20G_H */
