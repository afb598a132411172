/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdtx: a watchdog platform driver shaped on drivers/watchdog/qcom-wdt.c:
 * watchdog_ops called by drivers/watchdog/watchdog_dev.c, a bark
 * (pretimeout) interrupt, system sleep, sysfs attributes of the platform
 * device.  The helpers of wdtx_hw.c carry device-lock contracts; one takes
 * the lock and returns holding it exactly on success, as
 * drivers/usb/core/usb.c:usb_lock_device_for_reset().
 */
#ifndef _WDTX_H
#define _WDTX_H

#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/watchdog.h>

struct wdtx {
	struct device *dev;		/* &pdev->dev, kept by probe */
	struct watchdog_device wdd;
	unsigned int count;
	unsigned int margin;
	unsigned int barks;
	bool dying;
};

static inline struct wdtx *to_wdtx(struct watchdog_device *wdd)
{
	return container_of(wdd, struct wdtx, wdd);
}

/* wdtx_hw.c */
int wdtx_hw_program(struct device *dev, unsigned int timeout);
unsigned int wdtx_hw_read_locked(struct device *dev);
void wdtx_hw_ack(struct device *dev);
int wdtx_hw_lock(struct wdtx *wdt);

/* wdtx_ops.c */
extern const struct watchdog_ops wdtx_ops;
extern const struct watchdog_info wdtx_info;
irqreturn_t wdtx_bark_thread(int irq, void *arg);

#endif /* _WDTX_H */
