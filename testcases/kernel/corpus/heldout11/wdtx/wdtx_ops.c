// SPDX-License-Identifier: GPL-2.0
/*
 * wdtx_ops.c - the wdtx watchdog_ops and bark interrupt, shaped on
 * drivers/watchdog/qcom-wdt.c (qcom_wdt_ops, qcom_wdt_isr()).
 *
 * What drivers/watchdog/watchdog_dev.c holds around the ops: ->start
 * (watchdog_start(), from watchdog_open() and the WDIOC_SETOPTIONS ioctl),
 * ->ping (__watchdog_ping(), from watchdog_write(), the WDIOC_KEEPALIVE
 * ioctl and the keepalive kthread work watchdog_ping_work()),
 * ->set_timeout (watchdog_set_timeout(), from the WDIOC_SETTIMEOUT ioctl)
 * and ->get_timeleft (watchdog_get_timeleft(), from the ioctl and the
 * watchdog class device's timeleft_show()) run under wd_data->lock only,
 * never under the platform device's lock: this driver calls neither
 * watchdog_set_last_hw_keepalive() nor watchdog_dev_suspend()/_resume(),
 * the only ways a driver's own (locked) callback reaches __watchdog_ping().
 * ->stop is not labelled: watchdog_cdev_unregister() calls it from remove.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/watchdog.h>
#include "wdtx.h"

/* ->start: watchdog_start(), no device lock; locks by guard(device). */
static int wdtx_start(struct watchdog_device *wdd)
{
	struct wdtx *wdt = to_wdtx(wdd);

	guard(device)(wdt->dev);
	return wdtx_hw_program(wdt->dev, wdd->timeout); /* EXPECT-NONE: device-lock-required */
}

static int wdtx_stop(struct watchdog_device *wdd)
{
	to_wdtx(wdd)->count = 0;
	return 0;
}

/* ->ping: __watchdog_ping(), no device lock (qcom-wdt.c:qcom_wdt_ping()). */
static int wdtx_ping(struct watchdog_device *wdd)
{
	struct wdtx *wdt = to_wdtx(wdd);

	return wdtx_hw_program(wdt->dev, wdd->timeout); /* EXPECT: device-lock-required */
}

/* ->set_timeout: watchdog_set_timeout(), no device lock; trylock. */
static int wdtx_set_timeout(struct watchdog_device *wdd, unsigned int timeout)
{
	struct wdtx *wdt = to_wdtx(wdd);
	int ret;

	if (!device_trylock(wdt->dev))
		return -EBUSY;
	wdd->timeout = timeout;
	ret = wdtx_hw_program(wdt->dev, timeout); /* EXPECT-NONE: device-lock-required */
	device_unlock(wdt->dev);
	return ret;
}

/* ->get_timeleft: watchdog_get_timeleft(), no device lock. */
static unsigned int wdtx_get_timeleft(struct watchdog_device *wdd)
{
	struct wdtx *wdt = to_wdtx(wdd);

	return wdtx_hw_read_locked(wdt->dev); /* EXPECT: device-lock-required */
}

const struct watchdog_ops wdtx_ops = {
	.owner = THIS_MODULE,
	.start = wdtx_start,
	.stop = wdtx_stop,
	.ping = wdtx_ping,
	.set_timeout = wdtx_set_timeout,
	.get_timeleft = wdtx_get_timeleft,
};

const struct watchdog_info wdtx_info = {
	.options = WDIOF_KEEPALIVEPING | WDIOF_MAGICCLOSE | WDIOF_SETTIMEOUT |
		   WDIOF_PRETIMEOUT,
	.identity = "wdtx",
};

/*
 * Bark interrupt, requested by probe with devm_request_threaded_irq()
 * (no primary handler): kernel/irq/manage.c:irq_thread() runs it with no
 * device lock.  Shaped on qcom-wdt.c:qcom_wdt_isr().
 */
irqreturn_t wdtx_bark_thread(int irq, void *arg)
{
	struct wdtx *wdt = arg;

	wdt->barks++;
	wdtx_hw_ack(wdt->dev); /* EXPECT: device-lock-required */
	watchdog_notify_pretimeout(&wdt->wdd);
	return IRQ_HANDLED;
}
