// SPDX-License-Identifier: GPL-2.0
/*
 * h18hsi_core.c - HSI client driver, shaped after
 * drivers/hsi/clients/ssi_protocol.c (6.12): ssi_protocol_probe,
 * ssi_protocol_remove, ssip_port_event, ssip_keep_alive, ssip_xmit_work.
 *
 * What the core holds around each slot (6.12):
 *  - driver.probe: hsi_bus_type has no .probe, so
 *    drivers/base/dd.c:call_driver_probe calls drv->probe from really_probe,
 *    under device_lock(dev) taken by __device_attach, __driver_attach
 *    (__device_driver_lock) or device_driver_attach.  The parent (the HSI
 *    port) is not locked: __device_driver_lock locks the parent only for
 *    dev->type->need_parent_lock, and hsi clients have no type
 *    (drivers/hsi/hsi_core.c:hsi_new_client).
 *  - driver.remove: drivers/base/dd.c:device_release_driver_internal ->
 *    __device_release_driver, under device_lock(dev).
 *  - driver.pm system sleep: drivers/base/power/main.c:device_suspend and
 *    device_resume take device_lock(dev) around dpm_run_callback; the client
 *    has no pm_domain, type or class, and hsi_bus_type no pm, so the
 *    driver's ops run there.
 *  - port events: drivers/hsi/hsi_core.c:hsi_event ->
 *    blocking_notifier_call_chain -> hsi_event_notifier_call -> ehandler;
 *    called by the controller (omap_ssi_port.c:ssi_wake_thread), no device
 *    lock ("The handler can be called in interrupt context").
 *  - timers, works, reboot notifier (kernel/reboot.c:kernel_restart_prepare
 *    -> blocking_notifier_call_chain), sysfs store
 *    (drivers/base/core.c:dev_attr_store): no device lock.
 */
#include <linux/device.h>
#include <linux/hsi/hsi.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "h18hsi.h"

#define H18HSI_KA_MS	200

/* ssip_keep_alive: a timer, softirq context, nothing held */
static void h18hsi_keep_alive(struct timer_list *t)
{
	struct h18hsi *h = from_timer(h, t, keep_alive);

	if (h18hsi_hw_kick_locked(h->dev)) /* EXPECT: device-lock-required */
		schedule_work(&h->kick_work);
	else
		mod_timer(&h->keep_alive, jiffies + msecs_to_jiffies(H18HSI_KA_MS));
}

/* the timer's deferred half, with the lock taken by a trylock helper */
static void h18hsi_kick_work(struct work_struct *work)
{
	struct h18hsi *h = container_of(work, struct h18hsi, kick_work);

	if (!h18hsi_trylock_ready(h->dev))
		return; /* EXPECT-NONE: lock-imbalance */
	h18hsi_hw_kick_locked(h->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(h->dev);
}

/* ssip_port_event: blocking notifier of the port, no device lock */
static void h18hsi_port_event(struct hsi_client *cl, unsigned long event)
{
	struct h18hsi *h = hsi_client_drvdata(cl);

	switch (event) {
	case HSI_EVENT_START_RX:
		h18hsi_hw_wake(&cl->device, true); /* EXPECT: device-lock-required */
		break;
	case HSI_EVENT_STOP_RX:
		schedule_work(&h->wake_work);
		break;
	default:
		return;
	}
}

static void h18hsi_wake_work(struct work_struct *work)
{
	struct h18hsi *h = container_of(work, struct h18hsi, wake_work);

	if (!device_trylock(h->dev)) {
		schedule_work(&h->wake_work);
		return; /* EXPECT-NONE: lock-imbalance */
	}
	h18hsi_hw_wake(h->dev, false); /* EXPECT-NONE: device-lock-required */
	device_unlock(h->dev);
}

/* the companion (another driver's device), with its own lock held */
static void h18hsi_companion_work(struct work_struct *work)
{
	struct h18hsi *h = container_of(work, struct h18hsi, companion_work);

	if (!h->companion)
		return;
	scoped_guard(device, h->companion) {
		h18hsi_hw_detach_companion(h->companion); /* EXPECT-NONE: device-lock-required */
		of_dma_configure(h->companion, h->companion_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	}
}

static int h18hsi_reboot(struct notifier_block *nb, unsigned long action,
			 void *data)
{
	struct h18hsi *h = container_of(nb, struct h18hsi, reboot_nb);

	if (action == SYS_RESTART) {
		h18hsi_hw_shutdown_locked(h->dev); /* EXPECT: device-lock-required */
	} else if (h18hsi_trylock_bound(h->dev)) {
		h18hsi_hw_shutdown_locked(h->dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(h->dev);
	}
	return NOTIFY_DONE; /* EXPECT: lock-imbalance @hsi_trybound */
}

/* ---- sysfs (driver dev_groups), drivers/base/core.c:dev_attr_store ---- */

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	unsigned int v;
	int ret;

	ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;
	ret = h18hsi_hw_set_mode(dev, v); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(mode);

static ssize_t mode_sync_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	unsigned int v;
	int ret;

	ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;
	scoped_guard(device, dev)
		ret = h18hsi_hw_set_mode(dev, v); /* EXPECT-NONE: device-lock-required */
	return ret ? ret : count; /* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_WO(mode_sync);

static ssize_t rebind_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct h18hsi *h = dev_get_drvdata(dev);
	unsigned int idx;
	int ret;

	ret = kstrtouint(buf, 0, &idx);
	if (ret)
		return ret;
	ret = h18hsi_chan_rebind(h, idx);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(rebind);

static struct attribute *h18hsi_attrs[] = {
	&dev_attr_mode.attr,
	&dev_attr_mode_sync.attr,
	&dev_attr_rebind.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h18hsi);

/* ---- probe / remove ---- */

static int h18hsi_probe(struct device *dev)
{
	struct hsi_client *cl = to_hsi_client(dev);
	struct platform_device *pdev;
	struct h18hsi *h;
	int ret;

	h = devm_kzalloc(dev, sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	h->cl = cl;
	h->dev = dev;
	h->nr_chan = min_t(unsigned int, cl->rx_cfg.num_channels, H18HSI_MAX_CH);
	timer_setup(&h->keep_alive, h18hsi_keep_alive, 0);
	INIT_WORK(&h->wake_work, h18hsi_wake_work);
	INIT_WORK(&h->kick_work, h18hsi_kick_work);
	INIT_WORK(&h->companion_work, h18hsi_companion_work);
	hsi_client_set_drvdata(cl, h);

	h18hsi_hw_setup(dev); /* EXPECT-NONE: device-lock-required */

	/* etnaviv_drv.c:etnaviv_pdev_probe: own device re-pointed at another node */
	h->dma_np = of_parse_phandle(dev->of_node, "h18,dma-parent", 0);
	if (h->dma_np) {
		ret = of_dma_configure(dev, h->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			goto err_np;
	}

	/*
	 * a6xx_gmu.c:a6xx_gmu_wrapper_init: a sibling found by phandle (a
	 * peer of the modem, not the SSI controller above us); probe holds
	 * only our own lock.
	 */
	h->companion_np = of_parse_phandle(dev->of_node, "h18,companion", 0);
	if (h->companion_np) {
		pdev = of_find_device_by_node(h->companion_np);
		if (pdev) {
			h->companion = &pdev->dev;
			of_dma_configure(h->companion, h->companion_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		}
	}

	ret = hsi_claim_port(cl, 1);
	if (ret)
		goto err_companion;
	ret = hsi_register_port_event(cl, h18hsi_port_event);
	if (ret)
		goto err_release;
	ret = h18hsi_chan_add_all(h);
	if (ret)
		goto err_event;

	h->reboot_nb.notifier_call = h18hsi_reboot;
	register_reboot_notifier(&h->reboot_nb);
	mod_timer(&h->keep_alive, jiffies + msecs_to_jiffies(H18HSI_KA_MS));
	if (h->companion)
		schedule_work(&h->companion_work);
	return 0;

err_event:
	hsi_unregister_port_event(cl);
err_release:
	hsi_release_port(cl);
err_companion:
	if (h->companion)
		put_device(h->companion);
	of_node_put(h->companion_np);
err_np:
	of_node_put(h->dma_np);
	return ret;
}

static int h18hsi_remove(struct device *dev)
{
	struct h18hsi *h = dev_get_drvdata(dev);

	unregister_reboot_notifier(&h->reboot_nb);
	timer_shutdown_sync(&h->keep_alive);
	cancel_work_sync(&h->wake_work);
	cancel_work_sync(&h->kick_work);
	cancel_work_sync(&h->companion_work);

	h18hsi_hw_shutdown_locked(dev); /* EXPECT-NONE: device-lock-required */
	h18hsi_chan_del_all(h);
	hsi_unregister_port_event(h->cl);
	hsi_release_port(h->cl);

	if (h->companion) {
		h18hsi_hw_detach_companion(h->companion); /* EXPECT: device-lock-required */
		put_device(h->companion);
	}
	of_node_put(h->companion_np);
	of_node_put(h->dma_np);
	return 0;
}

/* ---- system sleep: drivers/base/power/main.c:device_suspend/device_resume ---- */

static int h18hsi_suspend(struct device *dev)
{
	struct h18hsi *h = dev_get_drvdata(dev);

	del_timer_sync(&h->keep_alive);
	h18hsi_hw_shutdown_locked(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int h18hsi_resume(struct device *dev)
{
	struct h18hsi *h = dev_get_drvdata(dev);
	int ret = 0;

	if (h->dma_np)
		ret = of_dma_configure(dev, h->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	mod_timer(&h->keep_alive, jiffies + msecs_to_jiffies(H18HSI_KA_MS));
	return ret;
}

static DEFINE_SIMPLE_DEV_PM_OPS(h18hsi_pm, h18hsi_suspend, h18hsi_resume);

static const struct of_device_id h18hsi_of_match[] = {
	{ .compatible = "h18,hsi-modem" },
	{ }
};
MODULE_DEVICE_TABLE(of, h18hsi_of_match);

static struct hsi_client_driver h18hsi_driver = {
	.driver = {
		.name		= "h18hsi",
		.owner		= THIS_MODULE,
		.of_match_table	= h18hsi_of_match,
		.probe		= h18hsi_probe,
		.remove		= h18hsi_remove,
		.pm		= pm_sleep_ptr(&h18hsi_pm),
		.dev_groups	= h18hsi_groups,
	},
};

static int __init h18hsi_init(void)
{
	int ret;

	ret = h18hsi_chan_bus_init();
	if (ret)
		return ret;
	ret = hsi_register_client_driver(&h18hsi_driver);
	if (ret)
		h18hsi_chan_bus_exit();
	return ret;
}
module_init(h18hsi_init);

static void __exit h18hsi_exit(void)
{
	hsi_unregister_client_driver(&h18hsi_driver);
	h18hsi_chan_bus_exit();
}
module_exit(h18hsi_exit);

MODULE_DESCRIPTION("h18 HSI client with per-channel function devices");
MODULE_LICENSE("GPL");
