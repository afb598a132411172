// SPDX-License-Identifier: GPL-2.0
/*
 * h18ms_core.c - MemoryStick card driver, shaped after
 * drivers/memstick/core/ms_block.c (6.12): msb_probe, msb_remove,
 * msb_suspend, msb_resume, msb_check_card, msb_start, msb_stop,
 * msb_io_work, msb_cache_flush_timer.
 *
 * What the core holds around each slot (6.12):
 *  - memstick_driver.probe/.remove: drivers/memstick/core/memstick.c:
 *    memstick_device_probe/memstick_device_remove are memstick_bus_type's
 *    .probe/.remove, run by drivers/base/dd.c:really_probe and
 *    __device_release_driver under device_lock(&card->dev).  The parents
 *    (host->dev and the controller above it) are not locked: cards are
 *    registered from memstick_check, a work item, and
 *    __device_driver_lock locks a parent only for need_parent_lock types.
 *  - memstick_driver.suspend/.resume: memstick_bus_type's legacy
 *    .suspend/.resume (no .pm), run by drivers/base/power/main.c:
 *    device_suspend -> legacy_suspend and device_resume, both under
 *    device_lock(dev).
 *  - card->check/->start/->stop: called from memstick.c:memstick_check,
 *    the host's media_checker work, under host->lock only; the card's
 *    device lock is not held.
 *  - PM notifier: kernel/power/suspend.c:suspend_prepare ->
 *    kernel/power/main.c:pm_notifier_call_chain_robust, before any device
 *    callback; no device lock.
 *  - timers (softirq), works, sysfs store (drivers/base/core.c:
 *    dev_attr_store): no device lock.
 */
#include <linux/device.h>
#include <linux/memstick.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/suspend.h>
#include <linux/sysfs.h>
#include "h18ms.h"

#define H18MS_FLUSH_MS	1000

/* msb_cache_flush_timer */
static void h18ms_flush_timer(struct timer_list *t)
{
	struct h18ms *ms = from_timer(ms, t, flush_timer);

	if (h18ms_media_flush_locked(ms->dev)) /* EXPECT: device-lock-required */
		schedule_work(&ms->io_work);
}

/* msb_io_work */
static void h18ms_io_work(struct work_struct *work)
{
	struct h18ms *ms = container_of(work, struct h18ms, io_work);

	if (!ms->dma_np)
		return;
	/* the probed card, through the field probe filled */
	of_dma_configure(ms->dev, ms->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
	/*
	 * the controller (not ours), under its own lock; only a trylock, as
	 * the controller's remove (holding that lock) reaches our remove
	 * through memstick_remove_host, and our remove cancels this work
	 */
	if (device_trylock(ms->ctrl)) {
		of_dma_configure(ms->ctrl, ms->dma_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		device_unlock(ms->ctrl);
	}
	h18ms_part_refresh(ms);
}

/* ---- card->check/start/stop, from memstick_check ---- */

static int h18ms_check_card(struct memstick_dev *card)
{
	return h18ms_media_check(&card->dev); /* EXPECT: device-lock-required */
}

static void h18ms_stop(struct memstick_dev *card)
{
	struct h18ms *ms = memstick_get_drvdata(card);

	del_timer_sync(&ms->flush_timer);
	h18ms_media_stop_locked(&card->dev); /* EXPECT: device-lock-required */
}

static void h18ms_start(struct memstick_dev *card)
{
	struct h18ms *ms = memstick_get_drvdata(card);

	guard(device)(&card->dev);
	h18ms_media_init(&card->dev); /* EXPECT-NONE: device-lock-required */
	mod_timer(&ms->flush_timer, jiffies + msecs_to_jiffies(H18MS_FLUSH_MS));
}

/* ---- PM notifier ---- */

static int h18ms_pm_notify(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct h18ms *ms = container_of(nb, struct h18ms, pm_nb);

	switch (action) {
	case PM_SUSPEND_PREPARE:
		h18ms_media_flush_locked(ms->dev); /* EXPECT: device-lock-required */
		break;
	case PM_POST_SUSPEND:
		h18ms_lock_card(ms);
		h18ms_media_init(ms->dev); /* EXPECT-NONE: device-lock-required */
		h18ms_unlock_card(ms);
		break;
	}
	return NOTIFY_DONE; /* EXPECT-NONE: lock-imbalance */
}

/* ---- sysfs (driver dev_groups) ---- */

static ssize_t flush_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	scoped_guard(device, dev)
		h18ms_media_flush_locked(dev); /* EXPECT-NONE: device-lock-required */
	return count; /* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_WO(flush);

static ssize_t ro_store(struct device *dev, struct device_attribute *attr,
			const char *buf, size_t count)
{
	bool ro;
	int ret;

	ret = kstrtobool(buf, &ro);
	if (ret)
		return ret;
	ret = h18ms_set_ro(dev, ro);
	return ret ? ret : count; /* EXPECT: lock-imbalance @ms_setro */
}
static DEVICE_ATTR_WO(ro);

static ssize_t wp_store(struct device *dev, struct device_attribute *attr,
			const char *buf, size_t count)
{
	bool wp;
	int ret;

	ret = kstrtobool(buf, &wp);
	if (ret)
		return ret;
	ret = h18ms_set_ro_checked(dev, wp);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(wp);

static struct attribute *h18ms_attrs[] = {
	&dev_attr_flush.attr,
	&dev_attr_ro.attr,
	&dev_attr_wp.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h18ms);

/* ---- probe / remove / suspend / resume ---- */

static int h18ms_probe(struct memstick_dev *card)
{
	struct h18ms *ms;
	int ret;

	ms = devm_kzalloc(&card->dev, sizeof(*ms), GFP_KERNEL);
	if (!ms)
		return -ENOMEM;
	ms->card = card;
	ms->dev = &card->dev;
	ms->ctrl = get_device(card->host->dev.parent);
	ms->nr_parts = 1;
	timer_setup(&ms->flush_timer, h18ms_flush_timer, 0);
	INIT_WORK(&ms->io_work, h18ms_io_work);
	memstick_set_drvdata(card, ms);

	h18ms_media_init(&card->dev); /* EXPECT-NONE: device-lock-required */

	ms->dma_np = of_parse_phandle(ms->ctrl->of_node, "h18,card-dma", 0);
	if (ms->dma_np) {
		/* etnaviv_drv.c:etnaviv_pdev_probe: the card takes another node's setup */
		ret = of_dma_configure(&card->dev, ms->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			goto err_put;
		/* sun4i_backend.c:sun4i_backend_bind: another driver's device */
		of_dma_configure(ms->ctrl, ms->dma_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
	}

	ret = h18ms_part_add_all(ms);
	if (ret)
		goto err_put;

	card->check = h18ms_check_card;
	card->stop = h18ms_stop;
	card->start = h18ms_start;
	ms->pm_nb.notifier_call = h18ms_pm_notify;
	register_pm_notifier(&ms->pm_nb);
	mod_timer(&ms->flush_timer, jiffies + msecs_to_jiffies(H18MS_FLUSH_MS));
	return 0;

err_put:
	of_node_put(ms->dma_np);
	put_device(ms->ctrl);
	return ret;
}

static void h18ms_remove(struct memstick_dev *card)
{
	struct h18ms *ms = memstick_get_drvdata(card);

	ms->removing = true;
	unregister_pm_notifier(&ms->pm_nb);
	timer_shutdown_sync(&ms->flush_timer);
	cancel_work_sync(&ms->io_work);
	h18ms_media_stop_locked(&card->dev); /* EXPECT-NONE: device-lock-required */
	h18ms_part_del_all(ms);
	of_node_put(ms->dma_np);
	put_device(ms->ctrl);
}

static int h18ms_suspend(struct memstick_dev *card, pm_message_t state)
{
	struct h18ms *ms = memstick_get_drvdata(card);

	del_timer_sync(&ms->flush_timer);
	h18ms_media_stop_locked(&card->dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int h18ms_resume(struct memstick_dev *card)
{
	struct h18ms *ms = memstick_get_drvdata(card);

	h18ms_media_init(ms->dev); /* EXPECT-NONE: device-lock-required */
	if (!h18ms_media_check(&card->dev)) /* EXPECT-NONE: device-lock-required */
		return 0;
	mod_timer(&ms->flush_timer, jiffies + msecs_to_jiffies(H18MS_FLUSH_MS));
	return 0;
}

static struct memstick_device_id h18ms_id_tbl[] = {
	{MEMSTICK_MATCH_ALL, MEMSTICK_TYPE_LEGACY, MEMSTICK_CATEGORY_STORAGE,
	 MEMSTICK_CLASS_FLASH},
	{}
};
MODULE_DEVICE_TABLE(memstick, h18ms_id_tbl);

static struct memstick_driver h18ms_driver = {
	.driver = {
		.name		= "h18ms",
		.owner		= THIS_MODULE,
		.dev_groups	= h18ms_groups,
	},
	.id_table	= h18ms_id_tbl,
	.probe		= h18ms_probe,
	.remove		= h18ms_remove,
	.suspend	= h18ms_suspend,
	.resume		= h18ms_resume,
};

static int __init h18ms_init(void)
{
	int ret;

	ret = h18ms_part_bus_init();
	if (ret)
		return ret;
	ret = memstick_register_driver(&h18ms_driver);
	if (ret)
		h18ms_part_bus_exit();
	return ret;
}
module_init(h18ms_init);

static void __exit h18ms_exit(void)
{
	memstick_unregister_driver(&h18ms_driver);
	h18ms_part_bus_exit();
}
module_exit(h18ms_exit);

MODULE_DESCRIPTION("h18 MemoryStick card driver with partition devices");
MODULE_LICENSE("GPL");
