/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h20i - an I2C client driver that fans its chip out into sub-channels on
 * a small bus of its own ("h20i").  Shared declarations.
 */
#ifndef H20I_H
#define H20I_H

#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct dentry;
struct device_node;

/* What dev_get_drvdata() returns for both kinds of device of this module. */
struct h20i_state {
	u32 cfg;
	u32 committed;
	unsigned long stamp;
};

/* A sub-channel: a device this module allocates and registers itself. */
struct h20i_sub {
	struct device dev;
	struct h20i_state st;
	struct h20i_priv *owner;
	u32 chan;
};
#define to_h20i_sub(d) container_of(d, struct h20i_sub, dev)

struct h20i_sub_driver {
	int (*probe)(struct h20i_sub *sub);
	void (*remove)(struct h20i_sub *sub);
	struct device_driver driver;
};
#define to_h20i_sub_driver(d) container_of_const(d, struct h20i_sub_driver, driver)

struct h20i_priv {
	struct h20i_state st;		/* first: drvdata of the client */
	struct i2c_client *client;
	struct device *dev;		/* &client->dev */
	struct h20i_sub *sub;		/* created in probe, kept until unbind */
	struct work_struct reset_work;
	struct work_struct cfg_work;
	struct work_struct peer_work;
	struct delayed_work poll_work;
	struct timer_list wdog;
	struct dentry *dbg;
	int alert_irq;
	u32 pending;
};

extern const struct bus_type h20i_bus;
extern struct h20i_sub_driver h20i_sub_driver;

/* h20i_lock.c */
void h20i_apply_cfg(struct device *dev, u32 cfg);
int h20i_commit_locked(struct device *dev);
void h20i_sync_state(struct device *dev);
void h20i_lock(struct device *dev);
void h20i_unlock(struct device *dev);
int h20i_lock_intr(struct device *dev);
bool h20i_trylock_bound(struct device *dev);
int h20i_update_cfg(struct device *dev, u32 cfg);
int h20i_update_cfg_leaky(struct device *dev, u32 cfg);

/* h20i_bus.c */
struct h20i_sub *h20i_sub_create(struct h20i_priv *priv, u32 chan);
void h20i_sub_destroy(struct h20i_sub *sub);
int h20i_sub_retarget(struct h20i_priv *priv, struct device_node *np);

#endif /* H20I_H */
