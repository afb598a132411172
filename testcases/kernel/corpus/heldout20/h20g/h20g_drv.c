// SPDX-License-Identifier: GPL-2.0
/*
 * h20g_drv.c - a gameport driver (struct gameport_driver, gameport bus,
 * drivers/input/gameport/gameport.c).
 *
 * Slots, the Linux 6.12 code that calls them, and whether device_lock() of
 * the gameport's struct device is held there:
 *
 *   .connect     MIXED.  gameport_driver_probe() (gameport_bus.probe) from
 *                really_probe(), reached from device_attach() in
 *                gameport_find_driver(), driver_attach() in
 *                gameport_attach_driver() and device_add(): HELD.  But
 *                drvctl_store() (sysfs "drvctl" = <driver name>) calls
 *                gameport_bind_driver() -> drv->connect() with only
 *                gameport_mutex held: NOT held.
 *   .disconnect  MIXED.  gameport_driver_remove() from
 *                __device_release_driver() (device_release_driver() in
 *                gameport_disconnect_port()): HELD.  gameport_bind_driver()'s
 *                error path calls drv->disconnect() directly: NOT held.
 *   .reconnect   gameport_reconnect_port() from drvctl_store("reconnect"),
 *                under gameport_mutex only.                         NOT held
 *   gameport->poll_handler  gameport_run_poll_handler(), a timer.   NOT held
 *   .driver.shutdown  device_shutdown() (drivers/base/core.c) calls
 *                dev->driver->shutdown() (the gameport bus has no
 *                .shutdown) between device_lock(dev)/device_unlock(dev). HELD
 *   .driver.pm   the gameport device has no pm_domain, type, class or bus
 *                PM ops, so the driver's dev_pm_ops are run by
 *                drivers/base/power/main.c:
 *                  .prepare   device_prepare()   under device_lock    HELD
 *                  .suspend   device_suspend()   under device_lock    HELD
 *                  .resume    device_resume()    under device_lock    HELD
 *                  .complete  device_complete()  under device_lock    HELD
 *                  .suspend_late  device_suspend_late()           NOT held
 *                  .resume_early  device_resume_early()           NOT held
 *                  .suspend_noirq device_suspend_noirq()          NOT held
 *                  .resume_noirq  device_resume_noirq()           NOT held
 *   PM notifier (register_pm_notifier): pm_notifier_call_chain().   NOT held
 *   debugfs file ops, works: own contexts.                          NOT held
 *
 * Because .connect and .disconnect are MIXED, calls in them of a helper
 * that needs the gameport's device lock are left unlabelled on purpose.
 * The joystick port device (priv->port) is created in .connect; its own
 * lock is never held by any path of this file.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/suspend.h>
#include "h20g.h"

/* ---- poll handler (timer) and works ------------------------------------- */

static void h20g_poll(struct gameport *gameport)
{
	struct h20g_priv *priv = gameport_get_drvdata(gameport);

	priv->buttons = gameport_read(gameport);
	h20g_flush_axes(&gameport->dev); /* EXPECT: device-lock-required */
}

static void h20g_calib_work(struct work_struct *work)
{
	struct h20g_priv *priv = container_of(to_delayed_work(work),
					      struct h20g_priv, calib_work);
	struct device *dev;

	dev = h20g_trylock_port(priv->gameport);
	if (!dev) {
		schedule_delayed_work(&priv->calib_work, HZ / 4);
		return;
	}
	h20g_flush_axes(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
}

static void h20g_dma_work(struct work_struct *work)
{
	struct h20g_priv *priv = container_of(work, struct h20g_priv, dma_work);
	struct device *card = priv->gameport->dev.parent;

	/* the sound card that provides the gameport: not this driver's device */
	if (card && card->of_node)
		of_dma_configure(card, card->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
	if (h20g_port_dma_reset(priv))
		dev_dbg(&priv->gameport->dev, "no port to reset\n");
}

/* ---- PM notifier -------------------------------------------------------- */

static int h20g_pm_notify(struct notifier_block *nb, unsigned long action,
			  void *unused)
{
	struct h20g_priv *priv = container_of(nb, struct h20g_priv, pm_nb);

	switch (action) {
	case PM_SUSPEND_PREPARE:
		h20g_set_mode(priv->gameport, GAMEPORT_MODE_DISABLED); /* EXPECT: device-lock-required */
		break;
	case PM_POST_SUSPEND:
		device_lock(&priv->gameport->dev);
		h20g_set_mode(priv->gameport, GAMEPORT_MODE_RAW); /* EXPECT-NONE: device-lock-required */
		device_unlock(&priv->gameport->dev);
		break;
	}
	return NOTIFY_DONE;
}

/* ---- debugfs ------------------------------------------------------------ */

static void h20g_dbg_rescan(struct h20g_priv *priv)
{
	h20g_rescan_locked(&priv->gameport->dev); /* EXPECT: device-lock-required @h20g_dbg */
}

static ssize_t h20g_rescan_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	h20g_dbg_rescan(file->private_data); /* EXPECT: device-lock-required @h20g_dbg */
	return len;
}

static const struct file_operations h20g_rescan_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= h20g_rescan_write,
	.llseek	= noop_llseek,
};

static ssize_t h20g_rescan_safe_write(struct file *file, const char __user *ubuf,
				      size_t len, loff_t *ppos)
{
	struct h20g_priv *priv = file->private_data;
	struct device *dev;

	dev = h20g_trylock_port(priv->gameport);
	if (!dev)
		return restart_syscall();
	h20g_rescan_locked(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return len;
}

static const struct file_operations h20g_rescan_safe_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= h20g_rescan_safe_write,
	.llseek	= noop_llseek,
};

/* ---- gameport_driver slots ---------------------------------------------- */

static int h20g_connect(struct gameport *gameport, struct gameport_driver *drv)
{
	struct h20g_priv *priv;
	struct device *card = gameport->dev.parent;
	int err;

	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->gameport = gameport;
	INIT_DELAYED_WORK(&priv->calib_work, h20g_calib_work);
	INIT_WORK(&priv->dma_work, h20g_dma_work);
	gameport_set_drvdata(gameport, priv);

	err = gameport_open(gameport, drv, GAMEPORT_MODE_RAW);
	if (err)
		goto fail_free;

	/* the gameport itself now uses the firmware node of the card above it */
	if (card && card->of_node)
		of_dma_configure(&gameport->dev, card->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device */

	/*
	 * Unlabelled on purpose: .connect runs with the gameport's lock held
	 * from gameport_driver_probe() and without it from drvctl_store().
	 */
	h20g_set_mode(gameport, GAMEPORT_MODE_RAW);

	priv->port = h20g_port_create(priv, 0);
	if (IS_ERR(priv->port)) {
		err = PTR_ERR(priv->port);
		goto fail_close;
	}
	/* the port was just registered and probed; nobody holds its lock now */
	h20g_flush_axes(&priv->port->dev); /* EXPECT: device-lock-required */
	scoped_guard(device, &priv->port->dev) {
		h20g_flush_axes(&priv->port->dev); /* EXPECT-NONE: device-lock-required */
	}

	priv->pm_nb.notifier_call = h20g_pm_notify;
	register_pm_notifier(&priv->pm_nb);

	priv->dbg = debugfs_create_dir(gameport->phys, NULL);
	debugfs_create_file("rescan", 0200, priv->dbg, priv, &h20g_rescan_fops);
	debugfs_create_file("rescan_safe", 0200, priv->dbg, priv, &h20g_rescan_safe_fops);

	gameport_set_poll_handler(gameport, h20g_poll);
	gameport_set_poll_interval(gameport, 20);
	gameport_start_polling(gameport);
	schedule_delayed_work(&priv->calib_work, HZ);
	schedule_work(&priv->dma_work);
	return 0;

fail_close:
	gameport_close(gameport);
fail_free:
	gameport_set_drvdata(gameport, NULL);
	kfree(priv);
	return err;
}

static int h20g_reconnect(struct gameport *gameport)
{
	struct h20g_priv *priv = gameport_get_drvdata(gameport);

	h20g_set_mode(gameport, priv->st.mode); /* EXPECT: device-lock-required */
	guard(device)(&gameport->dev);
	return h20g_rescan_locked(&gameport->dev); /* EXPECT-NONE: device-lock-required */
}

static void h20g_disconnect(struct gameport *gameport)
{
	struct h20g_priv *priv = gameport_get_drvdata(gameport);

	gameport_stop_polling(gameport);
	cancel_delayed_work_sync(&priv->calib_work);
	cancel_work_sync(&priv->dma_work);
	unregister_pm_notifier(&priv->pm_nb);
	debugfs_remove_recursive(priv->dbg);
	/* Unlabelled on purpose: .disconnect is MIXED (see the header). */
	h20g_flush_axes(&gameport->dev);
	h20g_port_destroy(priv->port);
	gameport_close(gameport);
	gameport_set_drvdata(gameport, NULL);
	kfree(priv);
}

static void h20g_shutdown(struct device *dev)
{
	struct gameport *gameport = to_gameport_port(dev);

	h20g_flush_axes(dev); /* EXPECT-NONE: device-lock-required */
	h20g_set_mode(gameport, GAMEPORT_MODE_DISABLED); /* EXPECT-NONE: device-lock-required */
}

/* ---- dev_pm_ops --------------------------------------------------------- */

/* Called from .resume and .complete only, both under the device lock. */
static void h20g_restore(struct gameport *gameport)
{
	struct h20g_priv *priv = gameport_get_drvdata(gameport);

	h20g_set_mode(gameport, priv->st.mode); /* EXPECT-NONE: device-lock-required @h20g_restore */
}

/* Called from .resume_noirq only. */
static void h20g_noirq_restore(struct gameport *gameport)
{
	h20g_flush_axes(&gameport->dev); /* EXPECT: device-lock-required @h20g_noirq */
}

static int h20g_prepare(struct device *dev)
{
	h20g_rescan_locked(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static void h20g_complete(struct device *dev)
{
	h20g_restore(to_gameport_port(dev)); /* EXPECT-NONE: device-lock-required @h20g_restore */
}

static int h20g_suspend(struct device *dev)
{
	h20g_set_mode(to_gameport_port(dev), GAMEPORT_MODE_DISABLED); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int h20g_resume(struct device *dev)
{
	h20g_restore(to_gameport_port(dev)); /* EXPECT-NONE: device-lock-required @h20g_restore */
	return 0;
}

static int h20g_suspend_late(struct device *dev)
{
	h20g_flush_axes(dev); /* EXPECT: device-lock-required */
	return 0;
}

static int h20g_resume_early(struct device *dev)
{
	return h20g_rescan_locked(dev); /* EXPECT: device-lock-required */
}

static int h20g_suspend_noirq(struct device *dev)
{
	h20g_set_mode(to_gameport_port(dev), GAMEPORT_MODE_DISABLED); /* EXPECT: device-lock-required */
	return 0;
}

static int h20g_resume_noirq(struct device *dev)
{
	h20g_noirq_restore(to_gameport_port(dev)); /* EXPECT: device-lock-required @h20g_noirq */
	return 0;
}

static const struct dev_pm_ops h20g_pm_ops = {
	.prepare	= h20g_prepare,
	.complete	= h20g_complete,
	SYSTEM_SLEEP_PM_OPS(h20g_suspend, h20g_resume)
	LATE_SYSTEM_SLEEP_PM_OPS(h20g_suspend_late, h20g_resume_early)
	NOIRQ_SYSTEM_SLEEP_PM_OPS(h20g_suspend_noirq, h20g_resume_noirq)
};

static struct gameport_driver h20g_drv = {
	.driver		= {
		.name		= "h20g",
		.pm		= pm_sleep_ptr(&h20g_pm_ops),
		.shutdown	= h20g_shutdown,
	},
	.description	= "h20 held-out corpus joystick",
	.connect	= h20g_connect,
	.reconnect	= h20g_reconnect,
	.disconnect	= h20g_disconnect,
};

static int __init h20g_init(void)
{
	int ret;

	ret = bus_register(&h20g_bus);
	if (ret)
		return ret;
	ret = driver_register(&h20g_port_driver.driver);
	if (ret)
		goto err_bus;
	ret = gameport_register_driver(&h20g_drv);
	if (ret)
		goto err_drv;
	return 0;

err_drv:
	driver_unregister(&h20g_port_driver.driver);
err_bus:
	bus_unregister(&h20g_bus);
	return ret;
}
module_init(h20g_init);

static void __exit h20g_exit(void)
{
	gameport_unregister_driver(&h20g_drv);
	driver_unregister(&h20g_port_driver.driver);
	bus_unregister(&h20g_bus);
}
module_exit(h20g_exit);

MODULE_DESCRIPTION("h20 held-out corpus: gameport driver with joystick ports");
MODULE_LICENSE("GPL");
