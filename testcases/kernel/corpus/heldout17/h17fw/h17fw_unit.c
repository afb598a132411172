// SPDX-License-Identifier: GPL-2.0
/*
 * h17fw - IEEE 1394 unit driver (fw_driver on fw_bus_type).
 *
 * Callback facts checked in linux-source-6.12:
 *  - fw_driver.probe: drivers/firewire/core-device.c:fw_unit_probe() is
 *    fw_bus_type.probe, called by drivers/base/dd.c:really_probe() via
 *    call_driver_probe(); its callers __driver_attach() and
 *    __device_attach() hold device_lock(&unit->device).  fw_unit_type has
 *    no need_parent_lock, so the parent fw_device is NOT locked.
 *  - fw_driver.update: core-device.c:update_unit() does
 *    device_lock(dev); driver->update(unit); device_unlock(dev).
 *  - fw_driver.remove: core-device.c:fw_unit_remove() is
 *    fw_bus_type.remove, called by dd.c:device_remove() from
 *    __device_release_driver(), which runs under device_lock(dev).
 *  - work items on fw_workqueue, timers and sysfs show/store
 *    (drivers/base/core.c:dev_attr_show()/dev_attr_store()) hold no
 *    device lock.
 */
#include <linux/device.h>
#include <linux/firewire.h>
#include <linux/firewire-constants.h>
#include <linux/jiffies.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include "h17fw.h"

/*
 * Static helper without a contract of its own; its only caller is
 * h17fw_probe(), which holds the unit's lock but not the parent's.
 * Imitates sbp2.c:sbp2_probe() reaching fw_parent_device(unit).
 */
static int h17fw_parent_dma_prepare(struct h17fw_unit *hu)
{
	int ret;

	ret = of_dma_configure(&hu->fwdev->device, hu->dma_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required @h17fw_parent */
	if (!ret)
		hu->parent_ready = true;

	return ret;
}

/*
 * Like sbp2.c:sbp2_send_management_orb(): a quadlet write to the unit.
 * Called from sysfs (no lock held); takes the unit's lock itself.
 */
static int h17fw_send_cmd(struct h17fw_unit *hu, u32 cmd)
{
	__be32 data = cpu_to_be32(cmd);
	int rcode;

	device_lock(hu->dev);
	if (hu->gone)
		return -ENODEV; /* EXPECT: lock-imbalance @h17fw_cmd */

	rcode = fw_run_transaction(hu->fwdev->card, TCODE_WRITE_QUADLET_REQUEST,
				   hu->node_id, hu->generation,
				   hu->fwdev->max_speed, H17FW_CSR_COMMAND,
				   &data, 4);
	device_unlock(hu->dev);

	return rcode == RCODE_COMPLETE ? 0 : -EIO;
}

/* Twin of h17fw_send_cmd() that drops the lock on every path. */
static int h17fw_read_status(struct h17fw_unit *hu, u32 *status)
{
	__be32 data;
	int rcode, ret = 0;

	device_lock(hu->dev);
	if (hu->gone) {
		ret = -ENODEV;
		goto out;
	}

	rcode = fw_run_transaction(hu->fwdev->card, TCODE_READ_QUADLET_REQUEST,
				   hu->node_id, hu->generation,
				   hu->fwdev->max_speed, H17FW_CSR_STATUS,
				   &data, 4);
	if (rcode != RCODE_COMPLETE)
		ret = -EIO;
	else
		*status = be32_to_cpu(data);
out:
	device_unlock(hu->dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Login work, like sbp2.c:sbp2_login() queued on fw_workqueue: a work
 * item, no device lock held on entry.
 */
static void h17fw_login_work(struct work_struct *work)
{
	struct h17fw_unit *hu = container_of(to_delayed_work(work),
					     struct h17fw_unit, login_work);
	int ret;

	ret = h17fw_trylock_unit(hu);
	if (ret == -EBUSY) {
		queue_delayed_work(fw_workqueue, &hu->login_work,
				   msecs_to_jiffies(10));
		return;
	}
	if (ret)
		return;

	/* h17fw_trylock_unit() returned 0: hu->dev is locked */
	ret = h17fw_rom_refresh_locked(hu->dev); /* EXPECT-NONE: device-lock-required */
	if (!ret && hu->dma_np && !hu->dma_ready)
		ret = h17fw_dma_setup(hu->dev, hu->dma_np); /* EXPECT-NONE: device-lock-required */
	device_unlock(hu->dev); /* EXPECT-NONE: lock-imbalance */

	if (ret) {
		dev_warn(hu->dev, "login failed: %d\n", ret);
		return;
	}

	/*
	 * The parent fw_device belongs to the fw core: lock it before
	 * touching its DMA setup.  No lock is held by this work.
	 */
	if (hu->dma_np && !hu->parent_ready) {
		device_lock(&hu->fwdev->device);
		ret = of_dma_configure(&hu->fwdev->device, hu->dma_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		if (!ret)
			hu->parent_ready = true;
		device_unlock(&hu->fwdev->device);
	}

	mod_timer(&hu->watchdog, jiffies + msecs_to_jiffies(H17FW_WATCHDOG_MS));
}

/*
 * Reconnect work, like sbp2.c:sbp2_reconnect(): queued by the watchdog
 * timer below, runs on fw_workqueue with no lock held until the guard.
 */
static void h17fw_reset_work(struct work_struct *work)
{
	struct h17fw_unit *hu = container_of(work, struct h17fw_unit,
					     reset_work);
	int generation = READ_ONCE(hu->fwdev->generation);
	int ret;

	h17fw_reset_generation_locked(hu->dev, generation); /* EXPECT: device-lock-required */
	if (hu->dma_np && !hu->dma_ready)
		h17fw_dma_setup(hu->dev, hu->dma_np); /* EXPECT: device-lock-required */

	guard(device)(hu->dev);
	if (hu->gone)
		return; /* EXPECT-NONE: lock-imbalance */

	ret = h17fw_rom_refresh_locked(hu->dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		dev_dbg(hu->dev, "ROM re-read failed after reset: %d\n", ret);
}

/* Timer callback (softirq), no device lock held. */
static void h17fw_watchdog(struct timer_list *t)
{
	struct h17fw_unit *hu = from_timer(hu, t, watchdog);

	if (h17fw_generation_stale_locked(hu->dev)) /* EXPECT: device-lock-required */
		queue_work(fw_workqueue, &hu->reset_work);
	else
		mod_timer(&hu->watchdog,
			  jiffies + msecs_to_jiffies(H17FW_WATCHDOG_MS));
}

/* sysfs: show/store are called by dev_attr_show()/dev_attr_store(), no lock. */
static ssize_t rescan_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct fw_unit *unit = fw_unit(dev);
	struct h17fw_unit *hu = dev_get_drvdata(dev);
	int ret = 0;

	scoped_guard(device, &unit->device)
		ret = h17fw_rom_refresh_locked(dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	h17fw_reset_generation_locked(dev, READ_ONCE(hu->fwdev->generation)); /* EXPECT: device-lock-required */

	return count;
}
static DEVICE_ATTR_WO(rescan);

static ssize_t rom_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct h17fw_unit *hu = dev_get_drvdata(dev);
	ssize_t len = 0;
	int i, ret;

	ret = h17fw_trylock_unit_ready(hu);
	if (ret)
		return ret; /* EXPECT: lock-imbalance @h17fw_ready */

	/* success: h17fw_trylock_unit_ready() left hu->dev locked */
	if (h17fw_generation_stale_locked(dev)) /* EXPECT-NONE: device-lock-required */
		len = sysfs_emit(buf, "stale\n");
	else
		for (i = 0; i < H17FW_ROM_QUADLETS; i++)
			len += sysfs_emit_at(buf, len, "%08x\n", hu->rom[i]);
	device_unlock(hu->dev); /* EXPECT-NONE: lock-imbalance */

	return len;
}
static DEVICE_ATTR_RO(rom);

static ssize_t generation_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct h17fw_unit *hu = dev_get_drvdata(dev);
	bool stale;
	int gen;

	/* hu->dev was saved as &unit->device == dev in h17fw_probe() */
	device_lock(hu->dev);
	stale = h17fw_generation_stale_locked(dev); /* EXPECT-NONE: device-lock-required */
	gen = hu->generation;
	device_unlock(hu->dev);

	return sysfs_emit(buf, "%d%s\n", gen, stale ? " (stale)" : "");
}
static DEVICE_ATTR_RO(generation);

static ssize_t command_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct h17fw_unit *hu = dev_get_drvdata(dev);
	u32 cmd;
	int ret;

	ret = kstrtou32(buf, 0, &cmd);
	if (ret)
		return ret;

	ret = h17fw_send_cmd(hu, cmd);

	return ret ? ret : count; /* EXPECT: lock-imbalance @h17fw_cmd */
}
static DEVICE_ATTR_WO(command);

static ssize_t status_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct h17fw_unit *hu = dev_get_drvdata(dev);
	u32 status;
	int ret;

	ret = h17fw_read_status(hu, &status);
	if (ret)
		return ret;

	return sysfs_emit(buf, "0x%08x\n", status);
}
static DEVICE_ATTR_RO(status);

static struct attribute *h17fw_attrs[] = {
	&dev_attr_rescan.attr,
	&dev_attr_rom.attr,
	&dev_attr_generation.attr,
	&dev_attr_command.attr,
	&dev_attr_status.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h17fw);

/*
 * fw_driver.probe, like sbp2.c:sbp2_probe() / oxfw.c:oxfw_probe().
 * Called through core-device.c:fw_unit_probe() from dd.c:really_probe()
 * with device_lock(&unit->device) held; the parent fw_device is not locked.
 */
static int h17fw_probe(struct fw_unit *unit,
		       const struct ieee1394_device_id *id)
{
	struct fw_device *fwdev = fw_parent_device(unit);
	struct h17fw_unit *hu;
	int ret;

	hu = devm_kzalloc(&unit->device, sizeof(*hu), GFP_KERNEL);
	if (!hu)
		return -ENOMEM;

	hu->unit = fw_unit_get(unit);
	hu->dev = &unit->device;
	hu->fwdev = fwdev;
	hu->quirks = id->driver_data;
	hu->generation = fwdev->generation;
	smp_rmb();	/* node_id must not be older than generation */
	hu->node_id = fwdev->node_id;
	hu->dma_np = of_node_get(fwdev->card->device->of_node);
	INIT_DELAYED_WORK(&hu->login_work, h17fw_login_work);
	INIT_WORK(&hu->reset_work, h17fw_reset_work);
	timer_setup(&hu->watchdog, h17fw_watchdog, 0);
	dev_set_drvdata(&unit->device, hu);

	if (hu->dma_np) {
		ret = h17fw_dma_setup(&unit->device, hu->dma_np); /* EXPECT-NONE: device-lock-required */
		if (ret)
			goto fail;

		if (hu->quirks & H17FW_QUIRK_PARENT_DMA) {
			ret = h17fw_parent_dma_prepare(hu); /* EXPECT: device-lock-required @h17fw_parent */
			if (ret)
				goto fail;
		}
	}

	ret = h17fw_rom_refresh_locked(&unit->device); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto fail;

	queue_delayed_work(fw_workqueue, &hu->login_work, 0);

	return 0;

fail:
	of_node_put(hu->dma_np);
	fw_unit_put(hu->unit);
	return ret;
}

/*
 * fw_driver.update, like sbp2.c:sbp2_update() / oxfw.c:oxfw_bus_reset().
 * core-device.c:update_unit() holds device_lock(&unit->device) around it.
 */
static void h17fw_update(struct fw_unit *unit)
{
	struct h17fw_unit *hu = dev_get_drvdata(&unit->device);
	struct fw_device *fwdev = fw_parent_device(unit);

	if (!h17fw_generation_stale_locked(&unit->device)) /* EXPECT-NONE: device-lock-required */
		return;

	h17fw_reset_generation_locked(&unit->device, fwdev->generation); /* EXPECT-NONE: device-lock-required */
	fw_device_enable_phys_dma(fwdev);
	mod_delayed_work(fw_workqueue, &hu->login_work, 0);
}

/*
 * fw_driver.remove, like sbp2.c:sbp2_remove().  Called through
 * core-device.c:fw_unit_remove() under device_lock(&unit->device).
 */
static void h17fw_remove(struct fw_unit *unit)
{
	struct h17fw_unit *hu = dev_get_drvdata(&unit->device);

	hu->gone = true;
	timer_delete_sync(&hu->watchdog);
	cancel_delayed_work_sync(&hu->login_work);
	cancel_work_sync(&hu->reset_work);

	h17fw_dma_teardown(&unit->device); /* EXPECT-NONE: device-lock-required */

	of_node_put(hu->dma_np);
	fw_unit_put(hu->unit);
}

static const struct ieee1394_device_id h17fw_id_table[] = {
	{
		.match_flags	= IEEE1394_MATCH_SPECIFIER_ID |
				  IEEE1394_MATCH_VERSION,
		.specifier_id	= 0x00609e,
		.version	= 0x010483,
	},
	{
		.match_flags	= IEEE1394_MATCH_VENDOR_ID |
				  IEEE1394_MATCH_SPECIFIER_ID |
				  IEEE1394_MATCH_VERSION,
		.vendor_id	= 0x0001f2,
		.specifier_id	= 0x00609e,
		.version	= 0x010483,
		.driver_data	= H17FW_QUIRK_PARENT_DMA,
	},
	{ }
};
MODULE_DEVICE_TABLE(ieee1394, h17fw_id_table);

static struct fw_driver h17fw_driver = {
	.driver   = {
		.owner		= THIS_MODULE,
		.name		= KBUILD_MODNAME,
		.bus		= &fw_bus_type,
		.dev_groups	= h17fw_groups,
	},
	.probe    = h17fw_probe,
	.update   = h17fw_update,
	.remove   = h17fw_remove,
	.id_table = h17fw_id_table,
};

static int __init h17fw_init(void)
{
	return driver_register(&h17fw_driver.driver);
}

static void __exit h17fw_exit(void)
{
	driver_unregister(&h17fw_driver.driver);
}

module_init(h17fw_init);
module_exit(h17fw_exit);

MODULE_DESCRIPTION("h17 IEEE 1394 bridge unit driver");
MODULE_LICENSE("GPL");
