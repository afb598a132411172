// SPDX-License-Identifier: GPL-2.0
/*
 * h19serio_drv.c: a serio port driver and its callback slots.
 *
 * Who calls each slot in 6.12 (drivers/input/serio/serio.c):
 *   .connect        serio_connect_driver() from serio_driver_probe()
 *                   (bus .probe, really_probe(), device_lock held) AND from
 *                   serio_bind_driver() <- drvctl_store() (a sysfs store,
 *                   serio_mutex only, no device_lock): mixed.
 *   .disconnect     serio_disconnect_driver() from serio_driver_remove()
 *                   (bus .remove, lock held) AND from serio_bind_driver()'s
 *                   error path under drvctl_store(): mixed.
 *   .reconnect      serio_reconnect_driver() <- serio_reconnect_port() <-
 *                   serio_handle_event() (kseriod work) or
 *                   serio_reconnect_subtree() <- drvctl_store(): serio_mutex
 *                   and serio->drv_mutex only, never device_lock.
 *   .fast_reconnect serio_resume(), the serio_pm_ops .resume/.restore,
 *                   called by device_resume() (drivers/base/power/main.c)
 *                   between device_lock(dev) and device_unlock(dev).
 *   .cleanup        serio_cleanup() from serio_shutdown() (bus .shutdown,
 *                   device_shutdown() in drivers/base/core.c locks dev) and
 *                   from serio_suspend() (.suspend/.poweroff, called by
 *                   device_suspend() under device_lock(dev)).
 *   .interrupt      serio_interrupt(), in the port's irq handler under
 *                   serio->lock (a spinlock), no device_lock.
 *   driver.pm late  device_suspend_late()/device_resume_early(): serio_pm_ops
 *                   has no late callbacks so the driver's run, without
 *                   device_lock.
 *   attributes      dev_attr_show()/dev_attr_store() (drivers/base/core.c)
 *                   call ->show/->store with no lock.
 *
 * Corpus code for static analysis, not meant to be loaded: some entry
 * points below take a device lock from a work, a watch callback or a
 * driver attribute that the remove path flushes or removes under the
 * same lock, which a real driver would avoid (device_trylock() and
 * restart_syscall(), or no flush under the lock).  The labels judge only
 * whether the lock is held at each call.
 */
#include <linux/acpi.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/serio.h>
#include <linux/slab.h>
#include <linux/suspend.h>

#include "h19serio.h"

#define H19SERIO_TYPE	0x7e

static struct serio_driver h19serio_drv;

/* ---- works, timer, notifiers: none of them holds a device lock ---- */

/*
 * Work on the port's own device, queued from reconnect.  Run by
 * process_one_work() (kernel/workqueue.c), which takes no device lock.
 */
static void h19serio_rebind_work(struct work_struct *work)
{
	struct h19serio_port *port = container_of(work, struct h19serio_port, rebind_work);

	/* shape of psmouse_resync() (drivers/input/mouse/psmouse-base.c), a work */
	h19serio_rebind_window(&port->serio->dev); /* EXPECT: device-lock-required */
}

/*
 * Twin: the work takes the lock with device_trylock() and gives up if the
 * driver core holds it, like pmc_core_set_device_d3()
 * (drivers/platform/x86/intel/pmc/core.c).
 */
static void h19serio_try_work(struct work_struct *work)
{
	struct h19serio_port *port = container_of(work, struct h19serio_port, try_work);
	struct device *dev = &port->serio->dev;

	if (!device_trylock(dev))
		return;
	h19serio_rebind_window(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
}

/*
 * Static helper without a contract of its own: re-applies the DMA
 * configuration of the window device the driver created and kept in
 * port->win (shape of s5p_mfc_alloc_memdev(), drivers/media/platform/
 * samsung/s5p-mfc/s5p_mfc.c, on a child it created).  Its lock site is
 * shared with the unlocked caller in h19serio_win_work().
 */
static int h19serio_win_reconfig(struct h19serio_port *port)
{
	return of_dma_configure_id(&port->win->dev, port->alt_np, true, &port->win->index); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @serio_winreconf */
}

/* A work: process_one_work() holds nothing of the window's. */
static void h19serio_win_work(struct work_struct *work)
{
	struct h19serio_port *port = container_of(work, struct h19serio_port, win_work);

	if (IS_ERR_OR_NULL(port->win))
		return;
	h19serio_win_reconfig(port); /* EXPECT: device-lock-required @serio_winreconf */

	/* twin: the same helper with the window's lock taken */
	scoped_guard(device, &port->win->dev)
		h19serio_win_reconfig(port); /* EXPECT-NONE: device-lock-required */
}

/* Timer callback: call_timer_fn() in softirq context, no device lock. */
static void h19serio_watchdog_fn(struct timer_list *t)
{
	struct h19serio_port *port = from_timer(port, t, watchdog);

	h19serio_commit_window(&port->serio->dev); /* EXPECT: device-lock-required */
	schedule_work(&port->try_work);
}

/*
 * PM notifier: called by pm_notifier_call_chain() from suspend_finish()
 * (kernel/power/suspend.c) after the device resume callbacks, with no
 * device lock held by the caller; it takes the peer's lock itself.
 * port->peer is a foreign device found by phandle in connect (shape of
 * a6xx_gmu_wrapper_init(), drivers/gpu/drm/msm/adreno/a6xx_gmu.c:
 * of_find_device_by_node() then of_dma_configure() on it).  It is the
 * negative twin of the sibling configured in h19serio_fast_reconnect().
 */
static int h19serio_pm_notify_locked(struct notifier_block *nb, unsigned long action, void *data)
{
	struct h19serio_port *port = container_of(nb, struct h19serio_port, pm_nb_locked);

	if (action != PM_POST_SUSPEND || !port->peer)
		return NOTIFY_DONE;
	device_lock(port->peer);
	of_dma_configure(port->peer, port->peer->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(port->peer);
	return NOTIFY_OK;
}

/* ---- serio_driver slots ---- */

static irqreturn_t h19serio_interrupt(struct serio *serio, unsigned char data,
				      unsigned int flags)
{
	/* serio_interrupt(): irq context under serio->lock, no device lock */
	h19serio_commit_window(&serio->dev); /* EXPECT: device-lock-required */
	return IRQ_HANDLED;
}

static int h19serio_match_sibling(struct device *dev, const void *data)
{
	const struct serio *self = data;

	return dev != &self->dev && to_serio_port(dev)->id.type == self->id.type;
}

static int h19serio_connect(struct serio *serio, struct serio_driver *drv)
{
	struct device_node *np = serio->dev.parent ? serio->dev.parent->of_node : NULL;
	struct h19serio_port *port;
	struct device_node *peer_np;
	int err;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->serio = serio;
	INIT_WORK(&port->rebind_work, h19serio_rebind_work);
	INIT_WORK(&port->try_work, h19serio_try_work);
	INIT_WORK(&port->win_work, h19serio_win_work);
	timer_setup(&port->watchdog, h19serio_watchdog_fn, 0);
	port->pm_nb_locked.notifier_call = h19serio_pm_notify_locked;
	serio_set_drvdata(serio, port);

	port->alt_np = of_parse_phandle(np, "h19,dma-window", 0);
	if (port->alt_np) {
		/*
		 * Probed device re-pointed at another node, shape of
		 * etnaviv_pdev_probe() (drivers/gpu/drm/etnaviv/etnaviv_drv.c).
		 * The lock rule is left unlabelled on purpose: .connect runs
		 * with device_lock held from serio_driver_probe() but without
		 * it from drvctl_store() -> serio_bind_driver(), so the lock
		 * state here depends on the caller.
		 * [Labelled after the first measurement, by the tool's
		 * maintainers: on the drvctl_store() path the lock is not held,
		 * so a finding that says so is true.]
		 */
		of_dma_configure(&serio->dev, port->alt_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
		port->win = h19serio_win_create(port);
	}

	/* foreign device by phandle, kept for the PM notifier */
	peer_np = of_parse_phandle(np, "h19,dma-peer", 0);
	if (peer_np) {
		struct platform_device *pdev = of_find_device_by_node(peer_np);

		if (pdev)
			port->peer = &pdev->dev;
		of_node_put(peer_np);
	}

	err = serio_open(serio, drv);
	if (err)
		goto fail;
	register_pm_notifier(&port->pm_nb_locked);
	port->ready = true;
	return 0;

fail:
	h19serio_win_destroy(port->win);
	put_device(port->peer);
	of_node_put(port->alt_np);
	serio_set_drvdata(serio, NULL);
	kfree(port);
	return err;
}

/*
 * .disconnect is mixed too (see the header comment): nothing here is
 * judged by the lock rules.
 */
static void h19serio_disconnect(struct serio *serio)
{
	struct h19serio_port *port = serio_get_drvdata(serio);

	unregister_pm_notifier(&port->pm_nb_locked);
	timer_shutdown_sync(&port->watchdog);
	cancel_work_sync(&port->win_work);
	cancel_work_sync(&port->try_work);
	cancel_work_sync(&port->rebind_work);
	serio_close(serio);
	h19serio_win_destroy(port->win);
	put_device(port->peer);
	of_node_put(port->alt_np);
	serio_set_drvdata(serio, NULL);
	kfree(port);
}

/* .reconnect: kseriod or drvctl_store(), never under device_lock */
static int h19serio_reconnect(struct serio *serio)
{
	struct h19serio_port *port = serio_get_drvdata(serio);
	int err;

	err = h19serio_route_locked(&serio->dev, port->route); /* EXPECT: device-lock-required */
	if (err)
		return err;
	schedule_work(&port->rebind_work);
	schedule_work(&port->win_work);
	mod_timer(&port->watchdog, jiffies + HZ);
	return 0;
}

/* .fast_reconnect: serio_resume() <- device_resume(), lock held */
static int h19serio_fast_reconnect(struct serio *serio)
{
	struct h19serio_port *port = serio_get_drvdata(serio);
	struct device *sib;
	int err;

	err = h19serio_route_locked(&serio->dev, port->route); /* EXPECT-NONE: device-lock-required */
	if (err)
		return err;
	if (port->alt_np)
		of_dma_configure(&serio->dev, port->alt_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */

	/*
	 * A sibling port found on serio_bus: a foreign device.  Only our own
	 * port's lock is held by device_resume(), not the sibling's.
	 */
	sib = bus_find_device(&serio_bus, NULL, serio, h19serio_match_sibling);
	if (sib) {
		acpi_dma_configure(sib, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		put_device(sib);
	}
	return 0;
}

/* .cleanup: serio_shutdown() / serio_suspend(), lock held */
static void h19serio_cleanup(struct serio *serio)
{
	struct h19serio_port *port = serio_get_drvdata(serio);

	h19serio_commit_window(&serio->dev); /* EXPECT-NONE: device-lock-required */
	h19serio_rebind_window(&serio->dev); /* EXPECT-NONE: device-lock-required */
	if (IS_ERR_OR_NULL(port->win))
		return;
	/*
	 * The window is a child the driver created: device_suspend() and
	 * device_shutdown() lock the port, not the window (the window is
	 * suspended/shut down on its own, before the port).
	 */
	h19serio_commit_window(&port->win->dev); /* EXPECT: device-lock-required */
	/* twin: window locked here, shape of cxl_cor_error_detected() */
	scoped_guard(device, &port->win->dev)
		h19serio_commit_window(&port->win->dev); /* EXPECT-NONE: device-lock-required */
}

/* ---- driver PM: late phase only (serio_pm_ops has no late callbacks) ---- */

static int h19serio_suspend_late(struct device *dev)
{
	/* device_suspend_late(): dpm_run_callback() without device_lock */
	return h19serio_rebind_window(dev); /* EXPECT: device-lock-required */
}

static const struct dev_pm_ops h19serio_pm_ops = {
	LATE_SYSTEM_SLEEP_PM_OPS(h19serio_suspend_late, NULL)
};

/* ---- sysfs: dev_attr_store() takes no lock ---- */

static ssize_t route_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct h19serio_port *port = serio_get_drvdata(to_serio_port(dev));
	u32 route;
	int ret;

	ret = kstrtou32(buf, 0, &route);
	if (ret)
		return ret;
	port->route = route;
	ret = h19serio_route_locked(dev, route); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(route);

/*
 * Twin: a store that takes the lock itself, shape of
 * security_sanitize_store() -> cxl_mem_sanitize() (drivers/cxl/core/
 * memdev.c, mbox.c: guard(device)(&cxlmd->dev)).
 */
static ssize_t route_sync_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct h19serio_port *port = serio_get_drvdata(to_serio_port(dev));
	int ret;

	guard(device)(dev);
	ret = h19serio_route_locked(dev, port->route); /* EXPECT-NONE: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(route_sync);

/* Uses of the lock helpers of h19serio_lock.c from a store. */
static ssize_t flush_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct h19serio_port *port = serio_get_drvdata(to_serio_port(dev));
	int ret;

	if (h19serio_port_trylock(dev, port->ready)) {
		/* held: the trylock wrapper returned 1 */
		h19serio_commit_window(dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
	}
	ret = h19serio_lock_interruptible(dev);
	if (ret)
		return ret;
	/* held: the interruptible wrapper returned 0 */
	h19serio_rebind_window(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	ret = h19serio_set_route(dev, port->route);
	if (ret == -ENODEV)
		ret = h19serio_set_route_leaky(dev, port->route);
	if (!ret)
		ret = h19serio_sync_guarded(dev);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(flush);

static struct attribute *h19serio_attrs[] = {
	&dev_attr_route.attr,
	&dev_attr_route_sync.attr,
	&dev_attr_flush.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h19serio);

static const struct serio_device_id h19serio_ids[] = {
	{
		.type	= H19SERIO_TYPE,
		.proto	= SERIO_ANY,
		.id	= SERIO_ANY,
		.extra	= SERIO_ANY,
	},
	{ 0 }
};
MODULE_DEVICE_TABLE(serio, h19serio_ids);

static struct serio_driver h19serio_drv = {
	.driver		= {
		.name		= "h19serio",
		.dev_groups	= h19serio_groups,
		.pm		= pm_sleep_ptr(&h19serio_pm_ops),
	},
	.description	= "h19 serio DMA window driver",
	.id_table	= h19serio_ids,
	.interrupt	= h19serio_interrupt,
	.connect	= h19serio_connect,
	.reconnect	= h19serio_reconnect,
	.fast_reconnect	= h19serio_fast_reconnect,
	.disconnect	= h19serio_disconnect,
	.cleanup	= h19serio_cleanup,
};

static int __init h19serio_init(void)
{
	int ret = h19serio_bus_init();

	if (ret)
		return ret;
	ret = serio_register_driver(&h19serio_drv);
	if (ret)
		h19serio_bus_exit();
	return ret;
}

static void __exit h19serio_exit(void)
{
	serio_unregister_driver(&h19serio_drv);
	h19serio_bus_exit();
}

module_init(h19serio_init);
module_exit(h19serio_exit);

MODULE_DESCRIPTION("h19 serio corpus module");
MODULE_LICENSE("GPL");
