/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpiox: an I2C GPIO expander with an interrupt line and a wake line,
 * shaped on drivers/gpio/gpio-pca953x.c.
 */
#ifndef _GPIOX_H
#define _GPIOX_H

#include <linux/device.h>
#include <linux/gpio/driver.h>
#include <linux/i2c.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct gpiox {
	struct i2c_client *client;
	struct gpio_chip gc;
	struct mutex io_lock;		/* as pca953x_chip.i2c_lock */
	u8 out_cache;
	u8 dir_cache;
	u8 irq_mask;
	struct work_struct sync_work;
	struct timer_list poll_timer;
	int wake_irq;
};

/* gpiox_regs.c: the register cache helpers, each with a lock contract */
void gpiox_sync_cache(struct gpiox *gx);
int gpiox_restore_locked(struct gpiox *gx);
int gpiox_write_bank(struct gpiox *gx, struct i2c_client *client);

/* gpiox_sysfs.c */
extern const struct attribute_group *gpiox_groups[];
void gpiox_poll_setup(struct gpiox *gx);
void gpiox_poll_stop(struct gpiox *gx);

#endif /* _GPIOX_H */
