// SPDX-License-Identifier: GPL-2.0
/*
 * h17th - memory storage output ("msc") driver on the h17th bus.
 *
 * Modelled on drivers/hwtracing/intel_th/msu.c (intel_th_msc_probe,
 * intel_th_msc_remove, intel_th_msc_activate, intel_th_msc_deactivate,
 * intel_th_msc_interrupt and its msc->work).
 *
 * Slot facts (h17th_core.c, checked against linux-source-6.12's
 * drivers/base/dd.c and drivers/base/core.c):
 *  - .probe/.remove: h17th_core.c:h17th_probe()/h17th_remove() are the
 *    bus callbacks, run by dd.c:really_probe()/__device_release_driver()
 *    with device_lock(&thdev->dev) held.  The hub (the output's parent)
 *    is never locked on these paths: the h17th device types have no
 *    need_parent_lock, and outputs are added by h17th_alloc() from the
 *    host glue's probe, not from the hub's.
 *  - .activate/.deactivate: h17th_core.c:active_store() (sysfs,
 *    dev_attr_store()), no device lock -- as intel_th core.c:active_store().
 *  - .reset: h17th_core.c:reset_store() holds device_lock(&thdev->dev).
 *  - .irq: h17th_core.c:h17th_irq(), hard IRQ context, no lock.
 *  - work items and the timer: no lock.
 */
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include "h17th.h"

#define H17TH_MSC_STALL_MS	500
#define H17TH_MSC_MAX_WRAPS	16

static bool host_mode;
module_param(host_mode, bool, 0444);
MODULE_PARM_DESC(host_mode, "no external debugger: program the hub directly");

struct h17th_msc {
	struct h17th_device	*thdev;
	struct device_node	*hub_np;
	struct work_struct	irq_work;
	struct work_struct	hub_work;
	struct work_struct	stall_work;
	struct timer_list	stall_timer;
	u32			pending;
	unsigned int		wraps;
	unsigned int		overflows;
	bool			enabled;
};

/*
 * Program the hub's DMA window from the hub node.  The hub belongs to
 * the core, not to this driver: take its lock (no lock is held by a
 * work item).
 */
static void h17th_msc_hub_work(struct work_struct *work)
{
	struct h17th_msc *msc = container_of(work, struct h17th_msc, hub_work);
	struct h17th_device *hub = msc->thdev->th->hub;
	int ret;

	device_lock(&hub->dev);
	ret = of_dma_configure(&hub->dev, msc->hub_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(&hub->dev);

	if (ret)
		dev_warn(&msc->thdev->dev, "hub DMA setup failed: %d\n", ret);
}

/* like msu.c:msc_work(): bottom half of the window interrupt */
static void h17th_msc_irq_work(struct work_struct *work)
{
	struct h17th_msc *msc = container_of(work, struct h17th_msc, irq_work);
	struct device *dev = &msc->thdev->dev;

	if (!device_trylock(dev)) {
		if (READ_ONCE(msc->enabled))
			schedule_work(&msc->irq_work);
		return;
	}

	msc->pending |= h17th_output_win_status_locked(dev); /* EXPECT-NONE: device-lock-required */
	if (msc->pending) {
		msc->pending = 0;
		msc->wraps++;
	}

	if (msc->wraps > H17TH_MSC_MAX_WRAPS) {
		msc->overflows++;
		msc->wraps = 0;
		device_unlock(dev);
		dev_warn_ratelimited(dev, "trace window overflow\n");
	}
	device_unlock(dev); /* EXPECT: lock-imbalance */
}

static void h17th_msc_stall_work(struct work_struct *work)
{
	struct h17th_msc *msc = container_of(work, struct h17th_msc,
					     stall_work);
	struct h17th_device *thdev = msc->thdev;
	struct device *dev = &msc->thdev->dev;

	if (!device_trylock(&thdev->dev)) {
		if (READ_ONCE(msc->enabled))
			schedule_work(&msc->stall_work);
		return;
	}

	if (!h17th_output_stalled_locked(dev)) { /* EXPECT-NONE: device-lock-required */
		device_unlock(&thdev->dev);
		mod_timer(&msc->stall_timer,
			  jiffies + msecs_to_jiffies(H17TH_MSC_STALL_MS));
		return;
	}

	h17th_output_rebase(thdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&thdev->dev); /* EXPECT-NONE: lock-imbalance */

	dev_info(dev, "capture stalled, window rebased\n");
}

/* timer callback (softirq), no lock */
static void h17th_msc_stall_timer(struct timer_list *t)
{
	struct h17th_msc *msc = from_timer(msc, t, stall_timer);

	if (h17th_output_stalled_locked(&msc->thdev->dev)) /* EXPECT: device-lock-required */
		schedule_work(&msc->stall_work);
	else if (READ_ONCE(msc->enabled))
		mod_timer(&msc->stall_timer,
			  jiffies + msecs_to_jiffies(H17TH_MSC_STALL_MS));
}

/* ->irq: from h17th_core.c:h17th_irq(), hard IRQ, like intel_th_msc_interrupt() */
static irqreturn_t h17th_msc_irq(struct h17th_device *thdev)
{
	struct h17th_msc *msc = dev_get_drvdata(&thdev->dev);
	u32 status;

	if (!READ_ONCE(msc->enabled))
		return IRQ_NONE;

	status = h17th_output_win_status_locked(&thdev->dev); /* EXPECT: device-lock-required */
	if (!status)
		return IRQ_NONE;

	schedule_work(&msc->irq_work);

	return IRQ_HANDLED;
}

/* ->activate: from active_store() in sysfs, no device lock */
static int h17th_msc_activate(struct h17th_device *thdev)
{
	struct h17th_msc *msc = dev_get_drvdata(&thdev->dev);
	int ret;

	h17th_output_rebase(thdev); /* EXPECT: device-lock-required */

	ret = h17th_output_lock_idle(thdev);
	if (ret)
		return ret; /* EXPECT: lock-imbalance @h17th_idle */

	/* h17th_output_lock_idle() returned 0: thdev->dev is locked */
	msc->wraps = 0;
	thdev->busy = true;
	WRITE_ONCE(msc->enabled, true);
	mod_timer(&msc->stall_timer,
		  jiffies + msecs_to_jiffies(H17TH_MSC_STALL_MS));
	device_unlock(&thdev->dev); /* EXPECT-NONE: lock-imbalance */

	return 0;
}

/* ->deactivate: from active_store() in sysfs, no device lock */
static void h17th_msc_deactivate(struct h17th_device *thdev)
{
	struct h17th_msc *msc = dev_get_drvdata(&thdev->dev);

	if (h17th_output_lock(thdev))
		return;

	WRITE_ONCE(msc->enabled, false);
	h17th_output_stop_locked(&thdev->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&thdev->dev); /* EXPECT-NONE: lock-imbalance */

	timer_delete_sync(&msc->stall_timer);
}

/* ->reset: from h17th_core.c:reset_store() with device_lock(&thdev->dev) */
static void h17th_msc_reset(struct h17th_device *thdev)
{
	struct h17th_msc *msc = dev_get_drvdata(&thdev->dev);

	msc->pending = 0;
	msc->wraps = 0;
	h17th_output_rebase(thdev); /* EXPECT-NONE: device-lock-required */
}

/* .probe: h17th_probe() under device_lock(&thdev->dev); hub not locked */
static int h17th_msc_probe(struct h17th_device *thdev)
{
	struct device *dev = &thdev->dev;
	struct h17th_device *hub = thdev->th->hub;
	struct h17th_msc *msc;
	int ret;

	msc = devm_kzalloc(dev, sizeof(*msc), GFP_KERNEL);
	if (!msc)
		return -ENOMEM;

	msc->thdev = thdev;
	INIT_WORK(&msc->irq_work, h17th_msc_irq_work);
	INIT_WORK(&msc->hub_work, h17th_msc_hub_work);
	INIT_WORK(&msc->stall_work, h17th_msc_stall_work);
	timer_setup(&msc->stall_timer, h17th_msc_stall_timer, 0);
	dev_set_drvdata(dev, msc);

	h17th_output_rebase(thdev); /* EXPECT-NONE: device-lock-required */

	msc->hub_np = of_get_child_by_name(thdev->th->dev->of_node, "hub");
	if (!msc->hub_np)
		return 0;

	if (host_mode) {
		/*
		 * No debugger owns the hub: set up its DMA right here, the
		 * way drivers/gpu/drm/msm/adreno/a6xx_gmu.c:
		 * a6xx_gmu_wrapper_init() configures a device it looked up.
		 */
		ret = of_dma_configure(&hub->dev, msc->hub_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		if (ret) {
			of_node_put(msc->hub_np);
			return ret;
		}
	} else {
		schedule_work(&msc->hub_work);
	}

	return 0;
}

/* .remove: h17th_remove() under device_lock(&thdev->dev) */
static void h17th_msc_remove(struct h17th_device *thdev)
{
	struct h17th_msc *msc = dev_get_drvdata(&thdev->dev);

	WRITE_ONCE(msc->enabled, false);
	timer_delete_sync(&msc->stall_timer);
	cancel_work_sync(&msc->irq_work);
	cancel_work_sync(&msc->stall_work);
	cancel_work_sync(&msc->hub_work);
	of_node_put(msc->hub_np);
}

struct h17th_driver h17th_msc_driver = {
	.probe		= h17th_msc_probe,
	.remove		= h17th_msc_remove,
	.irq		= h17th_msc_irq,
	.activate	= h17th_msc_activate,
	.deactivate	= h17th_msc_deactivate,
	.reset		= h17th_msc_reset,
	.driver = {
		.name	= "msc",
		.owner	= THIS_MODULE,
	},
};
