/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h20s - a SIOX device driver (struct siox_driver on the siox bus) for a
 * digital I/O module whose output banks appear as "h20s" bank devices on
 * a bus of its own.  Shared declarations.
 */
#ifndef H20S_H
#define H20S_H

#include <linux/device.h>
#include <linux/siox.h>
#include <linux/workqueue.h>

struct h20s_state {
	u8 out;
	u8 in;
	u32 latches;
	unsigned long stamp;
};

/* An output bank: allocated and registered by this module. */
struct h20s_bank {
	struct device dev;
	struct h20s_state st;
	struct h20s_priv *owner;
	unsigned int index;
};
#define to_h20s_bank(d) container_of(d, struct h20s_bank, dev)

struct h20s_bank_driver {
	int (*bind)(struct h20s_bank *bank);
	void (*unbind)(struct h20s_bank *bank);
	struct device_driver driver;
};
#define to_h20s_bank_driver(d) container_of_const(d, struct h20s_bank_driver, driver)

struct h20s_priv {
	struct h20s_state st;		/* first: drvdata of the siox device */
	struct siox_device *sdev;
	struct h20s_bank *bank;		/* created in probe, kept until remove */
	struct work_struct push_work;
	struct delayed_work wd_work;
	u8 shadow;
};

extern const struct bus_type h20s_bus;
extern struct h20s_bank_driver h20s_bank_driver;

/* h20s_lock.c */
int h20s_push_locked(struct siox_device *sdev);
void h20s_latch(struct device *dev);
void h20s_reload(struct device *dev);
bool h20s_trylock(struct siox_device *sdev);
int h20s_lock_connected(struct siox_device *sdev);
int h20s_relatch(struct siox_device *sdev);
int h20s_relatch_typo(struct siox_device *sdev);

/* h20s_bus.c */
struct h20s_bank *h20s_bank_add(struct h20s_priv *priv, unsigned int index);
void h20s_bank_del(struct h20s_bank *bank);

#endif /* H20S_H */
