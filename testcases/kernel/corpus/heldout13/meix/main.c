// SPDX-License-Identifier: GPL-2.0-only
/*
 * meix - watchdog client on the Intel MEI client bus.
 *
 * Mirrors drivers/watchdog/mei_wdt.c (probe/remove, the rx and notification
 * callbacks, the watchdog_ops, the debugfs files), drivers/misc/mei/main.c
 * (sysfs stores such as tx_queue_limit_store()) and, for the DMA setup,
 * drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe().
 *
 * What the core holds around each callback in 6.12:
 *  - probe/remove: drivers/base/dd.c:__driver_attach()/__device_attach()
 *    and device_release_driver_internal() hold device_lock(&cldev->dev)
 *    around really_probe()/__device_release_driver(), which call
 *    drivers/misc/mei/bus.c:mei_cl_device_probe()/mei_cl_device_remove()
 *    (bus_type.probe/remove), which call cldrv->probe/cldrv->remove.
 *  - rx and notification callbacks: bus.c:mei_cl_bus_rx_work() and
 *    mei_cl_bus_notif_work(), plain work items: no device lock.  They are
 *    cancelled by bus.c:mei_cldev_unregister_callbacks() from
 *    mei_cl_device_remove(), i.e. under the device lock.
 *  - watchdog_ops: drivers/watchdog/watchdog_dev.c:watchdog_start()/
 *    watchdog_stop()/watchdog_ping()/watchdog_set_timeout(), "The caller
 *    must hold wd_data->lock": the watchdog core's mutex, not the device
 *    lock.  (WDOG_STOP_ON_UNREGISTER/REBOOT are not set, so ->stop is never
 *    reached from remove.)
 *  - driver dev_pm_ops: the MEI bus, the cldev device_type and class have no
 *    pm ops, so drivers/base/power/main.c:device_suspend()/device_resume()
 *    run dev->driver->pm under device_lock(dev); device_suspend_noirq()
 *    takes no device lock.
 *  - sysfs: fs/sysfs/file.c:sysfs_kf_write() -> drivers/base/core.c:
 *    dev_attr_store(): no device lock.  debugfs file ops: none either.
 */
#include <linux/acpi.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/mei_cl_bus.h>
#include <linux/module.h>
#include <linux/pm.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/uuid.h>
#include <linux/watchdog.h>

#include "meix.h"

static struct watchdog_info meix_wd_info = {
	.identity = "meix watchdog",
	.options  = WDIOF_KEEPALIVEPING | WDIOF_SETTIMEOUT | WDIOF_ALARMONLY,
};

/*
 * watchdog_ops.start, under wd_data->lock only (watchdog_dev.c:
 * watchdog_start()).  Re-enables the client after a firmware reset without
 * the device lock meix_enable_locked() wants.
 */
static int meix_wd_start(struct watchdog_device *wdd)
{
	struct meix *mx = watchdog_get_drvdata(wdd);
	int ret;

	ret = meix_enable_locked(mx->cldev); /* EXPECT: device-lock-required */
	if (ret)
		return ret;

	mx->state = MEIX_START;
	wdd->timeout = mx->timeout;
	return 0;
}

/*
 * watchdog_ops.stop, under wd_data->lock only (watchdog_dev.c:
 * watchdog_stop()).  mei_wdt.c:mei_wdt_ops_stop() with the device lock
 * taken for the state machine and every exit going through the unlock.
 */
static int meix_wd_stop(struct watchdog_device *wdd)
{
	struct meix *mx = container_of(wdd, struct meix, wdd);
	int ret = 0;

	device_lock(mx->dev);
	if (mx->state != MEIX_RUNNING)
		goto out_unlock;

	mx->state = MEIX_STOPPING;
	ret = meix_send_cmd(mx, MEIX_MC_STOP_REQ); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto out_unlock;

	mx->state = MEIX_IDLE;
out_unlock:
	device_unlock(mx->dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/*
 * watchdog_ops.ping, under wd_data->lock only (watchdog_dev.c:
 * __watchdog_ping(), also from the watchdog_ping_work() kthread worker).
 * mei_wdt.c:mei_wdt_ops_ping(); the disabled-client early return leaves
 * the device locked.
 */
static int meix_wd_ping(struct watchdog_device *wdd)
{
	struct meix *mx = container_of(wdd, struct meix, wdd);
	int ret;

	device_lock(&mx->cldev->dev);
	if (!mei_cldev_enabled(mx->cldev))
		return -ENODEV; /* EXPECT: lock-imbalance */

	if (mx->state != MEIX_START && mx->state != MEIX_RUNNING) {
		device_unlock(&mx->cldev->dev);
		return 0;
	}

	if (mx->resp_required)
		reinit_completion(&mx->response);

	mx->state = MEIX_RUNNING;
	ret = meix_send_cmd(mx, MEIX_MC_START_REQ);
	device_unlock(&mx->cldev->dev);
	if (ret)
		return ret;

	if (mx->resp_required)
		ret = wait_for_completion_killable(&mx->response);

	return ret;
}

/*
 * watchdog_ops.set_timeout, under wd_data->lock only (watchdog_dev.c:
 * watchdog_set_timeout()).  A running timer is re-armed with the new value.
 */
static int meix_wd_set_timeout(struct watchdog_device *wdd,
			       unsigned int timeout)
{
	struct meix *mx = watchdog_get_drvdata(wdd);
	int ret = 0;

	scoped_guard(device, mx->dev) {
		mx->timeout = timeout;
		wdd->timeout = timeout;
		if (mx->state == MEIX_RUNNING)
			ret = meix_send_cmd(mx, MEIX_MC_START_REQ); /* EXPECT-NONE: device-lock-required */
	}

	return ret;
}

static const struct watchdog_ops meix_wd_ops = {
	.owner		= THIS_MODULE,
	.start		= meix_wd_start,
	.stop		= meix_wd_stop,
	.ping		= meix_wd_ping,
	.set_timeout	= meix_wd_set_timeout,
};

/* mei_wdt.c:mei_wdt_register() */
static int meix_register(struct meix *mx)
{
	int ret;

	if (mx->registered)
		return 0;

	mx->wdd.info = &meix_wd_info;
	mx->wdd.ops = &meix_wd_ops;
	mx->wdd.parent = mx->dev;
	mx->wdd.timeout = mx->timeout;
	mx->wdd.min_timeout = MEIX_MIN_TIMEOUT;
	mx->wdd.max_timeout = MEIX_MAX_TIMEOUT;
	watchdog_set_drvdata(&mx->wdd, mx);
	watchdog_set_nowayout(&mx->wdd, WATCHDOG_NOWAYOUT);

	ret = watchdog_register_device(&mx->wdd);
	if (ret)
		return ret;

	mx->registered = true;
	return 0;
}

static void meix_unregister(struct meix *mx)
{
	if (!mx->registered)
		return;

	watchdog_unregister_device(&mx->wdd);
	mx->registered = false;
}

/* mei_wdt.c:mei_wdt_unregister_work(); workqueue, no device lock. */
static void meix_unregister_work(struct work_struct *work)
{
	struct meix *mx = container_of(work, struct meix, unregister);

	meix_unregister(mx);
}

/*
 * mei_wdt.c:mei_wdt_rx(), run by bus.c:mei_cl_bus_rx_work(): no device
 * lock.  In the probe state the timer is stopped before the watchdog is
 * registered, without the lock meix_send_cmd() asserts.
 */
static void meix_rx(struct mei_cl_device *cldev)
{
	struct meix *mx = mei_cldev_get_drvdata(cldev);
	struct meix_response res;
	int ret;

	ret = mei_cldev_recv(cldev, (u8 *)&res, sizeof(res));
	if (ret < 0) {
		dev_err(&cldev->dev, "failure in recv %d\n", ret);
		return;
	}

	/* Empty response can be sent on stop */
	if (ret == 0)
		return;

	if (ret < sizeof(struct meix_mc_hdr) ||
	    res.hdr.command != MEIX_MANAGEMENT_CONTROL ||
	    res.hdr.subcommand != MEIX_MC_START_RES) {
		dev_err(&cldev->dev, "unexpected response\n");
		return;
	}

	if (mx->state == MEIX_RUNNING) {
		if (res.wdstate & MEIX_WDSTATE_NOT_REQUIRED) {
			mx->state = MEIX_NOT_REQUIRED;
			schedule_work(&mx->unregister);
		}
		goto out;
	}

	if (mx->state == MEIX_PROBE) {
		if (res.wdstate & MEIX_WDSTATE_NOT_REQUIRED) {
			mx->state = MEIX_NOT_REQUIRED;
		} else {
			/* stop the watchdog and register watchdog device */
			meix_send_cmd(mx, MEIX_MC_STOP_REQ); /* EXPECT: device-lock-required */
			meix_register(mx);
		}
		return;
	}

out:
	if (!completion_done(&mx->response))
		complete(&mx->response);
}

/*
 * mei_wdt.c:mei_wdt_notif(), run by bus.c:mei_cl_bus_notif_work(): no
 * device lock.  That work is cancelled under the device lock on remove,
 * so only a trylock is safe here.
 */
static void meix_notif(struct mei_cl_device *cldev)
{
	struct meix *mx = mei_cldev_get_drvdata(cldev);

	if (mx->state != MEIX_NOT_REQUIRED)
		return;

	if (!device_trylock(&cldev->dev))
		return;

	mx->state = MEIX_PROBE;
	if (!meix_send_cmd(mx, MEIX_MC_STOP_REQ)) /* EXPECT-NONE: device-lock-required */
		meix_register(mx);
	device_unlock(&cldev->dev); /* EXPECT-NONE: lock-imbalance */
}

#if IS_ENABLED(CONFIG_DEBUG_FS)
/* debugfs file ops: called from the VFS, no device lock. */
static ssize_t meix_dbgfs_write_reset(struct file *file,
				      const char __user *ubuf,
				      size_t cnt, loff_t *ppos)
{
	struct meix *mx = file->private_data;

	meix_reset_state(mx->dev); /* EXPECT: device-lock-required */
	return cnt;
}

static const struct file_operations meix_dbgfs_fops_reset = {
	.open	= simple_open,
	.write	= meix_dbgfs_write_reset,
	.llseek	= generic_file_llseek,
};

/* mei_wdt.c:mei_dbgfs_read_state(); reads a single enum, no lock. */
static ssize_t meix_dbgfs_read_state(struct file *file, char __user *ubuf,
				     size_t cnt, loff_t *ppos)
{
	struct meix *mx = file->private_data;
	char buf[32];
	ssize_t pos;

	pos = scnprintf(buf, sizeof(buf), "state: %d\n", mx->state);
	return simple_read_from_buffer(ubuf, cnt, ppos, buf, pos);
}

static const struct file_operations meix_dbgfs_fops_state = {
	.open	= simple_open,
	.read	= meix_dbgfs_read_state,
	.llseek	= generic_file_llseek,
};

static void meix_dbgfs_register(struct meix *mx)
{
	mx->dbgfs_dir = debugfs_create_dir(dev_name(mx->dev), NULL);
	debugfs_create_file("state", 0400, mx->dbgfs_dir, mx,
			    &meix_dbgfs_fops_state);
	debugfs_create_file("reset", 0200, mx->dbgfs_dir, mx,
			    &meix_dbgfs_fops_reset);
}

static void meix_dbgfs_unregister(struct meix *mx)
{
	debugfs_remove_recursive(mx->dbgfs_dir);
	mx->dbgfs_dir = NULL;
}
#else
static inline void meix_dbgfs_register(struct meix *mx) {}
static inline void meix_dbgfs_unregister(struct meix *mx) {}
#endif

/*
 * sysfs store: fs/sysfs/file.c:sysfs_kf_write() -> drivers/base/core.c:
 * dev_attr_store(), no device lock.  Locks like drivers/base/dd.c:
 * coredump_store(), through meix_lock_drvdata(), which returns non-NULL
 * with device_lock(dev) held.
 */
static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct meix *mx;
	bool val;
	int ret;

	ret = kstrtobool(buf, &val);
	if (ret)
		return ret;
	if (!val)
		return count;

	mx = meix_lock_drvdata(dev);
	if (!mx)
		return -ENODEV;

	meix_reset_state(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return count;
}
static DEVICE_ATTR_WO(reset);

/*
 * sysfs store, no device lock on entry.  Shaped like drivers/misc/mei/
 * main.c:tx_queue_limit_store(), but the response timeout path jumps to
 * the unlock after the lock was already dropped.
 */
static ssize_t timeout_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct meix *mx = dev_get_drvdata(dev);
	unsigned int val;
	int ret;

	ret = kstrtouint(buf, 10, &val);
	if (ret)
		return ret;
	if (val < MEIX_MIN_TIMEOUT || val > MEIX_MAX_TIMEOUT)
		return -EINVAL;

	device_lock(dev);
	mx->timeout = val;
	if (mx->state == MEIX_RUNNING) {
		reinit_completion(&mx->response);
		ret = meix_send_cmd(mx, MEIX_MC_START_REQ);
		if (ret)
			goto err_unlock;
	}
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */

	if (mx->resp_required &&
	    !wait_for_completion_timeout(&mx->response, 5 * HZ)) {
		ret = -ETIMEDOUT;
		goto err_unlock;
	}

	return count;

err_unlock:
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return ret;
}

static ssize_t timeout_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct meix *mx = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", mx->timeout);
}
static DEVICE_ATTR_RW(timeout);

static struct attribute *meix_attrs[] = {
	&dev_attr_reset.attr,
	&dev_attr_timeout.attr,
	NULL
};
ATTRIBUTE_GROUPS(meix);

/*
 * The client has no firmware node; it borrows the MEI controller's ACPI
 * companion and takes its DMA setup from there, the way etnaviv_drv.c:
 * etnaviv_pdev_probe() points its own device at a GPU node.  Called from
 * meix_probe() only (device lock of &cldev->dev held by dd.c).
 */
static int meix_setup_dma(struct meix *mx)
{
	struct device *parent = mx->dev->parent;
	struct acpi_device *adev = ACPI_COMPANION(parent);

	if (!adev)
		return 0;

	ACPI_COMPANION_SET(mx->dev, adev);
	return acpi_dma_configure(mx->dev, device_get_dma_attr(parent)); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
}

/*
 * mei_wdt.c:mei_wdt_probe().  device_lock(&cldev->dev) held by dd.c around
 * really_probe() -> bus.c:mei_cl_device_probe().
 */
static int meix_probe(struct mei_cl_device *cldev,
		      const struct mei_cl_device_id *id)
{
	struct meix *mx;
	int ret;

	mx = kzalloc(sizeof(*mx), GFP_KERNEL);
	if (!mx)
		return -ENOMEM;

	mx->timeout = MEIX_DEFAULT_TIMEOUT;
	mx->state = MEIX_PROBE;
	mx->cldev = cldev;
	mx->dev = &cldev->dev;
	mx->resp_required = mei_cldev_ver(cldev) > 0x1;
	init_completion(&mx->response);
	INIT_WORK(&mx->unregister, meix_unregister_work);

	mei_cldev_set_drvdata(cldev, mx);

	ret = meix_setup_dma(mx);
	if (ret)
		goto err_out;

	ret = meix_enable_locked(cldev); /* EXPECT-NONE: device-lock-required */
	if (ret < 0)
		goto err_out;

	ret = mei_cldev_register_rx_cb(cldev, meix_rx);
	if (ret) {
		dev_err(&cldev->dev, "Could not reg rx event ret=%d\n", ret);
		goto err_disable;
	}

	ret = mei_cldev_register_notif_cb(cldev, meix_notif);
	/* on legacy devices notification is not supported */
	if (ret && ret != -EOPNOTSUPP) {
		dev_err(&cldev->dev, "Could not reg notif event ret=%d\n", ret);
		goto err_disable;
	}

	meix_wd_info.firmware_version = mei_cldev_ver(cldev);

	if (mx->resp_required)
		ret = meix_send_cmd(mx, MEIX_MC_START_REQ);
	else
		ret = meix_register(mx);
	if (ret)
		goto err_disable;

	meix_dbgfs_register(mx);
	return 0;

err_disable:
	mei_cldev_disable(cldev);
err_out:
	ACPI_COMPANION_SET(mx->dev, NULL);
	kfree(mx);
	return ret;
}

/*
 * mei_wdt.c:mei_wdt_remove().  device_lock(&cldev->dev) held by dd.c:
 * device_release_driver_internal() around bus.c:mei_cl_device_remove().
 */
static void meix_remove(struct mei_cl_device *cldev)
{
	struct meix *mx = mei_cldev_get_drvdata(cldev);

	/* Free the caller in case of fw initiated or unexpected reset */
	meix_reset_state(&cldev->dev); /* EXPECT-NONE: device-lock-required */

	cancel_work_sync(&mx->unregister);
	meix_unregister(mx);
	mei_cldev_disable(cldev);
	meix_dbgfs_unregister(mx);
	ACPI_COMPANION_SET(mx->dev, NULL);
	kfree(mx);
}

/*
 * System sleep, laid out like drivers/net/can/flexcan/flexcan-core.c
 * (SYSTEM_SLEEP plus NOIRQ ops).  drivers/base/power/main.c:
 * device_suspend() holds device_lock(dev) around dev->driver->pm->suspend
 * (the MEI bus has no pm ops of its own).  The timer is stopped so it does
 * not fire across S3.
 */
static int meix_suspend(struct device *dev)
{
	struct meix *mx = dev_get_drvdata(dev);

	if (mx->state != MEIX_RUNNING)
		return 0;

	return meix_send_cmd(mx, MEIX_MC_STOP_REQ); /* EXPECT-NONE: device-lock-required */
}

/* device_resume() holds device_lock(dev) around ->resume, as above. */
static int meix_resume(struct device *dev)
{
	return meix_enable_locked(to_mei_cl_device(dev));
}

/*
 * power/main.c:device_suspend_noirq() runs ->suspend_noirq without the
 * device lock.  The firmware forgets the watchdog across S3.
 */
static int meix_suspend_noirq(struct device *dev)
{
	meix_reset_state(dev); /* EXPECT: device-lock-required */
	return 0;
}

static const struct dev_pm_ops meix_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(meix_suspend, meix_resume)
	NOIRQ_SYSTEM_SLEEP_PM_OPS(meix_suspend_noirq, NULL)
};

#define MEIX_UUID UUID_LE(0x05B79A6F, 0x4628, 0x4D7F, \
			  0x89, 0x9D, 0xA9, 0x15, 0x14, 0xCB, 0x32, 0xAB)

static const struct mei_cl_device_id meix_tbl[] = {
	{ .uuid = MEIX_UUID, .version = MEI_CL_VERSION_ANY },
	/* required last entry */
	{ }
};
MODULE_DEVICE_TABLE(mei, meix_tbl);

static struct mei_cl_driver meix_driver = {
	.id_table	= meix_tbl,
	.name		= KBUILD_MODNAME,
	.probe		= meix_probe,
	.remove		= meix_remove,
	.driver		= {
		.pm		= pm_sleep_ptr(&meix_pm_ops),
		.dev_groups	= meix_groups,
	},
};

module_mei_cl_driver(meix_driver);

MODULE_DESCRIPTION("meix MEI watchdog client");
MODULE_LICENSE("GPL");
