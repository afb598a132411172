// SPDX-License-Identifier: GPL-2.0
/*
 * h20i_drv.c - an I2C client driver (struct i2c_driver on i2c_bus_type).
 *
 * Slots, the Linux 6.12 code that calls them, and whether that call holds
 * device_lock() of the client's struct device:
 *
 *   .probe        i2c_device_probe() (drivers/i2c/i2c-core-base.c) is
 *                 i2c_bus_type.probe, run by really_probe() ->
 *                 call_driver_probe() (drivers/base/dd.c).  Every caller of
 *                 driver_probe_device()/__driver_probe_device() holds
 *                 device_lock(dev): __device_attach(), __driver_attach(),
 *                 device_driver_attach(), the two async helpers.      HELD
 *   .remove       i2c_device_remove() via device_remove() from
 *                 __device_release_driver(), which runs under
 *                 device_release_driver_internal()'s device lock.      HELD
 *   .shutdown     i2c_device_shutdown(), bus .shutdown from
 *                 device_shutdown() (drivers/base/core.c), which takes
 *                 device_lock(dev) (and the parent's) around it.      HELD
 *   .alert        smbus_do_alert() and smbus_do_alert_force()
 *                 (drivers/i2c/i2c-smbus.c) take device_lock(dev) around
 *                 driver->alert(); sbsm_do_alert()
 *                 (drivers/power/supply/sbs-manager.c) does the same. HELD
 *   .command      i2c_cmd() from i2c_clients_command() through
 *                 device_for_each_child(); no device lock.         NOT held
 *   .driver.dev_groups ->store: kernfs write, no device lock.      NOT held
 *   threaded IRQ handlers, works, the timer: own contexts.         NOT held
 *   debugfs file ops: no device lock.                              NOT held
 *   bus notifier on i2c_bus_type:
 *     BUS_NOTIFY_ADD_DEVICE   from device_add(), before the device's lock
 *                             is ever taken there.                 NOT held
 *     BUS_NOTIFY_BOUND_DRIVER from driver_bound() in really_probe(); no
 *                             I2C code uses device_bind_driver().     HELD
 *   devres actions added in probe: devres_release_all() from
 *                 device_unbind_cleanup(), in __device_release_driver() or
 *                 really_probe()'s failure path.    HELD for the client;
 *                 the sub-channel's own lock is not held there.
 *
 * The sub-channel (priv->sub, see h20i_bus.c) is a different device: its
 * lock is never held by any of the paths above.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include "h20i.h"

#define H20I_CMD_RESYNC		0x2001
#define H20I_CMD_RESYNC_LOCKED	0x2002
#define H20I_CMD_SET		0x2003

static struct i2c_driver h20i_driver;

/* ---- works and timer ---------------------------------------------------- */

static void h20i_reset_work(struct work_struct *work)
{
	struct h20i_priv *priv = container_of(work, struct h20i_priv, reset_work);

	h20i_apply_cfg(priv->dev, 0); /* EXPECT: device-lock-required */
	if (h20i_update_cfg_leaky(priv->dev, priv->pending))
		dev_dbg(priv->dev, "reset: unbound\n");
}

static void h20i_cfg_work(struct work_struct *work)
{
	struct h20i_priv *priv = container_of(work, struct h20i_priv, cfg_work);

	/* a blocking lock here would deadlock against cancel_work_sync() in remove */
	if (!h20i_trylock_bound(priv->dev))
		return;
	h20i_apply_cfg(priv->dev, priv->pending); /* EXPECT-NONE: device-lock-required */
	device_unlock(priv->dev);
}

static void h20i_wdog_fn(struct timer_list *t)
{
	struct h20i_priv *priv = from_timer(priv, t, wdog);

	h20i_sync_state(priv->dev); /* EXPECT: device-lock-required */
	schedule_delayed_work(&priv->poll_work, HZ);
}

static void h20i_poll_work(struct work_struct *work)
{
	struct h20i_priv *priv = container_of(to_delayed_work(work),
					      struct h20i_priv, poll_work);

	if (!device_trylock(priv->dev)) {
		schedule_delayed_work(&priv->poll_work, HZ / 10);
		return;
	}
	h20i_sync_state(priv->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(priv->dev);
	mod_timer(&priv->wdog, jiffies + HZ);
}

static void h20i_peer_work(struct work_struct *work)
{
	struct h20i_priv *priv = container_of(work, struct h20i_priv, peer_work);
	struct i2c_client *peer;
	struct device_node *np;

	np = of_parse_phandle(priv->dev->of_node, "h20,peer", 0);
	if (np) {
		peer = of_find_i2c_device_by_node(np);
		if (peer) {
			of_dma_configure_id(&peer->dev, np, true, NULL); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
			put_device(&peer->dev);
		}
		of_node_put(np);
	}

	/* holding the sub-channel's lock is not holding the client's */
	device_lock(&priv->sub->dev);
	h20i_commit_locked(priv->dev); /* EXPECT: device-lock-required */
	h20i_commit_locked(&priv->sub->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&priv->sub->dev);
}

/* ---- interrupts --------------------------------------------------------- */

static irqreturn_t h20i_irq_thread(int irq, void *data)
{
	struct h20i_priv *priv = data;

	h20i_commit_locked(priv->dev); /* EXPECT: device-lock-required */
	return IRQ_HANDLED;
}

static irqreturn_t h20i_alert_thread(int irq, void *data)
{
	struct h20i_priv *priv = data;

	/* device_lock() here could deadlock against free_irq() during unbind */
	if (!device_trylock(priv->dev))
		return IRQ_NONE;
	h20i_commit_locked(priv->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(priv->dev);
	return IRQ_HANDLED;
}

/* ---- sysfs -------------------------------------------------------------- */

static ssize_t cfg_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	u32 val;

	if (kstrtou32(buf, 0, &val))
		return -EINVAL;
	h20i_apply_cfg(dev, val); /* EXPECT: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(cfg);

static ssize_t cfg_safe_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	u32 val;

	if (kstrtou32(buf, 0, &val))
		return -EINVAL;
	/* removal of this attribute waits for us under the lock: never block on it */
	if (!device_trylock(dev))
		return restart_syscall();
	h20i_apply_cfg(dev, val); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return count;
}
static DEVICE_ATTR_WO(cfg_safe);

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	u32 val;

	if (!device_trylock(dev))
		return restart_syscall();
	if (kstrtou32(buf, 0, &val))
		return -EINVAL; /* EXPECT: lock-imbalance */
	h20i_apply_cfg(dev, val);
	device_unlock(dev);
	return count;
}
static DEVICE_ATTR_WO(mode);

static ssize_t mode_safe_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	u32 val;

	if (!device_trylock(dev))
		return restart_syscall();
	if (kstrtou32(buf, 0, &val)) {
		device_unlock(dev);
		return -EINVAL; /* EXPECT-NONE: lock-imbalance */
	}
	h20i_apply_cfg(dev, val);
	device_unlock(dev);
	return count; /* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_WO(mode_safe);

static ssize_t dma_parent_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct h20i_priv *priv = dev_get_drvdata(dev);
	struct device_node *np;
	unsigned int idx;
	int ret;

	if (kstrtouint(buf, 0, &idx))
		return -EINVAL;
	np = of_parse_phandle(dev->of_node, "h20,dma-parents", idx);
	if (!np)
		return -ENOENT;
	ret = h20i_sub_retarget(priv, np);
	of_node_put(np);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(dma_parent);

static struct attribute *h20i_attrs[] = {
	&dev_attr_cfg.attr,
	&dev_attr_cfg_safe.attr,
	&dev_attr_mode.attr,
	&dev_attr_mode_safe.attr,
	&dev_attr_dma_parent.attr,
	NULL
};
ATTRIBUTE_GROUPS(h20i);

/* ---- debugfs ------------------------------------------------------------ */

static void h20i_kick(struct h20i_priv *priv)
{
	h20i_commit_locked(priv->dev); /* EXPECT: device-lock-required @h20i_kick */
}

static ssize_t h20i_kick_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct h20i_priv *priv = file->private_data;

	h20i_kick(priv); /* EXPECT: device-lock-required @h20i_kick */
	return len;
}

static const struct file_operations h20i_kick_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= h20i_kick_write,
	.llseek	= noop_llseek,
};

static ssize_t h20i_commit_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	struct h20i_priv *priv = file->private_data;
	int ret;

	ret = h20i_lock_intr(priv->dev);
	if (ret)
		return ret;
	h20i_commit_locked(priv->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(priv->dev);
	return len;
}

static const struct file_operations h20i_commit_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= h20i_commit_write,
	.llseek	= noop_llseek,
};

/* The result of device_trylock() is ignored: nothing is held when it failed. */
static ssize_t h20i_poke_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct h20i_priv *priv = file->private_data;

	device_trylock(priv->dev);
	h20i_sync_state(priv->dev); /* EXPECT: device-lock-required */
	device_unlock(priv->dev); /* EXPECT: lock-imbalance */
	return len;
}

static const struct file_operations h20i_poke_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= h20i_poke_write,
	.llseek	= noop_llseek,
};

/* ---- bus notifier ------------------------------------------------------- */

static int h20i_bus_notify(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct device *dev = data;

	if (!i2c_verify_client(dev) || !of_device_is_compatible(dev->of_node, "h20,i2c"))
		return NOTIFY_DONE;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		h20i_apply_cfg(dev, 0); /* EXPECT: device-lock-required */
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		if (dev->driver == &h20i_driver.driver)
			h20i_apply_cfg(dev, 1); /* EXPECT-NONE: device-lock-required */
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block h20i_bus_nb = {
	.notifier_call = h20i_bus_notify,
};

/* ---- devres actions ----------------------------------------------------- */

static void h20i_stop_hw(void *data)
{
	struct h20i_priv *priv = data;

	h20i_sync_state(priv->dev); /* EXPECT-NONE: device-lock-required */
}

static void h20i_release_sub(void *data)
{
	struct h20i_priv *priv = data;

	h20i_sync_state(&priv->sub->dev); /* EXPECT: device-lock-required */
	h20i_sub_destroy(priv->sub);
	priv->sub = NULL;
}

/* ---- i2c_driver slots --------------------------------------------------- */

/* Called from .alert and .shutdown only, both under the client's lock. */
static void h20i_flush(struct h20i_priv *priv)
{
	h20i_commit_locked(priv->dev); /* EXPECT-NONE: device-lock-required @h20i_flush */
}

static int h20i_probe(struct i2c_client *client)
{
	struct device *dev = &client->dev;
	struct device_node *dma_np;
	struct h20i_priv *priv;
	int irq, ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->client = client;
	priv->dev = dev;
	INIT_WORK(&priv->reset_work, h20i_reset_work);
	INIT_WORK(&priv->cfg_work, h20i_cfg_work);
	INIT_WORK(&priv->peer_work, h20i_peer_work);
	INIT_DELAYED_WORK(&priv->poll_work, h20i_poll_work);
	timer_setup(&priv->wdog, h20i_wdog_fn, 0);
	i2c_set_clientdata(client, priv);

	h20i_sync_state(dev); /* EXPECT-NONE: device-lock-required */
	/* the adapter is another device; the client's probe does not hold its lock */
	h20i_sync_state(&client->adapter->dev); /* EXPECT: device-lock-required */

	dma_np = of_parse_phandle(dev->of_node, "h20,dma-parent", 0);
	if (dma_np) {
		ret = of_dma_configure(dev, dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device */
		of_node_put(dma_np);
		if (ret)
			return ret;
	}

	ret = devm_add_action_or_reset(dev, h20i_stop_hw, priv);
	if (ret)
		return ret;

	priv->sub = h20i_sub_create(priv, 0);
	if (IS_ERR(priv->sub))
		return PTR_ERR(priv->sub);
	ret = devm_add_action_or_reset(dev, h20i_release_sub, priv);
	if (ret)
		return ret;

	h20i_apply_cfg(&priv->sub->dev, 0); /* EXPECT: device-lock-required */
	scoped_guard(device, &priv->sub->dev) {
		h20i_apply_cfg(&priv->sub->dev, 1); /* EXPECT-NONE: device-lock-required */
	}

	if (client->irq > 0) {
		ret = devm_request_threaded_irq(dev, client->irq, NULL,
						h20i_irq_thread, IRQF_ONESHOT,
						dev_name(dev), priv);
		if (ret)
			return ret;
	}
	irq = fwnode_irq_get_byname(dev_fwnode(dev), "alert");
	if (irq > 0) {
		priv->alert_irq = irq;
		ret = devm_request_threaded_irq(dev, irq, NULL,
						h20i_alert_thread, IRQF_ONESHOT,
						"h20i-alert", priv);
		if (ret)
			return ret;
	}

	priv->dbg = debugfs_create_dir(dev_name(dev), NULL);
	debugfs_create_file("kick", 0200, priv->dbg, priv, &h20i_kick_fops);
	debugfs_create_file("commit", 0200, priv->dbg, priv, &h20i_commit_fops);
	debugfs_create_file("poke", 0200, priv->dbg, priv, &h20i_poke_fops);

	mod_timer(&priv->wdog, jiffies + HZ);
	schedule_work(&priv->peer_work);
	return 0;
}

static void h20i_remove(struct i2c_client *client)
{
	struct h20i_priv *priv = i2c_get_clientdata(client);

	debugfs_remove_recursive(priv->dbg);
	timer_shutdown_sync(&priv->wdog);
	cancel_delayed_work_sync(&priv->poll_work);
	cancel_work_sync(&priv->reset_work);
	cancel_work_sync(&priv->cfg_work);
	cancel_work_sync(&priv->peer_work);
	h20i_commit_locked(&client->dev); /* EXPECT-NONE: device-lock-required */
}

static void h20i_shutdown(struct i2c_client *client)
{
	struct h20i_priv *priv = i2c_get_clientdata(client);

	h20i_flush(priv); /* EXPECT-NONE: device-lock-required @h20i_flush */
}

static void h20i_alert(struct i2c_client *client, enum i2c_alert_protocol type,
		       unsigned int data)
{
	struct h20i_priv *priv = i2c_get_clientdata(client);

	h20i_apply_cfg(&client->dev, data); /* EXPECT-NONE: device-lock-required */
	h20i_flush(priv); /* EXPECT-NONE: device-lock-required @h20i_flush */
	if (type == I2C_PROTOCOL_SMBUS_ALERT) {
		priv->pending = data;
		schedule_work(&priv->cfg_work);
		schedule_work(&priv->reset_work);
	}
}

static int h20i_command(struct i2c_client *client, unsigned int cmd, void *arg)
{
	int ret;

	switch (cmd) {
	case H20I_CMD_RESYNC:
		return h20i_commit_locked(&client->dev); /* EXPECT: device-lock-required */
	case H20I_CMD_RESYNC_LOCKED:
		h20i_lock(&client->dev);
		ret = h20i_commit_locked(&client->dev); /* EXPECT-NONE: device-lock-required */
		h20i_unlock(&client->dev);
		return ret;
	case H20I_CMD_SET:
		return h20i_update_cfg(&client->dev, arg ? *(u32 *)arg : 0);
	}
	return -ENOIOCTLCMD;
}

static const struct of_device_id h20i_of_match[] = {
	{ .compatible = "h20,i2c" },
	{ }
};
MODULE_DEVICE_TABLE(of, h20i_of_match);

static const struct i2c_device_id h20i_id[] = {
	{ "h20i" },
	{ }
};
MODULE_DEVICE_TABLE(i2c, h20i_id);

static struct i2c_driver h20i_driver = {
	.driver = {
		.name		= "h20i",
		.of_match_table	= h20i_of_match,
		.dev_groups	= h20i_groups,
	},
	.probe		= h20i_probe,
	.remove		= h20i_remove,
	.shutdown	= h20i_shutdown,
	.alert		= h20i_alert,
	.command	= h20i_command,
	.id_table	= h20i_id,
};

static int __init h20i_init(void)
{
	int ret;

	ret = bus_register(&h20i_bus);
	if (ret)
		return ret;
	ret = driver_register(&h20i_sub_driver.driver);
	if (ret)
		goto err_bus;
	ret = bus_register_notifier(&i2c_bus_type, &h20i_bus_nb);
	if (ret)
		goto err_drv;
	ret = i2c_add_driver(&h20i_driver);
	if (ret)
		goto err_nb;
	return 0;

err_nb:
	bus_unregister_notifier(&i2c_bus_type, &h20i_bus_nb);
err_drv:
	driver_unregister(&h20i_sub_driver.driver);
err_bus:
	bus_unregister(&h20i_bus);
	return ret;
}
module_init(h20i_init);

static void __exit h20i_exit(void)
{
	i2c_del_driver(&h20i_driver);
	bus_unregister_notifier(&i2c_bus_type, &h20i_bus_nb);
	driver_unregister(&h20i_sub_driver.driver);
	bus_unregister(&h20i_bus);
}
module_exit(h20i_exit);

MODULE_DESCRIPTION("h20 held-out corpus: I2C client with sub-channels");
MODULE_LICENSE("GPL");
