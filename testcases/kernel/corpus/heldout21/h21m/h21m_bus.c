// SPDX-License-Identifier: GPL-2.0
/*
 * h21m_bus.c - the "core" half of h21m: a private MMC-style card bus, the
 * host object and card enumeration.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/mmc/core/bus.c: mmc_bus_probe(), mmc_bus_remove(),
 *	mmc_bus_shutdown(), mmc_bus_suspend()/mmc_bus_resume() (they call
 *	pm_generic_suspend()/pm_generic_resume()), mmc_runtime_suspend(),
 *	mmc_register_driver(), mmc_alloc_card(), mmc_add_card(),
 *	mmc_remove_card()
 *   drivers/mmc/core/core.c: mmc_rescan() (delayed detect work)
 *   drivers/mmc/core/host.c: mmc_of_find_child_device() (of_node of a card)
 *   drivers/bcma/main.c: bcma_of_fill_device() (of_dma_configure() on a
 *	device the core allocated, before device_add())
 *
 * Core locking facts read in 6.12 (this bus has no .dma_configure, like
 * mmc_bus_type):
 *   drivers/base/dd.c:really_probe() -> call_driver_probe(): bus .probe
 *	HELD (device_lock(dev) from __device_attach()/__driver_attach()).
 *   drivers/base/dd.c:device_release_driver_internal(): bus .remove HELD.
 *   drivers/base/core.c:device_shutdown(): bus .shutdown HELD.
 *   drivers/base/power/main.c:device_suspend()/device_resume(): bus
 *	dev_pm_ops .suspend/.resume HELD, hence also the driver's callbacks
 *	reached through pm_generic_suspend()/pm_generic_resume().
 *   drivers/base/power/runtime.c:rpm_callback(): runtime PM NOT held.
 *   kernel/workqueue.c: the detect work runs with no device lock.
 *   drivers/base/core.c:device_for_each_child(): takes no lock of the
 *	children (klist walk only): callbacks run with the child NOT held.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "h21m.h"

static DEFINE_IDA(h21m_host_ida);
static struct h21m_host *h21m_host0;

static int h21m_bus_match(struct device *dev, const struct device_driver *drv)
{
	/* every card is handled by the one card driver, as for mmc_bus_type */
	return 1;
}

static int h21m_bus_probe(struct device *dev)
{
	struct h21m_driver *drv = to_h21m_driver(dev->driver);
	struct h21m_card *card = h21m_dev_to_card(dev);
	int ret;

	/* really_probe(): device_lock(dev) HELD */
	ret = h21m_card_set_bus_width(card, 4); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	return drv->probe(card);
}

static void h21m_bus_remove(struct device *dev)
{
	struct h21m_driver *drv = to_h21m_driver(dev->driver);
	struct h21m_card *card = h21m_dev_to_card(dev);

	drv->remove(card);
	/* device_release_driver_internal(): HELD */
	h21m_card_switch_part_locked(dev, H21M_PART_USER); /* EXPECT-NONE: device-lock-required */
}

static void h21m_bus_shutdown(struct device *dev)
{
	struct h21m_driver *drv = to_h21m_driver(dev->driver);
	struct h21m_card *card = h21m_dev_to_card(dev);

	if (dev->driver && drv->shutdown)
		drv->shutdown(card);

	/* device_shutdown(): HELD */
	h21m_card_flush_cache(card); /* EXPECT-NONE: device-lock-required */
}

#ifdef CONFIG_PM_SLEEP
static int h21m_bus_suspend(struct device *dev)
{
	struct h21m_card *card = h21m_dev_to_card(dev);
	int ret;

	ret = pm_generic_suspend(dev);
	if (ret)
		return ret;

	/* device_suspend(): HELD */
	h21m_card_flush_cache(card); /* EXPECT-NONE: device-lock-required */
	card->state |= H21M_CARD_STATE_SUSPEND;
	return 0;
}

static int h21m_bus_resume(struct device *dev)
{
	struct h21m_card *card = h21m_dev_to_card(dev);
	int ret;

	card->state &= ~H21M_CARD_STATE_SUSPEND;
	/* device_resume(): HELD */
	ret = h21m_card_set_bus_width(card, card->bus_width ?: 1); /* EXPECT-NONE: device-lock-required */
	if (ret)
		dev_warn(dev, "bus width restore failed: %d\n", ret);

	return pm_generic_resume(dev);
}
#endif

#ifdef CONFIG_PM
static int h21m_runtime_suspend(struct device *dev)
{
	struct h21m_card *card = h21m_dev_to_card(dev);

	/* rpm_callback(): NOT held */
	h21m_card_flush_cache(card); /* EXPECT: device-lock-required */
	return 0;
}

static int h21m_runtime_resume(struct device *dev)
{
	struct h21m_card *card = h21m_dev_to_card(dev);

	/* rpm_callback(): NOT held */
	return h21m_card_set_bus_width(card, card->bus_width ?: 1); /* EXPECT: device-lock-required */
}
#endif

static const struct dev_pm_ops h21m_bus_pm_ops = {
	SET_RUNTIME_PM_OPS(h21m_runtime_suspend, h21m_runtime_resume, NULL)
	SET_SYSTEM_SLEEP_PM_OPS(h21m_bus_suspend, h21m_bus_resume)
};

static const struct bus_type h21m_bus_type = {
	.name		= "h21m",
	.match		= h21m_bus_match,
	.probe		= h21m_bus_probe,
	.remove		= h21m_bus_remove,
	.shutdown	= h21m_bus_shutdown,
	.pm		= &h21m_bus_pm_ops,
};

int h21m_register_driver(struct h21m_driver *drv)
{
	drv->drv.bus = &h21m_bus_type;
	return driver_register(&drv->drv);
}

void h21m_unregister_driver(struct h21m_driver *drv)
{
	driver_unregister(&drv->drv);
}

static void h21m_release_card(struct device *dev)
{
	kfree(h21m_dev_to_card(dev));
}

struct h21m_card *h21m_alloc_card(struct h21m_host *host)
{
	struct h21m_card *card;

	card = kzalloc(sizeof(*card), GFP_KERNEL);
	if (!card)
		return ERR_PTR(-ENOMEM);

	card->host = host;
	device_initialize(&card->dev);
	card->dev.parent = &host->class_dev;
	card->dev.bus = &h21m_bus_type;
	card->dev.release = h21m_release_card;

	return card;
}

/*
 * Register a card.  An embedded (non-removable) card described in DT may
 * sit behind its own IOMMU stream: the core configures DMA for the card
 * device it allocated itself, before device_add(); nobody holds its lock.
 */
int h21m_add_card(struct h21m_card *card, struct device_node *np)
{
	int ret;

	dev_set_name(&card->dev, "h21m%d:%04x", card->host->index, card->rca);

	if (np) {
		card->dev.of_node = np;
		ret = of_dma_configure(&card->dev, np, false); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
		if (ret)
			return ret;
	}

	device_enable_async_suspend(&card->dev);
	ret = device_add(&card->dev);
	if (ret)
		return ret;

	card->state |= H21M_CARD_STATE_PRESENT;
	return 0;
}

/* Same configuration for a card that is already registered: lock it. */
int h21m_card_rebind_node(struct h21m_card *card, struct device_node *np)
{
	struct device *dev = &card->dev;

	guard(device)(dev);
	dev->of_node = np;
	return of_dma_configure(dev, np, false); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
}

void h21m_remove_card(struct h21m_card *card)
{
	if (card->state & H21M_CARD_STATE_PRESENT) {
		dev_info(&card->dev, "card %04x removed\n", card->rca);
		device_del(&card->dev);
	}
	card->state |= H21M_CARD_STATE_REMOVED;
	put_device(&card->dev);
}

/* device_for_each_child() callbacks: the child's lock is not held. */
static int h21m_quiesce_card_cb(struct device *dev, void *data)
{
	struct h21m_card *card = h21m_dev_to_card(dev);

	h21m_card_flush_cache(card); /* EXPECT: device-lock-required */
	return 0;
}

static int h21m_park_card_cb(struct device *dev, void *data)
{
	struct h21m_card *card = h21m_dev_to_card(dev);
	int ret;

	device_lock(dev);
	h21m_card_flush_cache(card); /* EXPECT-NONE: device-lock-required */
	ret = h21m_card_switch_part_locked(dev, H21M_PART_USER);
	device_unlock(dev);

	return ret;
}

/*
 * Host-level suspend, called by the host controller driver (mmc_suspend_host
 * shape).  Cards are parked one by one.
 */
int h21m_host_suspend_cards(struct h21m_host *host)
{
	int ret;

	ret = device_for_each_child(&host->class_dev, NULL, h21m_park_card_cb);
	if (ret)
		return ret;

	return device_for_each_child(&host->class_dev, NULL, h21m_quiesce_card_cb);
}

/* mmc_rescan() shape: the detect work enumerates one card at RCA 1. */
static void h21m_rescan(struct work_struct *work)
{
	struct h21m_host *host = container_of(work, struct h21m_host, detect.work);
	struct h21m_card *card;
	struct device_node *np = NULL;
	struct device *child;

	if (host->rescan_disable)
		return;

	mutex_lock(&host->scan_lock);
	child = device_find_any_child(&host->class_dev);
	if (child) {
		/* already enumerated */
		put_device(child);
		goto out;
	}

	card = h21m_alloc_card(host);
	if (IS_ERR(card))
		goto out;

	card->rca = 1;
	if (host->parent && host->parent->of_node)
		np = of_get_child_by_name(host->parent->of_node, "card");

	/* the card is ours and not yet visible: no lock needed for the width */
	if (h21m_add_card(card, np)) {
		of_node_put(np);
		put_device(&card->dev);
		goto out;
	}

	/* the card is live now; the work holds no lock on it */
	h21m_card_set_bus_width(card, 4); /* EXPECT: device-lock-required */
out:
	mutex_unlock(&host->scan_lock);
}

static void h21m_host_release(struct device *dev)
{
	struct h21m_host *host = container_of(dev, struct h21m_host, class_dev);

	ida_free(&h21m_host_ida, host->index);
	kfree(host);
}

static int h21m_remove_child_cb(struct device *dev, void *data)
{
	h21m_remove_card(h21m_dev_to_card(dev));
	return 0;
}

static int __init h21m_init(void)
{
	struct h21m_host *host;
	int ret;

	ret = bus_register(&h21m_bus_type);
	if (ret)
		return ret;

	ret = h21m_blk_init();
	if (ret)
		goto err_bus;

	host = kzalloc(sizeof(*host), GFP_KERNEL);
	if (!host) {
		ret = -ENOMEM;
		goto err_blk;
	}

	ret = ida_alloc(&h21m_host_ida, GFP_KERNEL);
	if (ret < 0) {
		kfree(host);
		goto err_blk;
	}
	host->index = ret;
	mutex_init(&host->scan_lock);
	INIT_DELAYED_WORK(&host->detect, h21m_rescan);
	device_initialize(&host->class_dev);
	host->class_dev.release = h21m_host_release;
	dev_set_name(&host->class_dev, "h21m_host%d", host->index);
	ret = device_add(&host->class_dev);
	if (ret) {
		put_device(&host->class_dev);
		goto err_blk;
	}

	h21m_host0 = host;
	queue_delayed_work(system_freezable_wq, &host->detect, 0);
	return 0;

err_blk:
	h21m_blk_exit();
err_bus:
	bus_unregister(&h21m_bus_type);
	return ret;
}
module_init(h21m_init);

static void __exit h21m_exit(void)
{
	struct h21m_host *host = h21m_host0;

	host->rescan_disable = true;
	cancel_delayed_work_sync(&host->detect);
	if (h21m_host_suspend_cards(host))
		dev_warn(&host->class_dev, "cards did not park\n");
	device_for_each_child(&host->class_dev, NULL, h21m_remove_child_cb);
	device_unregister(&host->class_dev);
	h21m_blk_exit();
	bus_unregister(&h21m_bus_type);
}
module_exit(h21m_exit);

MODULE_DESCRIPTION("h21m MMC-style card bus and card driver");
MODULE_LICENSE("GPL");
