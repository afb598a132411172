/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h21m - a private MMC-style card bus (host + cards) and a block-like card
 * driver.  struct h21m_card / struct h21m_driver follow struct mmc_card
 * (include/linux/mmc/card.h) and struct mmc_driver (drivers/mmc/core/bus.h)
 * of Linux 6.12.
 */
#ifndef __H21M_H
#define __H21M_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define H21M_PART_USER		0
#define H21M_PART_BOOT0		1
#define H21M_PART_RPMB		3

#define H21M_CARD_STATE_PRESENT	BIT(0)
#define H21M_CARD_STATE_SUSPEND	BIT(1)
#define H21M_CARD_STATE_REMOVED	BIT(2)

struct h21m_host {
	struct device		class_dev;	/* the host, ours */
	struct device		*parent;	/* controller, not ours */
	struct delayed_work	detect;
	struct mutex		scan_lock;
	int			index;
	unsigned int		caps;
	bool			rescan_disable;
};

struct h21m_card {
	struct device		dev;
	struct h21m_host	*host;
	unsigned int		rca;
	unsigned int		state;
	unsigned int		bus_width;
	u8			part_curr;
	u32			erase_size;
	bool			cache_on;
};

struct h21m_driver {
	struct device_driver	drv;
	int			(*probe)(struct h21m_card *card);
	void			(*remove)(struct h21m_card *card);
	void			(*shutdown)(struct h21m_card *card);
};

#define h21m_dev_to_card(d)	container_of(d, struct h21m_card, dev)
#define to_h21m_driver(d)	container_of_const(d, struct h21m_driver, drv)
#define h21m_host_of(c)		((c)->host)

/* h21m_bus.c */
int h21m_register_driver(struct h21m_driver *drv);
void h21m_unregister_driver(struct h21m_driver *drv);
struct h21m_card *h21m_alloc_card(struct h21m_host *host);
int h21m_add_card(struct h21m_card *card, struct device_node *np);
int h21m_card_rebind_node(struct h21m_card *card, struct device_node *np);
void h21m_remove_card(struct h21m_card *card);
int h21m_host_suspend_cards(struct h21m_host *host);

/* h21m_card.c: helpers with a device-lock contract */
int h21m_card_set_bus_width(struct h21m_card *card, unsigned int width);
int h21m_card_switch_part_locked(struct device *dev, u8 part);
void h21m_card_flush_cache(struct h21m_card *card);
int h21m_card_lock_ready(struct h21m_card *card);
int h21m_card_erase_begin(struct h21m_card *card, u32 from, u32 nr);
int h21m_card_erase_range(struct h21m_card *card, u32 from, u32 nr);
int h21m_card_sanitize(struct h21m_card *card);

/* h21m_blk.c */
int h21m_blk_init(void);
void h21m_blk_exit(void);

#endif /* __H21M_H */
