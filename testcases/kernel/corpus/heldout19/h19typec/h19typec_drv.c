// SPDX-License-Identifier: GPL-2.0
/*
 * h19typec_drv.c: a USB Type-C alternate mode driver, shaped after
 * drivers/usb/typec/altmodes/displayport.c.
 *
 * Who calls each slot in 6.12:
 *   .probe/.remove      typec_probe()/typec_remove() (drivers/usb/typec/
 *                       bus.c), the typec_bus .probe/.remove, run by
 *                       really_probe()/device_remove() under device_lock.
 *   ops->vdm            typec_altmode_vdm() (bus.c), called by the port
 *                       driver, e.g. tcpm_handle_vdm_request() from the
 *                       tcpm kthread work tcpm_pd_rx_handler()
 *                       (drivers/usb/typec/tcpm/tcpm.c): no device_lock.
 *   ops->attention      typec_altmode_attention() from the same tcpm path.
 *   ops->activate       active_store() (drivers/usb/typec/class.c), the
 *                       "active" attribute of the altmode: dev_attr_store()
 *                       takes no lock.
 *   driver.pm           typec_bus has no .pm, typec_altmode_dev_type has no
 *                       .pm and partner altmodes have no class, so the
 *                       driver's callbacks run: .suspend/.resume from
 *                       device_suspend()/device_resume() under device_lock,
 *                       the noirq ones from device_suspend_noirq()/
 *                       device_resume_noirq() without it.
 *   works, attributes   process_one_work(), dev_attr_store(): no lock.
 * Nothing under drivers/usb/typec/ calls device_lock() itself.
 *
 * Corpus code for static analysis, not meant to be loaded: some entry
 * points below take a device lock from a work, a watch callback or a
 * driver attribute that the remove path flushes or removes under the
 * same lock, which a real driver would avoid (device_trylock() and
 * restart_syscall(), or no flush under the lock).  The labels judge only
 * whether the lock is held at each call.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/usb/typec.h>
#include <linux/usb/typec_altmode.h>

#include "h19typec.h"

#define H19TYPEC_SVID	0xff19

/*
 * Work, shape of dp_altmode_work(): process_one_work() holds no device
 * lock; dp->lock (here h->lock) is the driver's own mutex.
 */
static void h19typec_work(struct work_struct *work)
{
	struct h19typec_alt *h = container_of(work, struct h19typec_alt, work);

	mutex_lock(&h->lock);
	h19typec_rearm(&h->alt->dev); /* EXPECT: device-lock-required */
	mutex_unlock(&h->lock);
}

/* Twin: a work that takes the engine's lock before re-arming it. */
static void h19typec_locked_work(struct work_struct *work)
{
	struct h19typec_alt *h = container_of(work, struct h19typec_alt, locked_work);

	if (IS_ERR_OR_NULL(h->engine))
		return;
	scoped_guard(device, &h->engine->dev)
		h19typec_rearm(&h->engine->dev); /* EXPECT-NONE: device-lock-required */
}

/* ---- typec_altmode_ops ---- */

/* ops->vdm: tcpm kthread work, no device lock (see above) */
static int h19typec_vdm(struct typec_altmode *alt, const u32 hdr,
			const u32 *vdo, int count)
{
	struct h19typec_alt *h = typec_altmode_get_drvdata(alt);
	int ret;

	mutex_lock(&h->lock);
	ret = h19typec_mode_locked(&alt->dev, h->conf); /* EXPECT: device-lock-required */
	if (!ret && !IS_ERR_OR_NULL(h->engine))
		ret = h19typec_engine_configure_unlocked(h->engine); /* EXPECT: device-lock-required @typec_engcfg */
	mutex_unlock(&h->lock);
	if (!ret)
		schedule_work(&h->locked_work);
	return ret;
}

/* ops->attention: typec_altmode_attention() from tcpm, no device lock */
static void h19typec_attention(struct typec_altmode *alt, u32 vdo)
{
	struct h19typec_alt *h = typec_altmode_get_drvdata(alt);

	mutex_lock(&h->lock);
	h->hpd = !!(vdo & BIT(7));
	h19typec_commit(&alt->dev); /* EXPECT: device-lock-required */
	mutex_unlock(&h->lock);
	schedule_work(&h->work);
}

/*
 * ops->activate: active_store() (drivers/usb/typec/class.c), no lock.
 * The exit path takes the lock itself (guard(device), as cxl_mem_sanitize()
 * in drivers/cxl/core/mbox.c), the enter path does not.
 */
static int h19typec_activate(struct typec_altmode *alt, int activate)
{
	if (activate)
		return h19typec_rearm(&alt->dev); /* EXPECT: device-lock-required */

	guard(device)(&alt->dev);
	return h19typec_rearm(&alt->dev); /* EXPECT-NONE: device-lock-required */
}

static const struct typec_altmode_ops h19typec_ops = {
	.attention	= h19typec_attention,
	.vdm		= h19typec_vdm,
	.activate	= h19typec_activate,
};

/* ---- probe/remove: typec_probe()/typec_remove(), device_lock held ---- */

static int h19typec_probe(struct typec_altmode *alt)
{
	struct fwnode_handle *fwnode, *ref;
	struct h19typec_alt *h;
	int ret;

	h = devm_kzalloc(&alt->dev, sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	h->alt = alt;
	mutex_init(&h->lock);
	INIT_WORK(&h->work, h19typec_work);
	INIT_WORK(&h->locked_work, h19typec_locked_work);
	typec_altmode_set_ops(alt, &h19typec_ops);
	typec_altmode_set_drvdata(alt, h);

	ret = h19typec_mode_locked(&alt->dev, 0); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	h19typec_commit(&alt->dev); /* EXPECT-NONE: device-lock-required */

	/* the typec_port fwnode, as dp_altmode_probe() finds it */
	fwnode = dev_fwnode(alt->dev.parent->parent);

	/*
	 * Own bound device re-pointed at another node, shape of
	 * vc4_drm_bind() (drivers/gpu/drm/vc4/vc4_drv.c).
	 */
	h->dma_np = of_parse_phandle(to_of_node(fwnode), "h19,dma-node", 0);
	if (h->dma_np)
		of_dma_configure(&alt->dev, h->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */

	/*
	 * Foreign device: the connector the port's "displayport" reference
	 * points at (dp_altmode_probe() does fwnode_find_reference() on it),
	 * looked up on the platform bus.  typec_probe() holds the altmode's
	 * lock, not the connector's.
	 */
	ref = fwnode_find_reference(fwnode, "displayport", 0);
	if (!IS_ERR(ref)) {
		h->conn = bus_find_device_by_fwnode(&platform_bus_type, ref);
		fwnode_handle_put(ref);
	}
	if (h->conn)
		of_dma_configure(h->conn, h->conn->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */

	h->engine = h19typec_engine_create(h);
	if (!IS_ERR(h->engine))
		h19typec_engine_configure(h->engine);

	schedule_work(&h->work);
	return 0;
}

static void h19typec_remove(struct typec_altmode *alt)
{
	struct h19typec_alt *h = typec_altmode_get_drvdata(alt);

	cancel_work_sync(&h->work);
	cancel_work_sync(&h->locked_work);
	h19typec_commit(&alt->dev); /* EXPECT-NONE: device-lock-required */
	if (h->conn) {
		/* twin of the probe-time call: the connector locked first */
		device_lock(h->conn);
		of_dma_configure(h->conn, h->conn->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		device_unlock(h->conn);
		put_device(h->conn);
	}
	h19typec_engine_destroy(h->engine);
	of_node_put(h->dma_np);
}

/* ---- driver PM ---- */

/* device_suspend(): device_lock(dev) around dpm_run_callback() */
static int h19typec_suspend(struct device *dev)
{
	h19typec_commit(dev); /* EXPECT-NONE: device-lock-required */
	return h19typec_rearm(dev); /* EXPECT-NONE: device-lock-required */
}

/* device_resume(): lock held; own device re-pointed again */
static int h19typec_resume(struct device *dev)
{
	struct h19typec_alt *h = dev_get_drvdata(dev);

	if (h && h->dma_np)
		return of_dma_configure(dev, h->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	return 0;
}

/* device_suspend_noirq(): no device_lock */
static int h19typec_suspend_noirq(struct device *dev)
{
	h19typec_commit(dev); /* EXPECT: device-lock-required */
	return 0;
}

/* device_resume_noirq(): no device_lock */
static int h19typec_resume_noirq(struct device *dev)
{
	return h19typec_rearm(dev); /* EXPECT: device-lock-required */
}

static const struct dev_pm_ops h19typec_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(h19typec_suspend, h19typec_resume)
	NOIRQ_SYSTEM_SLEEP_PM_OPS(h19typec_suspend_noirq, h19typec_resume_noirq)
};

/* ---- attributes: dev_attr_store() takes no lock ---- */

/* shape of configuration_store() in displayport.c (dp->lock only) */
static ssize_t conf_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct h19typec_alt *h = dev_get_drvdata(dev);
	u32 conf;
	int ret;

	ret = kstrtou32(buf, 0, &conf);
	if (ret)
		return ret;
	mutex_lock(&h->lock);
	h->conf = conf;
	ret = h19typec_mode_locked(dev, conf); /* EXPECT: device-lock-required */
	mutex_unlock(&h->lock);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(conf);

/* Twin: the lock taken through the trylock and guard helpers. */
static ssize_t conf_sync_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct h19typec_alt *h = dev_get_drvdata(dev);
	int ret = -EBUSY;

	if (h19typec_trylock_bound(dev)) {
		/* the wrapper returned 1: lock held */
		ret = h19typec_mode_locked(dev, h->conf); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
	}
	if (!ret)
		ret = h19typec_set_conf(dev, h->conf);
	if (ret == -EINVAL)
		ret = h19typec_set_conf_leaky(dev, 1);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(conf_sync);

static struct attribute *h19typec_attrs[] = {
	&dev_attr_conf.attr,
	&dev_attr_conf_sync.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h19typec);

static const struct typec_device_id h19typec_ids[] = {
	{ H19TYPEC_SVID, TYPEC_ANY_MODE, },
	{ },
};
MODULE_DEVICE_TABLE(typec, h19typec_ids);

static struct typec_altmode_driver h19typec_driver = {
	.id_table	= h19typec_ids,
	.probe		= h19typec_probe,
	.remove		= h19typec_remove,
	.driver		= {
		.name		= "h19typec",
		.dev_groups	= h19typec_groups,
		.pm		= pm_sleep_ptr(&h19typec_pm_ops),
	},
};

static int __init h19typec_init(void)
{
	int ret = h19typec_bus_init();

	if (ret)
		return ret;
	ret = typec_altmode_register_driver(&h19typec_driver);
	if (ret)
		h19typec_bus_exit();
	return ret;
}

static void __exit h19typec_exit(void)
{
	typec_altmode_unregister_driver(&h19typec_driver);
	h19typec_bus_exit();
}

module_init(h19typec_init);
module_exit(h19typec_exit);

MODULE_DESCRIPTION("h19 Type-C altmode corpus module");
MODULE_LICENSE("GPL");
