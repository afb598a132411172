// SPDX-License-Identifier: GPL-2.0-only
/*
 * fsix - FSI service-engine driver.
 *
 * Mirrors drivers/fsi/fsi-sbefifo.c (probe/remove, the timeout attribute,
 * the character device and its ioctls, child devices for DT sub-nodes),
 * drivers/vfio/pci/vfio_pci_core.c:vfio_pci_bus_notifier() and
 * drivers/vfio/fsl-mc/vfio_fsl_mc.c:vfio_fsl_mc_bus_notifier() (a bus
 * notifier watching sibling devices) and drivers/gpu/drm/msm/adreno/
 * a6xx_gmu.c:a6xx_gmu_wrapper_init() (DMA setup of a device found by
 * phandle).
 *
 * What the core holds around each callback in 6.12:
 *  - probe/remove: fsi_bus_type (drivers/fsi/fsi-core.c) has no .probe or
 *    .remove, so drivers/base/dd.c:call_driver_probe()/device_remove() call
 *    drv->probe/drv->remove directly, inside really_probe()/
 *    __device_release_driver(), with device_lock(dev) held by
 *    __driver_attach()/__device_attach()/device_release_driver_internal().
 *  - dev_pm_ops: fsi_bus_type has no pm and FSI devices have no type, class
 *    or PM domain, so drivers/base/power/main.c:device_suspend()/
 *    device_resume() run dev->driver->pm with device_lock(dev) held;
 *    device_resume_early() takes no device lock.
 *  - sysfs: fs/sysfs/file.c:sysfs_kf_write() -> drivers/base/core.c:
 *    dev_attr_store(): no device lock.
 *  - character device file operations: called by the VFS, no device lock.
 *  - bus notifier on fsi_bus_type: drivers/base/bus.c:bus_notify() from
 *    core.c:device_add() (BUS_NOTIFY_ADD_DEVICE, no device lock),
 *    dd.c:driver_bound() (BUS_NOTIFY_BOUND_DRIVER, inside really_probe(),
 *    device_lock(dev) held), dd.c:__device_release_driver()
 *    (BUS_NOTIFY_UNBIND_DRIVER, device_lock(dev) held by
 *    device_release_driver_internal()) and core.c:device_del()
 *    (BUS_NOTIFY_DEL_DEVICE, after its own device_unlock(dev)).
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/fsi.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "fsix.h"

#define FSIX_IOC_RESET		_IO('s', 0x10)
#define FSIX_IOC_TIMEOUT	_IOW('s', 0x11, __u32)

static int fsix_open(struct inode *inode, struct file *file)
{
	struct fsix *fx = container_of(inode->i_cdev, struct fsix, cdev);

	file->private_data = fx;
	return 0;
}

/*
 * fsi-sbefifo.c:sbefifo_user_ioctl().  VFS ioctl, no device lock on entry.
 * The reset command locks the FSI device; the timeout command calls the
 * Context:-documented helper without it.
 */
static long fsix_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct fsix *fx = file->private_data;
	long rc = -ENOTTY;
	u32 timeout;

	mutex_lock(&fx->lock);
	if (fx->dead) {
		mutex_unlock(&fx->lock);
		return -ENODEV;
	}
	mutex_unlock(&fx->lock);

	switch (cmd) {
	case FSIX_IOC_RESET:
		scoped_guard(device, &fx->fsi_dev->dev)
			rc = fsix_engine_reset_locked(fx->fsi_dev); /* EXPECT-NONE: device-lock-required */
		break;
	case FSIX_IOC_TIMEOUT:
		if (get_user(timeout, (__u32 __user *)arg))
			return -EFAULT;
		fsix_set_timeout(fx->dev, timeout * 1000); /* EXPECT: device-lock-required */
		rc = 0;
		break;
	}

	return rc;
}

static const struct file_operations fsix_fops = {
	.owner		= THIS_MODULE,
	.open		= fsix_open,
	.unlocked_ioctl	= fsix_ioctl,
};

/*
 * sysfs store, no device lock on entry.  Locks like drivers/base/dd.c:
 * coredump_store(), interruptibly.
 */
static ssize_t timeout_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	if (device_lock_interruptible(dev))
		return -EINTR;
	fsix_set_timeout(dev, val); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return count;
}

/* fsi-sbefifo.c:timeout_show() */
static ssize_t timeout_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct fsix *fx = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", fx->timeout_ms);
}
static DEVICE_ATTR_RW(timeout);

/*
 * sysfs store, no device lock on entry: resets the engine without the lock
 * fsix_engine_reset_locked() wants.  Shaped like fsi-core.c:
 * master_break_store().
 */
static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	bool val;
	int ret;

	ret = kstrtobool(buf, &val);
	if (ret)
		return ret;
	if (!val)
		return count;

	ret = fsix_engine_reset_locked(to_fsi_dev(dev)); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(reset);

static struct attribute *fsix_attrs[] = {
	&dev_attr_timeout.attr,
	&dev_attr_reset.attr,
	NULL
};
ATTRIBUTE_GROUPS(fsix);

/*
 * Bus notifier on fsi_bus_type for the other engines of our slave (see the
 * header comment for what bus_notify()'s callers hold per event).
 * vfio_pci_core.c:vfio_pci_bus_notifier() reacts to ADD_DEVICE and
 * BOUND_DRIVER the same way.
 */
static int fsix_bus_notifier(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct fsix *fx = container_of(nb, struct fsix, bus_nb);
	struct device *dev = data;
	struct fsi_device *engine = to_fsi_dev(dev);

	if (dev == fx->dev || dev->parent != fx->dev->parent)
		return NOTIFY_DONE;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		/* New engine on our slave: keep it quiet until it is bound. */
		fsix_engine_quiesce(engine); /* EXPECT: device-lock-required */
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		if (engine->engine_type == FSIX_ENGID &&
		    dev->driver != fx->dev->driver) {
			dev_warn(fx->dev, "%s bound to driver %s, quiescing\n",
				 dev_name(dev), dev->driver->name);
			fsix_engine_quiesce(engine); /* EXPECT-NONE: device-lock-required */
		}
		break;
	case BUS_NOTIFY_UNBIND_DRIVER:
		/* Take the engine back before its driver lets go of it. */
		scoped_guard(device, dev) /* EXPECT: lock-imbalance */
			fsix_engine_quiesce(engine);
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		scoped_guard(device, dev) { /* EXPECT-NONE: lock-imbalance */
			if (fx->sibling == dev) {
				put_device(fx->sibling);
				fx->sibling = NULL;
			}
		}
		break;
	}

	return NOTIFY_OK;
}

/*
 * a6xx_gmu.c:a6xx_gmu_wrapper_init(): "ibm,dma-engine" names another FSI
 * engine of the slave, bound to its own driver; its DMA setup is redone
 * from our probe, where only our own device is locked.
 */
static int fsix_attach_sibling(struct fsix *fx)
{
	struct device_node *np;
	struct device *sib;
	int ret;

	np = of_parse_phandle(fx->dev->of_node, "ibm,dma-engine", 0);
	if (!np)
		return 0;

	sib = bus_find_device_by_of_node(&fsi_bus_type, np);
	if (!sib) {
		of_node_put(np);
		return -EPROBE_DEFER;
	}

	ret = of_dma_configure(sib, np, true); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required @fsix_sibling */
	of_node_put(np);
	if (ret) {
		put_device(sib);
		return ret;
	}

	fx->sibling = sib;
	return 0;
}

static void fsix_free(struct device *dev)
{
	struct fsix *fx = container_of(dev, struct fsix, cdev_dev);

	put_device(&fx->fsi_dev->dev);
	kfree(fx);
}

/*
 * fsi-sbefifo.c:sbefifo_probe().  dd.c holds device_lock(dev) (see the
 * header comment).
 */
static int fsix_probe(struct device *dev)
{
	struct fsi_device *fsi_dev = to_fsi_dev(dev);
	struct fsix_svc *svc;
	struct fsix *fx;
	int rc, didx;

	fx = kzalloc(sizeof(*fx), GFP_KERNEL);
	if (!fx)
		return -ENOMEM;

	/* Grab a reference to the device (parent of our cdev), we'll drop it later */
	if (!get_device(dev)) {
		kfree(fx);
		return -ENODEV;
	}

	fx->fsi_dev = fsi_dev;
	fx->dev = dev;
	fx->timeout_ms = FSIX_DEFAULT_TIMEOUT_MS;
	mutex_init(&fx->lock);
	INIT_LIST_HEAD(&fx->svcs);
	dev_set_drvdata(dev, fx);

	/* Create chardev for userspace access */
	fx->cdev_dev.type = &fsi_cdev_type;
	fx->cdev_dev.parent = dev;
	fx->cdev_dev.release = fsix_free;
	device_initialize(&fx->cdev_dev);

	rc = fsix_engine_reset_locked(fsi_dev); /* EXPECT-NONE: device-lock-required */
	if (rc)
		goto err;

	rc = fsix_attach_sibling(fx); /* EXPECT: device-lock-required @fsix_sibling */
	if (rc)
		goto err;

	rc = fsi_get_new_minor(fsi_dev, fsi_dev_occ, &fx->cdev_dev.devt, &didx);
	if (rc)
		goto err;

	dev_set_name(&fx->cdev_dev, "fsix%d", didx);
	cdev_init(&fx->cdev, &fsix_fops);
	rc = cdev_device_add(&fx->cdev, &fx->cdev_dev);
	if (rc) {
		dev_err(dev, "Error %d creating char device %s\n",
			rc, dev_name(&fx->cdev_dev));
		goto err_free_minor;
	}

	fsix_create_children(fx); /* EXPECT: device-lock-required @fsix_children */

	svc = fsix_svc_register(fx, "fsix-occ", 0);
	if (IS_ERR(svc))
		dev_warn(dev, "no occ service: %ld\n", PTR_ERR(svc));

	fx->bus_nb.notifier_call = fsix_bus_notifier;
	rc = bus_register_notifier(&fsi_bus_type, &fx->bus_nb);
	if (rc)
		goto err_children;

	return 0;

err_children:
	fsix_svc_unregister_all(fx);
	fsix_destroy_children(fx);
	cdev_device_del(&fx->cdev, &fx->cdev_dev);
err_free_minor:
	fsi_free_minor(fx->cdev_dev.devt);
err:
	if (fx->sibling)
		put_device(fx->sibling);
	put_device(&fx->cdev_dev);
	return rc;
}

/*
 * fsi-sbefifo.c:sbefifo_remove().  dd.c:device_release_driver_internal()
 * holds device_lock(dev); fx->fsi_dev->dev is the same device.
 */
static int fsix_remove(struct device *dev)
{
	struct fsix *fx = dev_get_drvdata(dev);

	bus_unregister_notifier(&fsi_bus_type, &fx->bus_nb);
	fsix_engine_quiesce(fx->fsi_dev); /* EXPECT-NONE: device-lock-required */

	mutex_lock(&fx->lock);
	fx->dead = true;
	mutex_unlock(&fx->lock);

	cdev_device_del(&fx->cdev, &fx->cdev_dev);
	fsi_free_minor(fx->cdev_dev.devt);
	fsix_svc_unregister_all(fx);
	fsix_destroy_children(fx);
	if (fx->sibling)
		put_device(fx->sibling);
	put_device(&fx->cdev_dev);

	return 0;
}

/*
 * power/main.c:device_suspend() holds device_lock(dev) around ->suspend.
 * SYSTEM_SLEEP plus LATE ops as in drivers/net/wireless/ath/ath12k/pci.c
 * (ath12k_pci_pm_suspend(), ath12k_pci_pm_resume_early()).
 */
static int fsix_suspend(struct device *dev)
{
	struct fsix *fx = dev_get_drvdata(dev);

	return fsix_engine_quiesce(fx->fsi_dev); /* EXPECT-NONE: device-lock-required */
}

/* power/main.c:device_resume() holds device_lock(dev) around ->resume. */
static int fsix_resume(struct device *dev)
{
	return fsix_engine_reset_locked(to_fsi_dev(dev));
}

/*
 * power/main.c:device_resume_early() runs ->resume_early without the
 * device lock (late/early ops as in drivers/net/wireless/ath/ath12k/pci.c);
 * the timeout register is reprogrammed early so that the first command
 * after resume is covered.
 */
static int fsix_resume_early(struct device *dev)
{
	struct fsix *fx = dev_get_drvdata(dev);

	fsix_set_timeout(dev, fx->timeout_ms); /* EXPECT: device-lock-required */
	return 0;
}

static const struct dev_pm_ops fsix_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(fsix_suspend, fsix_resume)
	LATE_SYSTEM_SLEEP_PM_OPS(NULL, fsix_resume_early)
};

static const struct fsi_device_id fsix_ids[] = {
	{
		.engine_type = FSIX_ENGID,
		.version = FSI_VERSION_ANY,
	},
	{ 0 }
};

static struct fsi_driver fsix_drv = {
	.id_table = fsix_ids,
	.drv = {
		.name = "fsix",
		.bus = &fsi_bus_type,
		.probe = fsix_probe,
		.remove = fsix_remove,
		.pm = pm_sleep_ptr(&fsix_pm_ops),
		.dev_groups = fsix_groups,
	}
};

static int __init fsix_init(void)
{
	int rc;

	rc = fsix_svc_bus_init();
	if (rc)
		return rc;

	rc = fsi_driver_register(&fsix_drv);
	if (rc)
		fsix_svc_bus_exit();

	return rc;
}
module_init(fsix_init);

static void __exit fsix_exit(void)
{
	fsi_driver_unregister(&fsix_drv);
	fsix_svc_bus_exit();
}
module_exit(fsix_exit);

MODULE_DESCRIPTION("fsix FSI service engine driver");
MODULE_LICENSE("GPL");
