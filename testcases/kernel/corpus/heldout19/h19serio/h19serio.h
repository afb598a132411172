/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h19serio: private header of a serio port driver (shapes of
 * drivers/input/serio/serio_raw.c and drivers/input/mouse/psmouse-base.c)
 * with a small bus of its own for the DMA windows it creates.
 */
#ifndef H19SERIO_H
#define H19SERIO_H

#include <linux/device.h>
#include <linux/notifier.h>
#include <linux/serio.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct device_node;

/* a window device the driver allocates and registers on h19serio_bus */
struct h19serio_win {
	struct device dev;
	struct h19serio_port *port;
	u32 index;
};
#define to_h19serio_win(d) container_of(d, struct h19serio_win, dev)

struct h19serio_port {
	struct serio *serio;
	struct h19serio_win *win;	/* created device, kept for later */
	struct device *peer;		/* foreign device found by phandle */
	struct device_node *alt_np;	/* node the port is re-pointed at */
	struct work_struct rebind_work;
	struct work_struct try_work;
	struct work_struct win_work;
	struct timer_list watchdog;
	struct notifier_block pm_nb_locked;
	u32 route;
	bool ready;
};

extern const struct bus_type h19serio_bus;
extern struct device_driver h19serio_win_driver;

/* h19serio_lock.c: helpers with a device-lock contract */
int h19serio_route_locked(struct device *dev, u32 route);
void h19serio_commit_window(struct device *dev);
int h19serio_rebind_window(struct device *dev);

/* h19serio_lock.c: lock helpers */
int h19serio_port_trylock(struct device *dev, bool ready);
int h19serio_lock_interruptible(struct device *dev);
int h19serio_set_route(struct device *dev, u32 route);
int h19serio_set_route_leaky(struct device *dev, u32 route);
int h19serio_sync_guarded(struct device *dev);

/* h19serio_bus.c */
struct h19serio_win *h19serio_win_create(struct h19serio_port *port);
struct h19serio_win *h19serio_win_create_locked_cfg(struct h19serio_port *port);
void h19serio_win_destroy(struct h19serio_win *win);
int h19serio_bus_init(void);
void h19serio_bus_exit(void);

#endif /* H19SERIO_H */
