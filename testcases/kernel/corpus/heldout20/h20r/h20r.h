/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h20r - a RapidIO endpoint driver (struct rio_driver on rio_bus_type)
 * that exposes each configured lane as an "h20r" lane device on a bus of
 * its own.  Shared declarations.
 */
#ifndef H20R_H
#define H20R_H

#include <linux/device.h>
#include <linux/rio.h>
#include <linux/rio_drv.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct h20r_state {
	u32 route;
	u32 armed;
	unsigned long stamp;
};

/* A lane: a device this module allocates and registers itself. */
struct h20r_lane {
	struct device dev;
	struct h20r_state st;
	struct h20r_priv *owner;
	u16 destid;
};
#define to_h20r_lane(d) container_of(d, struct h20r_lane, dev)

struct h20r_lane_driver {
	int (*start)(struct h20r_lane *lane);
	void (*stop)(struct h20r_lane *lane);
	struct device_driver driver;
};
#define to_h20r_lane_driver(d) container_of_const(d, struct h20r_lane_driver, driver)

struct h20r_priv {
	struct h20r_state st;		/* first: drvdata of the rio_dev */
	struct rio_dev *rdev;
	struct rio_mport *mport;
	struct h20r_lane *lane;		/* registered in probe, kept until remove */
	struct work_struct pw_work;
	struct work_struct route_work;
	struct timer_list hb_timer;
	u16 db_start;
	u16 db_end;
	u32 pw_comptag;
};

extern const struct bus_type h20r_bus;
extern struct h20r_lane_driver h20r_lane_driver;

/* h20r_lock.c */
int h20r_route_locked(struct rio_dev *rdev);
void h20r_arm(struct device *dev);
void h20r_quiesce(struct device *dev);
int h20r_lock_rdev(struct rio_dev *rdev);
int h20r_load_routes(struct rio_dev *rdev, const u32 *routes, int n);
int h20r_load_routes_leaky(struct rio_dev *rdev, const u32 *routes, int n);

/* h20r_bus.c */
struct h20r_lane *h20r_lane_register(struct h20r_priv *priv, u16 destid);
void h20r_lane_unregister(struct h20r_lane *lane);

#endif /* H20R_H */
