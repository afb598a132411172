/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * h16ipk - an IndustryPack carrier + IP-module driver pair written after
 * drivers/ipack/carriers/tpci200.c (carrier side) and
 * drivers/ipack/devices/ipoctal.c (module side) of Linux 6.12.
 *
 * The carrier is a device on a private bus ("h16ipk-carrier") that stands
 * in for the PCI function tpci200 binds to; the carrier registers a real
 * ipack bus with ipack_bus_register() and creates ipack_device slots with
 * ipack_device_init()/ipack_device_add(), exactly as tpci200 does.  The
 * module side is a real struct ipack_driver.
 */
#ifndef _H16IPK_H
#define _H16IPK_H

#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/ipack.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct dentry;

#define H16IPK_NB_SLOT		4
#define H16IPK_MODE_OFF		0
#define H16IPK_MODE_8MHZ	1
#define H16IPK_MODE_32MHZ	2

struct h16ipk_slot_irq {
	struct ipack_device *holder;
	irqreturn_t (*handler)(void *arg);
	void *arg;
};

/* drivers/ipack/carriers/tpci200.h:struct tpci200_board, with the PCI device replaced by @dev */
struct h16ipk_carrier {
	struct device dev;
	unsigned int index;
	int irq;
	bool dead;
	bool shared_window;
	unsigned int mode;
	struct ipack_bus_device *ipack_bus;
	struct ipack_device *slots[H16IPK_NB_SLOT];
	struct h16ipk_slot_irq __rcu *slot_irq[H16IPK_NB_SLOT];
	phys_addr_t mod_mem[IPACK_SPACE_COUNT];
	struct mutex mutex;		/* tpci200->mutex: slot IRQ table */
	spinlock_t regs_lock;		/* tpci200->regs_lock */
	struct work_struct mode_work;
	struct timer_list poll_timer;
};

#define to_h16ipk_carrier(d) container_of(d, struct h16ipk_carrier, dev)

struct h16ipk_carrier_driver {
	struct device_driver driver;
	int (*probe)(struct h16ipk_carrier *c);
	void (*remove)(struct h16ipk_carrier *c);
};

#define to_h16ipk_carrier_driver(d) \
	container_of(d, struct h16ipk_carrier_driver, driver)

/* drivers/ipack/devices/ipoctal.c:struct ipoctal, reduced */
struct h16ipk_mod {
	struct ipack_device *idev;
	struct device *carrier_dev;	/* read back by the works below */
	struct work_struct quiesce_work;
	struct work_struct quiesce_sync_work;
	struct dentry *dbg;
	bool remap;
};

/* h16ipk_x.c: private carrier bus + contract helpers */
extern const struct bus_type h16ipk_carrier_bus;
void h16ipk_dev_quiesce(struct device *dev);
int h16ipk_slot_reset_locked(struct ipack_device *idev);
int h16ipk_carrier_set_mode(struct h16ipk_carrier *c, unsigned int mode);
int h16ipk_carrier_lock(struct h16ipk_carrier *c);
int h16ipk_slot_lock_for_reset(struct ipack_device *idev);
struct h16ipk_carrier *h16ipk_slot_to_carrier(struct ipack_device *idev);

/* h16ipk_y.c: carrier driver (tpci200-like) */
extern struct h16ipk_carrier_driver h16ipk_tpci_driver;
extern const struct ipack_bus_ops h16ipk_bus_ops;

/* h16ipk_z.c: IP-module driver (ipoctal-like) */
extern struct ipack_driver h16ipk_mod_driver;
int h16ipk_mod_sync_slots(struct h16ipk_carrier *c);
int h16ipk_mod_count_bound(struct h16ipk_carrier *c);

#endif /* _H16IPK_H */
