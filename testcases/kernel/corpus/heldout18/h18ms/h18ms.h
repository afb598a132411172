/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h18ms - a MemoryStick card driver (struct memstick_driver) in the shape
 * of drivers/memstick/core/ms_block.c and mspro_block.c (6.12), with a
 * small bus of its own for the partitions it finds on the card.
 */
#ifndef H18MS_H
#define H18MS_H

#include <linux/device.h>
#include <linux/memstick.h>
#include <linux/notifier.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#define H18MS_MAX_PARTS	2

struct h18ms;

struct h18ms_part {
	struct device dev;
	struct h18ms *ms;
	unsigned int index;
};
#define to_h18ms_part(d) container_of(d, struct h18ms_part, dev)

struct h18ms {
	struct memstick_dev *card;
	struct device *dev;		/* &card->dev, saved by probe */
	struct device *ctrl;		/* the host controller's device */
	struct device_node *dma_np;
	struct h18ms_part *parts[H18MS_MAX_PARTS];
	unsigned int nr_parts;
	struct timer_list flush_timer;
	struct work_struct io_work;
	struct notifier_block pm_nb;
	bool read_only;
	bool removing;
	bool dirty;
};

/* h18ms_ops.c: helpers with a device-lock contract */
void h18ms_media_init(struct device *dev);
int h18ms_media_check(struct device *dev);
void h18ms_media_stop_locked(struct device *dev);
int h18ms_media_flush_locked(struct device *dev);

/* h18ms_ops.c: lock helpers */
void h18ms_lock_card(struct h18ms *ms);
void h18ms_unlock_card(struct h18ms *ms);
int h18ms_set_ro(struct device *dev, bool ro);
int h18ms_set_ro_checked(struct device *dev, bool ro);

/* h18ms_part.c */
int h18ms_part_bus_init(void);
void h18ms_part_bus_exit(void);
int h18ms_part_add_all(struct h18ms *ms);
void h18ms_part_del_all(struct h18ms *ms);
void h18ms_part_refresh(struct h18ms *ms);

#endif /* H18MS_H */
