// SPDX-License-Identifier: GPL-2.0
/*
 * h20r_drv.c - a RapidIO endpoint driver (struct rio_driver, rio_bus_type,
 * drivers/rapidio/rio-driver.c and rio.c).
 *
 * Slots, the Linux 6.12 code that calls them, and whether device_lock() of
 * the rio_dev's struct device is held there:
 *
 *   .probe      rio_device_probe() = rio_bus_type.probe, from really_probe()
 *               (drivers/base/dd.c), whose callers all hold device_lock(dev).
 *                                                                      HELD
 *   .remove     rio_device_remove() via device_remove() from
 *               __device_release_driver().                             HELD
 *   .shutdown   rio_device_shutdown() = rio_bus_type.shutdown, from
 *               device_shutdown() between device_lock()/device_unlock(). HELD
 *   (rio_driver.suspend/.resume/.enable_wake are never called in 6.12:
 *    rio_bus_type has no PM callbacks that would call them; not used.)
 *   port-write callback (rio_request_inb_pwrite): rio_inb_pwrite_handler()
 *               (drivers/rapidio/rio.c), called by the mport driver from its
 *               own work/IRQ code (tsi721_pw_dpc()).                NOT held
 *   inbound doorbell callback (rio_request_inb_dbell): dbell->dinb() from
 *               the mport driver's doorbell handler (tsi721_db_dpc()). NOT held
 *   .driver.pm  rio_dev has no pm_domain/type/class and rio_bus_type no PM
 *               ops, so the driver's dev_pm_ops are run directly:
 *                 .poweroff       device_suspend(), under device_lock   HELD
 *                 .restore        device_resume(), under device_lock    HELD
 *                 .poweroff_late  device_suspend_late()             NOT held
 *                 .restore_noirq  device_resume_noirq()             NOT held
 *   bus notifier on rio_bus_type:
 *     BUS_NOTIFY_BIND_DRIVER     driver_sysfs_add() in really_probe()   HELD
 *     BUS_NOTIFY_REMOVED_DEVICE  end of device_del()                NOT held
 *   .driver.dev_groups ->store: kernfs write, no device lock.      NOT held
 *   bus_for_each_dev() callbacks: the iterator takes no device lock. NOT held
 *   timer, works: own contexts.                                    NOT held
 *   devres action added in probe: devres_release_all() from
 *               device_unbind_cleanup() (unbind or failed probe).      HELD
 *
 * rdev->prev (the upstream switch) and the device found by component tag
 * are other rio_devs; the probe path of this rio_dev does not hold their
 * locks.  The lane device (priv->lane) is created here; its lock is only
 * held where this file takes it.
 */
#include <linux/acpi.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include "h20r.h"
#include "rio.h"	/* rio_get_comptag(), drivers/rapidio/rio.h */

static struct rio_driver h20r_driver;

/* ---- DMA setup of the bound rio_dev ------------------------------------- */

/* Called from h20r_probe() only. */
static int h20r_dma_setup(struct device *dev, struct device_node *np)
{
	return of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device @h20r_dma */
}

/* ---- lane helpers ------------------------------------------------------- */

static void h20r_lane_sync(struct h20r_priv *priv)
{
	device_lock(&priv->lane->dev);
	h20r_arm(&priv->lane->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&priv->lane->dev); /* EXPECT-NONE: lock-imbalance */
}

/* h20r_lane_sync() that unlocks the rio_dev instead of the lane. */
static void h20r_lane_sync_wrong(struct h20r_priv *priv)
{
	device_lock(&priv->lane->dev); /* EXPECT: lock-imbalance @h20r_wrong */
	h20r_arm(&priv->lane->dev);
	device_unlock(&priv->rdev->dev); /* EXPECT: lock-imbalance @h20r_wrong */
}

/* ---- RapidIO event callbacks -------------------------------------------- */

static int h20r_pw(struct rio_dev *rdev, union rio_pw_msg *msg, int step)
{
	struct h20r_priv *priv = rio_get_drvdata(rdev);

	h20r_route_locked(rdev); /* EXPECT: device-lock-required */
	priv->pw_comptag = msg->em.comptag;
	schedule_work(&priv->pw_work);
	return 0;
}

static void h20r_dbell(struct rio_mport *mport, void *dev_id, u16 src, u16 dst,
		       u16 info)
{
	struct h20r_priv *priv = dev_id;

	h20r_arm(&priv->rdev->dev); /* EXPECT: device-lock-required */
	if (info & 1)
		schedule_work(&priv->route_work);
}

/* ---- works and timer ---------------------------------------------------- */

static void h20r_pw_work(struct work_struct *work)
{
	struct h20r_priv *priv = container_of(work, struct h20r_priv, pw_work);
	struct rio_dev *src;

	/* the device that sent the port-write: some other rio_dev */
	src = rio_get_comptag(priv->pw_comptag & RIO_CTAG_UDEVID, NULL);
	if (src && src != priv->rdev)
		acpi_dma_configure_id(&src->dev, DEV_DMA_NON_COHERENT, NULL); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */

	/* .remove cancels this work with the device lock held: only try it */
	if (!device_trylock(&priv->rdev->dev))
		return;
	h20r_route_locked(priv->rdev); /* EXPECT-NONE: device-lock-required */
	h20r_arm(&priv->rdev->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&priv->rdev->dev);
}

static void h20r_route_work(struct work_struct *work)
{
	struct h20r_priv *priv = container_of(work, struct h20r_priv, route_work);
	struct device_node *np = priv->mport->dev.of_node;

	if (np)
		of_dma_configure(&priv->lane->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	h20r_arm(&priv->lane->dev); /* EXPECT: device-lock-required */
	if (priv->st.route)
		h20r_lane_sync(priv);
	else
		h20r_lane_sync_wrong(priv);
}

static void h20r_hb_timer(struct timer_list *t)
{
	struct h20r_priv *priv = from_timer(priv, t, hb_timer);

	h20r_quiesce(&priv->rdev->dev); /* EXPECT: device-lock-required */
	mod_timer(&priv->hb_timer, jiffies + 5 * HZ);
}

/* ---- bus_for_each_dev() walks (module-wide work) ------------------------ */

static int h20r_reroute_one(struct device *dev, void *unused)
{
	if (dev->driver != &h20r_driver.driver)
		return 0;
	h20r_route_locked(to_rio_dev(dev)); /* EXPECT: device-lock-required */
	return 0;
}

static int h20r_reroute_one_locked(struct device *dev, void *unused)
{
	device_lock(dev);
	if (dev->driver == &h20r_driver.driver)
		h20r_route_locked(to_rio_dev(dev)); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return 0;
}

static bool h20r_careful = true;
module_param_named(careful, h20r_careful, bool, 0644);

/* Flushed in module exit only, never under a device lock. */
static void h20r_reroute_all(struct work_struct *work)
{
	bus_for_each_dev(&rio_bus_type, NULL, NULL,
			 h20r_careful ? h20r_reroute_one_locked : h20r_reroute_one);
}
static DECLARE_WORK(h20r_reroute_work, h20r_reroute_all);

/* ---- bus notifier on rio_bus_type --------------------------------------- */

static int h20r_bus_notify(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct device *dev = data;

	switch (action) {
	case BUS_NOTIFY_BIND_DRIVER:
		h20r_arm(dev); /* EXPECT-NONE: device-lock-required */
		break;
	case BUS_NOTIFY_REMOVED_DEVICE:
		h20r_arm(dev); /* EXPECT: device-lock-required */
		schedule_work(&h20r_reroute_work);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block h20r_bus_nb = {
	.notifier_call = h20r_bus_notify,
};

/* ---- devres ------------------------------------------------------------- */

static void h20r_devm_quiesce(void *data)
{
	struct h20r_priv *priv = data;

	h20r_quiesce(&priv->rdev->dev); /* EXPECT-NONE: device-lock-required */
}

/* ---- rio_driver slots --------------------------------------------------- */

static int h20r_probe(struct rio_dev *rdev, const struct rio_device_id *id)
{
	struct h20r_priv *priv;
	struct rio_dev *up = rdev->prev;
	int ret;

	priv = devm_kzalloc(&rdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->rdev = rdev;
	priv->mport = rdev->net->hport;
	priv->db_start = 0x4000 | rdev->destid;
	priv->db_end = priv->db_start;
	INIT_WORK(&priv->pw_work, h20r_pw_work);
	INIT_WORK(&priv->route_work, h20r_route_work);
	timer_setup(&priv->hb_timer, h20r_hb_timer, 0);
	rio_set_drvdata(rdev, priv);

	h20r_route_locked(rdev); /* EXPECT-NONE: device-lock-required */
	h20r_arm(&rdev->dev); /* EXPECT-NONE: device-lock-required */

	if (up) {
		/* the upstream switch is another rio_dev: its lock is not held here */
		h20r_arm(&up->dev); /* EXPECT: device-lock-required */
		if (device_trylock(&up->dev)) {
			h20r_arm(&up->dev); /* EXPECT-NONE: device-lock-required */
			device_unlock(&up->dev);
		}
	}

	if (priv->mport->dev.of_node) {
		ret = h20r_dma_setup(&rdev->dev, priv->mport->dev.of_node); /* EXPECT: dma-configure-outside-bus probed-device @h20r_dma */
		if (ret)
			return ret;
	}

	ret = devm_add_action_or_reset(&rdev->dev, h20r_devm_quiesce, priv);
	if (ret)
		return ret;

	priv->lane = h20r_lane_register(priv, rdev->destid);
	if (IS_ERR(priv->lane))
		return PTR_ERR(priv->lane);

	ret = rio_request_inb_dbell(priv->mport, priv, priv->db_start,
				    priv->db_end, h20r_dbell);
	if (ret)
		goto err_lane;
	ret = rio_request_inb_pwrite(rdev, h20r_pw);
	if (ret)
		goto err_dbell;
	mod_timer(&priv->hb_timer, jiffies + 5 * HZ);
	return 0;

err_dbell:
	rio_release_inb_dbell(priv->mport, priv->db_start, priv->db_end);
err_lane:
	h20r_lane_unregister(priv->lane);
	return ret;
}

static void h20r_remove(struct rio_dev *rdev)
{
	struct h20r_priv *priv = rio_get_drvdata(rdev);

	rio_release_inb_pwrite(rdev);
	rio_release_inb_dbell(priv->mport, priv->db_start, priv->db_end);
	timer_shutdown_sync(&priv->hb_timer);
	cancel_work_sync(&priv->pw_work);
	cancel_work_sync(&priv->route_work);
	h20r_quiesce(&rdev->dev); /* EXPECT-NONE: device-lock-required */
	h20r_lane_unregister(priv->lane);
}

static void h20r_shutdown(struct rio_dev *rdev)
{
	struct h20r_priv *priv = rio_get_drvdata(rdev);

	h20r_quiesce(&priv->rdev->dev); /* EXPECT-NONE: device-lock-required */
}

/* ---- sysfs -------------------------------------------------------------- */

/* The result of device_lock_interruptible() is ignored. */
static ssize_t route_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct rio_dev *rdev = to_rio_dev(dev);

	device_lock_interruptible(dev);
	h20r_route_locked(rdev); /* EXPECT: device-lock-required */
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return count;
}
static DEVICE_ATTR_WO(route);

static ssize_t route_safe_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct rio_dev *rdev = to_rio_dev(dev);

	if (h20r_lock_rdev(rdev))
		return -EINTR;
	h20r_route_locked(rdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return count;
}
static DEVICE_ATTR_WO(route_safe);

static struct attribute *h20r_attrs[] = {
	&dev_attr_route.attr,
	&dev_attr_route_safe.attr,
	NULL
};
ATTRIBUTE_GROUPS(h20r);

/* ---- dev_pm_ops (hibernation) ------------------------------------------- */

static int h20r_poweroff(struct device *dev)
{
	h20r_quiesce(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int h20r_restore(struct device *dev)
{
	return h20r_route_locked(to_rio_dev(dev)); /* EXPECT-NONE: device-lock-required */
}

static int h20r_poweroff_late(struct device *dev)
{
	h20r_quiesce(dev); /* EXPECT: device-lock-required */
	return 0;
}

static int h20r_restore_noirq(struct device *dev)
{
	return h20r_route_locked(to_rio_dev(dev)); /* EXPECT: device-lock-required */
}

static const struct dev_pm_ops h20r_pm_ops = {
	.poweroff	= h20r_poweroff,
	.restore	= h20r_restore,
	.poweroff_late	= h20r_poweroff_late,
	.restore_noirq	= h20r_restore_noirq,
};

static const struct rio_device_id h20r_id_table[] = {
	{ RIO_DEVICE(0x0530, 0x0074) },
	{ 0, }
};
MODULE_DEVICE_TABLE(rapidio, h20r_id_table);

static struct rio_driver h20r_driver = {
	.name		= "h20r",
	.id_table	= h20r_id_table,
	.probe		= h20r_probe,
	.remove		= h20r_remove,
	.shutdown	= h20r_shutdown,
	.driver		= {
		.pm	= &h20r_pm_ops,
		.dev_groups = h20r_groups,
	},
};

static int __init h20r_init(void)
{
	int ret;

	ret = bus_register(&h20r_bus);
	if (ret)
		return ret;
	ret = driver_register(&h20r_lane_driver.driver);
	if (ret)
		goto err_bus;
	ret = bus_register_notifier(&rio_bus_type, &h20r_bus_nb);
	if (ret)
		goto err_drv;
	ret = rio_register_driver(&h20r_driver);
	if (ret)
		goto err_nb;
	schedule_work(&h20r_reroute_work);
	return 0;

err_nb:
	bus_unregister_notifier(&rio_bus_type, &h20r_bus_nb);
err_drv:
	driver_unregister(&h20r_lane_driver.driver);
err_bus:
	bus_unregister(&h20r_bus);
	return ret;
}
module_init(h20r_init);

static void __exit h20r_exit(void)
{
	bus_unregister_notifier(&rio_bus_type, &h20r_bus_nb);
	flush_work(&h20r_reroute_work);
	rio_unregister_driver(&h20r_driver);
	driver_unregister(&h20r_lane_driver.driver);
	bus_unregister(&h20r_bus);
}
module_exit(h20r_exit);

MODULE_DESCRIPTION("h20 held-out corpus: RapidIO endpoint with lane devices");
MODULE_LICENSE("GPL");
