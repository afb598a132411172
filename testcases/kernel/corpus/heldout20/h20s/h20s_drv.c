// SPDX-License-Identifier: GPL-2.0
/*
 * h20s_drv.c - a SIOX device driver (struct siox_driver, siox bus,
 * drivers/siox/siox-core.c).
 *
 * Slots, the Linux 6.12 code that calls them, and whether device_lock() of
 * the siox device's struct device is held there:
 *
 *   .probe      siox_probe() = siox_bus_type.probe, from really_probe()
 *               (drivers/base/dd.c); all its callers hold device_lock(dev).
 *               (When the device is added by siox_device_add(), the
 *               master's smaster->lock mutex is held as well.)      HELD
 *   .remove     siox_remove() via device_remove() from
 *               __device_release_driver().                            HELD
 *   .shutdown   siox_shutdown() = siox_bus_type.shutdown, from
 *               device_shutdown() between device_lock()/device_unlock(). HELD
 *   .set_data   siox_poll() in the master's poll kthread
 *   .get_data   (siox_poll_thread()), under smaster->lock only.   NOT held
 *   .driver.pm  the siox device has no pm_domain, its device_type and bus
 *               have no PM ops: the driver's dev_pm_ops are used.
 *                 .freeze/.restore  device_suspend()/device_resume()
 *                                   (hibernation), under device_lock HELD
 *                 .runtime_suspend  MIXED: rpm_suspend() from the PM workqueue
 *                                   holds no device lock, but
 *                                   __device_release_driver() runs
 *                                   pm_runtime_get_sync()/pm_runtime_put_sync()
 *                                   under device_lock, and those may call the
 *                                   runtime callbacks synchronously.
 *                 .runtime_resume   MIXED, likewise (and a child's probe does
 *                                   pm_runtime_get_sync(dev->parent) under
 *                                   the child's lock).
 *   .driver.dev_groups ->store: kernfs write.                      NOT held
 *   works: own context.                                            NOT held
 *   bus notifier on the h20s bank bus (h20s_bus.c):
 *     BUS_NOTIFY_BOUND_DRIVER   driver_bound() in really_probe()      HELD
 *     BUS_NOTIFY_UNBIND_DRIVER  __device_release_driver()             HELD
 *     BUS_NOTIFY_DEL_DEVICE     device_del(), after its short
 *                               device_lock()/device_unlock() pair NOT held
 *
 * The siox device's parent is the siox master's struct device
 * (siox_device_add() sets sdevice->dev.parent = &smaster->dev); none of the
 * paths above hold the master device's lock.  The bank device (priv->bank)
 * is created by this driver; its lock is not held in the siox slots.
 *
 * Lock ordering used by .get_data: smaster->lock, then the device lock, the
 * same order as siox_device_add() -> device_register() -> .probe.
 */
#include <linux/acpi.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include "h20s.h"

/* ---- SIOX data callbacks (poll thread) ---------------------------------- */

static int h20s_set_data(struct siox_device *sdevice, u8 status, u8 buf[])
{
	struct h20s_priv *priv = dev_get_drvdata(&sdevice->dev);

	if (!priv)
		return 0;
	buf[0] = priv->shadow;
	h20s_latch(&sdevice->dev); /* EXPECT: device-lock-required */
	return 0;
}

static int h20s_get_data(struct siox_device *sdevice, const u8 buf[])
{
	struct h20s_priv *priv = dev_get_drvdata(&sdevice->dev);

	if (!priv)
		return 0;
	priv->st.in = buf[0];
	if (h20s_lock_connected(sdevice))
		return 0;
	h20s_latch(&sdevice->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&sdevice->dev);
	if (priv->st.in != priv->shadow)
		schedule_work(&priv->push_work);
	return 0;
}

/* ---- works -------------------------------------------------------------- */

static int h20s_match_sibling(struct device *dev, const void *data)
{
	const struct device *self = data;

	return dev != self && dev->parent == self->parent;
}

static void h20s_push_work(struct work_struct *work)
{
	struct h20s_priv *priv = container_of(work, struct h20s_priv, push_work);
	struct device *peer;

	h20s_push_locked(priv->sdev); /* EXPECT: device-lock-required */

	/* another module on the same SIOX chain */
	peer = bus_find_device(priv->sdev->dev.bus, NULL, &priv->sdev->dev,
			       h20s_match_sibling);
	if (peer) {
		acpi_dma_configure(peer, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		put_device(peer);
	}
}

static void h20s_wd_work(struct work_struct *work)
{
	struct h20s_priv *priv = container_of(to_delayed_work(work),
					      struct h20s_priv, wd_work);

	/* .remove cancels this work under the device lock: only try it */
	if (!h20s_trylock(priv->sdev)) {
		schedule_delayed_work(&priv->wd_work, HZ / 10);
		return;
	}
	h20s_push_locked(priv->sdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&priv->sdev->dev);
	schedule_delayed_work(&priv->wd_work, HZ);
}

/* ---- sysfs -------------------------------------------------------------- */

static void h20s_apply_out(struct h20s_priv *priv, u8 val)
{
	priv->shadow = val;
	h20s_push_locked(priv->sdev); /* EXPECT: device-lock-required @h20s_out */
}

static ssize_t out_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	struct h20s_priv *priv = dev_get_drvdata(dev);
	u8 val;

	if (kstrtou8(buf, 0, &val))
		return -EINVAL;
	h20s_apply_out(priv, val); /* EXPECT: device-lock-required @h20s_out */
	return count;
}
static DEVICE_ATTR_WO(out);

static ssize_t out_safe_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct siox_device *sdev = to_siox_device(dev);
	struct h20s_priv *priv = dev_get_drvdata(dev);
	u8 val;

	if (kstrtou8(buf, 0, &val))
		return -EINVAL;
	if (!h20s_trylock(sdev))
		return restart_syscall();
	priv->shadow = val;
	h20s_push_locked(sdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return count;
}
static DEVICE_ATTR_WO(out_safe);

static ssize_t latch_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct siox_device *sdev = to_siox_device(dev);

	if (device_lock_interruptible(dev))
		return -EINTR;
	if (!siox_device_connected(sdev))
		return -ENOTCONN; /* EXPECT: lock-imbalance */
	h20s_latch(dev);
	device_unlock(dev);
	return count;
}
static DEVICE_ATTR_WO(latch);

static ssize_t latch_safe_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct siox_device *sdev = to_siox_device(dev);
	ssize_t ret = count;

	if (device_lock_interruptible(dev))
		return -EINTR; /* EXPECT-NONE: lock-imbalance */
	if (siox_device_connected(sdev))
		h20s_latch(dev); /* EXPECT-NONE: device-lock-required */
	else
		ret = -ENOTCONN;
	device_unlock(dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_WO(latch_safe);

static ssize_t remap_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct h20s_priv *priv = dev_get_drvdata(dev);
	struct device_node *np;
	int ret;

	np = of_find_node_by_path(strim((char *)buf));
	if (!np)
		return -ENOENT;
	ret = of_dma_configure(&priv->bank->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	of_node_put(np);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(remap);

static struct attribute *h20s_attrs[] = {
	&dev_attr_out.attr,
	&dev_attr_out_safe.attr,
	&dev_attr_latch.attr,
	&dev_attr_latch_safe.attr,
	&dev_attr_remap.attr,
	NULL
};
ATTRIBUTE_GROUPS(h20s);

/* ---- notifier on the bank bus ------------------------------------------- */

static int h20s_bank_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct device *dev = data;

	switch (action) {
	case BUS_NOTIFY_BOUND_DRIVER:
		h20s_reload(dev); /* EXPECT-NONE: device-lock-required */
		break;
	case BUS_NOTIFY_UNBIND_DRIVER:
		h20s_latch(dev); /* EXPECT-NONE: device-lock-required */
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		h20s_reload(dev); /* EXPECT: device-lock-required */
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block h20s_bank_nb = {
	.notifier_call = h20s_bank_notify,
};

/* ---- siox_driver slots -------------------------------------------------- */

static int h20s_probe(struct siox_device *sdevice)
{
	struct device *master = sdevice->dev.parent;
	struct h20s_priv *priv;

	priv = devm_kzalloc(&sdevice->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->sdev = sdevice;
	INIT_WORK(&priv->push_work, h20s_push_work);
	INIT_DELAYED_WORK(&priv->wd_work, h20s_wd_work);
	dev_set_drvdata(&sdevice->dev, priv);

	h20s_push_locked(sdevice); /* EXPECT-NONE: device-lock-required */
	h20s_latch(&sdevice->dev); /* EXPECT-NONE: device-lock-required */
	/* the master above is another device, and its lock is not ours */
	h20s_reload(master); /* EXPECT: device-lock-required */

	/* DMA for the module comes from the master's firmware node */
	if (master && master->of_node)
		of_dma_configure(&sdevice->dev, master->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device */

	priv->bank = h20s_bank_add(priv, 0);
	if (IS_ERR(priv->bank))
		return PTR_ERR(priv->bank);

	pm_runtime_set_active(&sdevice->dev);
	pm_runtime_enable(&sdevice->dev);
	schedule_delayed_work(&priv->wd_work, HZ);
	return 0;
}

static void h20s_remove(struct siox_device *sdevice)
{
	struct h20s_priv *priv = dev_get_drvdata(&sdevice->dev);

	pm_runtime_disable(&sdevice->dev);
	cancel_delayed_work_sync(&priv->wd_work);
	cancel_work_sync(&priv->push_work);
	h20s_latch(&priv->bank->dev); /* EXPECT: device-lock-required */
	scoped_guard(device, &priv->bank->dev) {
		h20s_latch(&priv->bank->dev); /* EXPECT-NONE: device-lock-required */
	}
	h20s_bank_del(priv->bank);
	priv->bank = NULL;
}

static void h20s_shutdown(struct siox_device *sdevice)
{
	h20s_push_locked(sdevice); /* EXPECT-NONE: device-lock-required */
}

static int h20s_freeze(struct device *dev)
{
	h20s_reload(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int h20s_restore(struct device *dev)
{
	return h20s_push_locked(to_siox_device(dev)) < 0 ? -EIO : 0; /* EXPECT-NONE: device-lock-required */
}

static int h20s_runtime_suspend(struct device *dev)
{
	struct h20s_priv *priv = dev_get_drvdata(dev);

	/*
	 * Left unlabelled by its author: runtime suspend is MIXED for the
	 * siox device itself.  From the PM workqueue it runs without the
	 * device lock, but __device_release_driver() calls
	 * pm_runtime_put_sync(dev) with the lock held, and rpm_idle() ->
	 * rpm_suspend() may run this callback synchronously there.  Labelled
	 * after measuring: the workqueue path is real and holds no lock.
	 */
	h20s_reload(dev); /* EXPECT: device-lock-required */
	/*
	 * The bank's lock, though, is never held here: the bank has runtime
	 * PM disabled, and its probe/unbind only do pm_runtime_put() (async)
	 * on this parent.
	 */
	if (priv->bank)
		h20s_latch(&priv->bank->dev); /* EXPECT: device-lock-required */
	return 0;
}

static int h20s_runtime_resume(struct device *dev)
{
	struct h20s_priv *priv = dev_get_drvdata(dev);

	priv->st.stamp = jiffies;
	return 0;
}

static const struct dev_pm_ops h20s_pm_ops = {
	.freeze		= h20s_freeze,
	.restore	= h20s_restore,
	RUNTIME_PM_OPS(h20s_runtime_suspend, h20s_runtime_resume, NULL)
};

static struct siox_driver h20s_driver = {
	.probe		= h20s_probe,
	.remove		= h20s_remove,
	.shutdown	= h20s_shutdown,
	.set_data	= h20s_set_data,
	.get_data	= h20s_get_data,
	.driver		= {
		.name		= "h20s",
		.pm		= &h20s_pm_ops,
		.dev_groups	= h20s_groups,
	},
};

static int __init h20s_init(void)
{
	int ret;

	ret = bus_register(&h20s_bus);
	if (ret)
		return ret;
	ret = bus_register_notifier(&h20s_bus, &h20s_bank_nb);
	if (ret)
		goto err_bus;
	ret = driver_register(&h20s_bank_driver.driver);
	if (ret)
		goto err_nb;
	ret = siox_driver_register(&h20s_driver);
	if (ret)
		goto err_drv;
	return 0;

err_drv:
	driver_unregister(&h20s_bank_driver.driver);
err_nb:
	bus_unregister_notifier(&h20s_bus, &h20s_bank_nb);
err_bus:
	bus_unregister(&h20s_bus);
	return ret;
}
module_init(h20s_init);

static void __exit h20s_exit(void)
{
	siox_driver_unregister(&h20s_driver);
	driver_unregister(&h20s_bank_driver.driver);
	bus_unregister_notifier(&h20s_bus, &h20s_bank_nb);
	bus_unregister(&h20s_bus);
}
module_exit(h20s_exit);

MODULE_DESCRIPTION("h20 held-out corpus: SIOX digital I/O with output banks");
MODULE_LICENSE("GPL");
