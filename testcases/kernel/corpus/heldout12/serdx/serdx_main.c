// SPDX-License-Identifier: GPL-2.0
/*
 * serdx - serdev client driver.
 *
 * Shape: drivers/gnss/serial.c (gnss_serial_probe(), gnss_serial_receive_buf())
 * and drivers/bluetooth/hci_serdev.c (hci_uart_receive_buf(),
 * hci_uart_write_wakeup()); wake interrupt as in drivers/bluetooth/hci_qca.c.
 *
 * What the Linux 6.12 cores hold around each callback used here:
 *  - probe:    __driver_attach()/__device_attach() take device_lock(dev),
 *              then really_probe() -> serdev_drv_probe() (drivers/base/dd.c,
 *              drivers/tty/serdev/core.c): device lock HELD.
 *  - remove:   device_release_driver_internal() takes device_lock(dev), then
 *              serdev_drv_remove(): HELD.
 *  - shutdown: device_shutdown() (drivers/base/core.c) takes device_lock(dev),
 *              then dev->bus->shutdown == serdev_drv_shutdown(): HELD.
 *  - .suspend/.resume (dev_pm_ops): device_suspend()/device_resume()
 *              (drivers/base/power/main.c) take device_lock(dev): HELD.
 *  - .suspend_noirq/.resume_noirq: device_suspend_noirq()/
 *              device_resume_noirq() do not lock: NOT held.
 *  - receive_buf: flush_to_ldisc() work -> ttyport_receive_buf() ->
 *              serdev_controller_receive_buf(): NOT held.
 *  - write_wakeup: tty_port_tty_wakeup() -> ttyport_write_wakeup(): NOT held.
 *  - sysfs show/store: kernfs -> dev_attr_show()/dev_attr_store(): NOT held.
 *  - workqueue items, threaded IRQ handler: NOT held.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_irq.h>
#include <linux/pm.h>
#include <linux/serdev.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "serdx.h"

#define SERDX_CMD_FLOW	0xf1

/*
 * Re-point the port's own device at the node named by "serdx,dma-parent".
 * Shape: drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe() and
 * drivers/gpu/drm/sun4i/sun4i_backend.c:sun4i_backend_bind(), which call
 * of_dma_configure() on the device being probed with another device's node.
 * No contract of its own: called from probe (locked) and from the retarget
 * work (unlocked).
 */
static int serdx_retarget(struct serdx_priv *priv)
{
	return of_dma_configure(priv->dev, priv->alt_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required @retarget */
}

/* workqueue: NOT held (process_one_work()). */
static void serdx_retarget_work(struct work_struct *work)
{
	struct serdx_priv *priv = container_of(work, struct serdx_priv,
					       retarget_work);
	int ret;

	if (priv->alt_np) {
		ret = serdx_retarget(priv); /* EXPECT: device-lock-required @retarget */
		if (ret)
			dev_warn(priv->dev, "retarget failed: %d\n", ret);
	}
}

/*
 * workqueue: NOT held on entry; the work takes the lock itself through the
 * alias &priv->serdev->dev (== priv->dev).
 */
static void serdx_apply_work(struct work_struct *work)
{
	struct serdx_priv *priv = container_of(work, struct serdx_priv,
					       apply_work);
	struct device *dev = &priv->serdev->dev;

	guard(device)(dev);
	serdx_ctl_sync(priv); /* EXPECT-NONE: device-lock-required */
}

/* receive_buf: flush_to_ldisc() work, NOT held. */
static size_t serdx_receive_buf(struct serdev_device *serdev, const u8 *buf,
				size_t count)
{
	struct serdx_priv *priv = serdev_device_get_drvdata(serdev);

	if (count >= 2 && buf[0] == SERDX_CMD_FLOW) {
		serdx_ctl_apply_locked(priv, buf[1]); /* EXPECT: device-lock-required */
		schedule_work(&priv->apply_work);
	}

	return count;
}

/* write_wakeup: tty_port_tty_wakeup(), NOT held; nothing lock-related here. */
static void serdx_write_wakeup(struct serdev_device *serdev)
{
	serdev_device_write_wakeup(serdev);
}

static const struct serdev_device_ops serdx_serdev_ops = {
	.receive_buf	= serdx_receive_buf,
	.write_wakeup	= serdx_write_wakeup,
};

/* Threaded IRQ handler (irq_thread()): NOT held. */
static irqreturn_t serdx_wake_thread(int irq, void *data)
{
	struct serdx_priv *priv = data;

	/*
	 * Checked trylock, as drivers/pci/pci.c:pci_dev_trylock(); the
	 * unchecked shape is in dmax_core.c:dmax_dbg_prio_write().
	 */
	if (device_trylock(priv->dev)) {
		serdx_ctl_sync(priv); /* EXPECT-NONE: device-lock-required */
		device_unlock(priv->dev); /* EXPECT-NONE: lock-imbalance */
	}

	return IRQ_HANDLED;
}

/* sysfs: dev_attr_show()/dev_attr_store(), NOT held. */
static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct serdx_priv *priv = dev_get_drvdata(dev);
	u32 mode;
	int ret;

	/* Correct use of the lock-on-success helper (drivers/usb/core/sysfs.c shape). */
	ret = serdx_ctl_lock(priv);
	if (ret)
		return ret;
	serdx_ctl_sync(priv); /* EXPECT-NONE: device-lock-required */
	mode = priv->mode;
	device_unlock(priv->dev); /* EXPECT-NONE: lock-imbalance */

	return sysfs_emit(buf, "%u\n", mode);
}

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct serdx_priv *priv = dev_get_drvdata(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	ret = serdx_ctl_apply_locked(priv, val); /* EXPECT: device-lock-required */

	return ret ? ret : count;
}
static DEVICE_ATTR_RW(mode);

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct serdx_priv *priv = dev_get_drvdata(dev);
	int ret;

	/* Wrong use: the failure of the lock helper is only logged. */
	ret = serdx_ctl_lock(priv);
	if (ret)
		dev_dbg(dev, "reset without lock: %d\n", ret);
	serdx_ctl_reset(priv); /* EXPECT: device-lock-required */
	device_unlock(priv->dev); /* EXPECT: lock-imbalance */

	return count;
}
static DEVICE_ATTR_WO(reset);

static ssize_t baud_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct serdx_priv *priv = dev_get_drvdata(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	/* The helpers take the lock themselves (sites in serdx_ctl.c). */
	if (val & 1)
		ret = serdx_ctl_set_baud(priv, val);
	else
		ret = serdx_ctl_set_baud_checked(priv, val);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(baud);

static struct attribute *serdx_attrs[] = {
	&dev_attr_mode.attr,
	&dev_attr_reset.attr,
	&dev_attr_baud.attr,
	NULL
};
ATTRIBUTE_GROUPS(serdx);

/* probe: HELD (really_probe() -> serdev_drv_probe()). */
static int serdx_probe(struct serdev_device *serdev)
{
	struct device *dev = &serdev->dev;
	struct serdx_priv *priv;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->serdev = serdev;
	priv->dev = dev;
	INIT_WORK(&priv->apply_work, serdx_apply_work);
	INIT_WORK(&priv->retarget_work, serdx_retarget_work);
	serdev_device_set_drvdata(serdev, priv);
	serdev_device_set_client_ops(serdev, &serdx_serdev_ops);

	ret = devm_serdev_device_open(dev, serdev);
	if (ret)
		return ret;

	priv->alt_np = of_parse_phandle(dev->of_node, "serdx,dma-parent", 0);
	if (priv->alt_np) {
		ret = serdx_retarget(priv); /* EXPECT-NONE: device-lock-required */
		if (ret)
			goto err_put;
	}

	ret = serdx_comp_attach(priv);
	if (ret)
		goto err_put;

	priv->wake_irq = of_irq_get(dev->of_node, 0);
	if (priv->wake_irq > 0) {
		ret = devm_request_threaded_irq(dev, priv->wake_irq, NULL,
						serdx_wake_thread, IRQF_ONESHOT,
						"serdx-wake", priv);
		if (ret)
			goto err_comp;
	}

	return 0;

err_comp:
	serdx_comp_detach(priv);
err_put:
	of_node_put(priv->alt_np);
	return ret;
}

/* remove: HELD (device_release_driver_internal() -> serdev_drv_remove()). */
static void serdx_remove(struct serdev_device *serdev)
{
	struct serdx_priv *priv = serdev_device_get_drvdata(serdev);

	cancel_work_sync(&priv->apply_work);
	cancel_work_sync(&priv->retarget_work);
	priv->dead = true;
	serdx_ctl_reset(priv); /* EXPECT-NONE: device-lock-required */
	serdx_comp_detach(priv);
	of_node_put(priv->alt_np);
}

/* shutdown: HELD (device_shutdown() -> serdev_drv_shutdown()). */
static void serdx_shutdown(struct serdev_device *serdev)
{
	struct serdx_priv *priv = serdev_device_get_drvdata(serdev);

	serdx_ctl_sync(priv); /* EXPECT-NONE: device-lock-required */
}

/* .suspend: HELD (device_suspend() in drivers/base/power/main.c). */
static int serdx_suspend(struct device *dev)
{
	struct serdx_priv *priv = dev_get_drvdata(dev);

	return serdx_ctl_apply_locked(priv, 0); /* EXPECT-NONE: device-lock-required */
}

/* .resume: HELD (device_resume()). */
static int serdx_resume(struct device *dev)
{
	struct serdx_priv *priv = dev_get_drvdata(dev);

	serdx_ctl_reset(priv); /* EXPECT-NONE: device-lock-required */
	schedule_work(&priv->retarget_work);
	return 0;
}

/* .suspend_noirq: NOT held (device_suspend_noirq() takes no device lock). */
static int serdx_suspend_noirq(struct device *dev)
{
	struct serdx_priv *priv = dev_get_drvdata(dev);

	serdx_ctl_reset(priv); /* EXPECT: device-lock-required */
	return 0;
}

static const struct dev_pm_ops serdx_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(serdx_suspend, serdx_resume)
	NOIRQ_SYSTEM_SLEEP_PM_OPS(serdx_suspend_noirq, NULL)
};

static const struct of_device_id serdx_of_match[] = {
	{ .compatible = "heldout,serdx" },
	{ }
};
MODULE_DEVICE_TABLE(of, serdx_of_match);

static struct serdev_device_driver serdx_driver = {
	.probe		= serdx_probe,
	.remove		= serdx_remove,
	.shutdown	= serdx_shutdown,
	.driver		= {
		.name		= "serdx",
		.of_match_table	= serdx_of_match,
		.pm		= pm_sleep_ptr(&serdx_pm_ops),
		.dev_groups	= serdx_groups,
	},
};
module_serdev_device_driver(serdx_driver);

MODULE_DESCRIPTION("held-out lock corpus: serdev client");
MODULE_LICENSE("GPL");
