// SPDX-License-Identifier: GPL-2.0
/*
 * h19th_drv.c: an Intel Trace Hub output driver, shaped after
 * drivers/hwtracing/intel_th/pti.c (attr_group, activate/deactivate) and
 * msu.c (irq, fops).
 *
 * Who calls each slot in 6.12 (drivers/hwtracing/intel_th/core.c):
 *   .probe       intel_th_probe(), the intel_th_bus .probe, run by
 *                really_probe() under device_lock(dev).
 *   .remove      intel_th_remove(), the bus .remove (device_remove(),
 *                lock held), and intel_th_probe()'s error path (still
 *                inside really_probe(), lock held).
 *   .activate    intel_th_output_activate() <- active_store(), the
 *   .deactivate  "active" attribute of intel_th_output_device_type:
 *                dev_attr_store() takes no lock.
 *   .irq         intel_th_irq(), the hub's hard irq handler
 *                (devm_request_irq() in intel_th_alloc()): no lock.
 *   .fops->open  intel_th_output_open(), the char device open: no lock.
 *   .attr_group  sysfs_create_group() in intel_th_probe(); its stores
 *                run from dev_attr_store(), no lock.
 *   driver.pm    intel_th_bus and the output device type have no .pm,
 *                so device_suspend()/device_resume() run the driver's
 *                callbacks under device_lock, device_suspend_late()
 *                without it.
 * Nothing under drivers/hwtracing/intel_th/ calls device_lock() itself.
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
#include <linux/fs.h>
#include <linux/input.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/slab.h>

#include "h19th.h"

/*
 * Static helper without a contract of its own: points the output's own
 * device at the node of its DMA window (shape of etnaviv_pdev_probe(),
 * drivers/gpu/drm/etnaviv/etnaviv_drv.c).  Called with the lock held
 * from probe and without it from .activate; the lock site is shared with
 * the .activate call.
 */
static int h19th_retarget(struct h19th_out *out)
{
	return of_dma_configure(&out->thdev->dev, out->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required @th_retarget */
}

static int h19th_match_mirror(struct device *dev, const void *data)
{
	return dev->of_node && dev->of_node == data;
}

/* ---- .probe/.remove: intel_th_probe()/intel_th_remove(), lock held ---- */

static int h19th_probe(struct intel_th_device *thdev)
{
	struct device *dev = &thdev->dev;
	struct device_node *mirror_np;
	struct h19th_out *out;
	int ret;

	out = devm_kzalloc(dev, sizeof(*out), GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	out->thdev = thdev;
	dev_set_drvdata(dev, out);

	ret = h19th_mode_locked(dev, 0); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	out->dma_np = of_parse_phandle(dev->parent ? dev->parent->of_node : NULL,
				       "h19,trace-window", 0);
	if (out->dma_np) {
		/* intel_th_probe() holds this device's lock */
		ret = h19th_retarget(out); /* EXPECT-NONE: device-lock-required */
		if (ret)
			goto put_np;
	}

	/*
	 * Foreign device found by class_find_device(), shape of
	 * usb_role_switch_match() (drivers/usb/roles/class.c): an input
	 * device that mirrors the trace.  Kept until remove.
	 */
	mirror_np = of_parse_phandle(out->dma_np, "h19,mirror", 0);
	if (mirror_np) {
		out->mirror = class_find_device(&input_class, NULL, mirror_np,
						h19th_match_mirror);
		of_node_put(mirror_np);
	}

	out->sink = h19th_sink_register(out);
	if (IS_ERR(out->sink))
		out->sink = NULL;
	return 0;

put_np:
	of_node_put(out->dma_np);
	return ret;
}

static void h19th_remove(struct intel_th_device *thdev)
{
	struct h19th_out *out = dev_get_drvdata(&thdev->dev);

	h19th_commit(&thdev->dev); /* EXPECT-NONE: device-lock-required */
	if (out->mirror) {
		/* remove holds the output's lock, not the mirror's: take it */
		scoped_guard(device, out->mirror)
			acpi_dma_configure(out->mirror, DEV_DMA_NOT_SUPPORTED); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		put_device(out->mirror);
	}
	h19th_sink_unregister(out->sink);
	of_node_put(out->dma_np);
}

/* ---- .activate/.deactivate: active_store(), no lock ---- */

static int h19th_activate(struct intel_th_device *thdev)
{
	struct h19th_out *out = dev_get_drvdata(&thdev->dev);
	int ret;

	ret = h19th_rearm(&thdev->dev); /* EXPECT: device-lock-required */
	if (ret)
		return ret;
	if (out->dma_np)
		ret = h19th_retarget(out); /* EXPECT: device-lock-required @th_retarget */
	if (!ret)
		ret = h19th_sink_configure(out);
	return ret;
}

static void h19th_deactivate(struct intel_th_device *thdev)
{
	h19th_commit(&thdev->dev); /* EXPECT: device-lock-required */

	/* twin: parent and device locked by the pair helper */
	if (h19th_trylock_pair(&thdev->dev)) {
		h19th_commit(&thdev->dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(&thdev->dev);
		device_unlock(thdev->dev.parent);
	}
}

/* ---- .irq: intel_th_irq(), hard irq ---- */

static irqreturn_t h19th_irq(struct intel_th_device *thdev)
{
	h19th_commit(&thdev->dev); /* EXPECT: device-lock-required */
	return IRQ_HANDLED;
}

/* ---- fops: intel_th_output_open() -> ->open, no lock ---- */

static int h19th_open(struct inode *inode, struct file *file)
{
	struct intel_th_device *thdev = file->private_data;

	return h19th_rearm(&thdev->dev); /* EXPECT: device-lock-required */
}

/* Twin: a second char-device entry point that takes the lock itself. */
static long h19th_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct intel_th_device *thdev = file->private_data;

	guard(device)(&thdev->dev);
	return h19th_rearm(&thdev->dev); /* EXPECT-NONE: device-lock-required */
}

static const struct file_operations h19th_fops = {
	.owner		= THIS_MODULE,
	.open		= h19th_open,
	.unlocked_ioctl	= h19th_ioctl,
};

/* ---- attr_group: dev_attr_store(), no lock ---- */

/* shape of mode_store() in drivers/hwtracing/intel_th/pti.c */
static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t size)
{
	struct h19th_out *out = dev_get_drvdata(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;
	out->mode = val;
	ret = h19th_mode_locked(dev, val); /* EXPECT: device-lock-required */
	return ret ? ret : size;
}
static DEVICE_ATTR_WO(mode);

/* Twin: the store takes the parent and the device locks itself. */
static ssize_t mode_sync_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t size)
{
	struct h19th_out *out = dev_get_drvdata(dev);
	int ret;

	device_lock(dev->parent);
	device_lock(dev);
	ret = h19th_mode_locked(dev, out->mode); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	device_unlock(dev->parent);
	if (!ret)
		ret = h19th_lock_pair(dev);
	if (ret == -ENODEV)
		ret = h19th_lock_pair_leaky(dev);
	return ret ? ret : size;
}
static DEVICE_ATTR_WO(mode_sync);

static struct attribute *h19th_attrs[] = {
	&dev_attr_mode.attr,
	&dev_attr_mode_sync.attr,
	NULL,
};

static const struct attribute_group h19th_group = {
	.attrs	= h19th_attrs,
};

/* ---- driver PM ---- */

/* device_suspend(): device_lock(dev) held */
static int h19th_suspend(struct device *dev)
{
	h19th_commit(dev); /* EXPECT-NONE: device-lock-required */
	return h19th_rearm(dev); /* EXPECT-NONE: device-lock-required */
}

/* device_suspend_late(): no device_lock */
static int h19th_suspend_late(struct device *dev)
{
	return h19th_rearm(dev); /* EXPECT: device-lock-required */
}

static const struct dev_pm_ops h19th_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(h19th_suspend, NULL)
	LATE_SYSTEM_SLEEP_PM_OPS(h19th_suspend_late, NULL)
};

static struct intel_th_driver h19th_driver = {
	.probe		= h19th_probe,
	.remove		= h19th_remove,
	.irq		= h19th_irq,
	.activate	= h19th_activate,
	.deactivate	= h19th_deactivate,
	.fops		= &h19th_fops,
	.attr_group	= &h19th_group,
	.driver = {
		.name	= "h19th",
		.owner	= THIS_MODULE,
		.pm	= pm_sleep_ptr(&h19th_pm_ops),
	},
};

static int __init h19th_init(void)
{
	int ret = h19th_bus_init();

	if (ret)
		return ret;
	ret = intel_th_driver_register(&h19th_driver);
	if (ret)
		h19th_bus_exit();
	return ret;
}

static void __exit h19th_exit(void)
{
	intel_th_driver_unregister(&h19th_driver);
	h19th_bus_exit();
}

module_init(h19th_init);
module_exit(h19th_exit);

MODULE_DESCRIPTION("h19 Intel Trace Hub output corpus module");
MODULE_LICENSE("GPL");
