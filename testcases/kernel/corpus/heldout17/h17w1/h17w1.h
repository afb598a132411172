/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h17w1 - 1-Wire battery monitor family driver plus a GPIO bus master.
 *
 * The family half follows drivers/power/supply/ds2760_battery.c
 * (w1_ds2760_add_slave, w1_ds2760_remove_slave, ds2760_battery_work,
 * ds2760_pm_notifier); the master half follows
 * drivers/w1/masters/w1-gpio.c (w1_gpio_probe, w1_gpio_remove).
 */
#ifndef H17W1_H
#define H17W1_H

#include <linux/device.h>
#include <linux/gpio/consumer.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>
#include <linux/w1.h>
#include <linux/workqueue.h>

#define H17W1_FAMILY_ID		0x5d
#define H17W1_DATA_SIZE		16
#define H17W1_READ_DATA		0x69
#define H17W1_WRITE_DATA	0x6c

/* per-slave state, kept in w1_slave.family_data */
struct h17w1_slave {
	struct w1_slave *sl;
	struct device *dev;			/* &sl->dev */
	struct platform_device *eeprom;		/* created in add_slave */
	struct platform_device *sense;		/* created in add_slave */
	struct delayed_work monitor_work;
	struct delayed_work charged_work;
	struct notifier_block pm_nb;
	u8 raw[H17W1_DATA_SIZE];
	u8 thresholds[2];
	bool config_dirty;
};

/* per-master state, drvdata of the platform device */
struct h17w1_master {
	struct device *dev;			/* &pdev->dev */
	struct w1_bus_master bus;
	struct gpio_desc *gpiod;
	struct gpio_desc *pullup_gpiod;
	unsigned int pullup_ms;
	unsigned int recoveries;
	int irq;
	bool suspended;
	bool registered;
};

/* h17w1_sub.c: slave helpers */
int h17w1_slave_apply_config(struct device *dev);
int h17w1_read_status_locked(struct device *dev);
void h17w1_cell_sync_locked(struct device *dev);
struct platform_device *h17w1_cell_add(struct device *parent,
				       const char *name,
				       struct device_node *np);

/* h17w1_sub.c: master helpers */
int h17w1_master_hw_init_locked(struct device *dev);
void h17w1_master_quiesce(struct device *dev);
int h17w1_master_recover(struct device *dev);

/* h17w1_master.c */
int h17w1_master_register(void);
void h17w1_master_unregister(void);

#endif /* H17W1_H */
