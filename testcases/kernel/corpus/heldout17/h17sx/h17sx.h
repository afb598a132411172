/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h17sx - SIOX 8-in/8-out digital I/O module.
 *
 * Modelled on drivers/gpio/gpio-siox.c (gpio_siox_probe,
 * gpio_siox_set_data, gpio_siox_get_data and the gpio_chip ops).
 */
#ifndef H17SX_H
#define H17SX_H

#include <linux/device.h>
#include <linux/gpio/driver.h>
#include <linux/mutex.h>
#include <linux/siox.h>
#include <linux/workqueue.h>

#define H17SX_NGPIO		16	/* 0..7 inputs, 8..15 outputs */
#define H17SX_MODE_MAX		2
#define H17SX_MODE_RAW		2
#define H17SX_DEBOUNCE_MAX	15

struct h17sx_ddata {
	struct siox_device	*sdevice;
	struct device		*dev;		/* saved &sdevice->dev */
	struct gpio_chip	gchip;
	struct mutex		lock;		/* setdata/getdata, as in gpio-siox */
	struct delayed_work	watchdog_work;
	struct work_struct	latch_work;
	u8			setdata;
	u8			getdata;
	u8			latched;
	u8			debounce;
	u8			mode;
	bool			invert;
	bool			safe_state;
	unsigned int		missed_latches;
	unsigned int		applied;
};

/* h17sx_cfg.c */
int h17sx_cfg_apply(struct device *dev);
void h17sx_cfg_outputs_locked(struct device *dev, u8 *buf);
void h17sx_cfg_latch_inputs(struct device *dev, u8 in);
void h17sx_cfg_reset(struct device *dev);

int h17sx_lock_bound(struct device *dev);
int h17sx_trylock_connected(struct siox_device *sdevice);

#endif /* H17SX_H */
