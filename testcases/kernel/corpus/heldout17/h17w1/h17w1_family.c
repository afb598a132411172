// SPDX-License-Identifier: GPL-2.0
/*
 * h17w1 - 1-Wire family driver for a battery monitor with two function
 * cells (an EEPROM window and a current-sense engine).
 *
 * Callback facts checked in linux-source-6.12:
 *  - w1_family_ops.add_slave: drivers/w1/w1.c:__w1_attach_slave_device()
 *    calls device_register(&sl->dev) and only afterwards
 *    w1_family_notify(BUS_NOTIFY_ADD_DEVICE, sl), which calls
 *    fops->add_slave(sl).  The slave's device lock is not held (w1 takes
 *    no device_lock() anywhere; sl->dev.driver is preset, so the driver
 *    core's __device_attach() only binds it and returns).
 *  - w1_family_ops.remove_slave: w1.c:w1_unref_slave() calls
 *    w1_family_notify(BUS_NOTIFY_DEL_DEVICE, sl) -> fops->remove_slave()
 *    with master->list_mutex held and no device lock.
 *  - fops->groups: created by w1_family_notify() with
 *    sysfs_create_groups(&sl->dev.kobj, ...); show/store run through
 *    drivers/base/core.c:dev_attr_show()/dev_attr_store(), no lock.
 *  - PM notifier: kernel/power/main.c:pm_notifier_call_chain_robust() /
 *    pm_notifier_call_chain() run the blocking chain, no device lock.
 *  - delayed works: no lock.
 */
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/suspend.h>
#include <linux/sysfs.h>
#include <linux/w1.h>
#include <linux/workqueue.h>

#include "h17w1.h"

static void h17w1_monitor_work(struct work_struct *work)
{
	struct h17w1_slave *ws = container_of(to_delayed_work(work),
					      struct h17w1_slave,
					      monitor_work);
	int ret;

	/* like ds2760_battery.c:ds2760_battery_work(), a plain work item */
	device_lock(ws->dev);
	ret = h17w1_read_status_locked(ws->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(ws->dev);
	if (ret)
		dev_dbg(ws->dev, "status read failed: %d\n", ret);

	/* saved pointer to the cell created in add_slave */
	if (ws->eeprom) {
		device_lock(&ws->eeprom->dev);
		h17w1_cell_sync_locked(&ws->eeprom->dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(&ws->eeprom->dev);
	}

	/* fully charged: recalibrate once the current has settled */
	if (!ret && ws->raw[1] & 0x80)
		mod_delayed_work(system_wq, &ws->charged_work, 20 * HZ);

	schedule_delayed_work(&ws->monitor_work, 60 * HZ);
}

/* like ds2760_battery.c:ds2760_battery_set_charged_work() */
static void h17w1_charged_work(struct work_struct *work)
{
	struct h17w1_slave *ws = container_of(to_delayed_work(work),
					      struct h17w1_slave,
					      charged_work);

	device_lock(ws->dev);
	ws->thresholds[1] = ws->raw[4];
	ws->config_dirty = true;
	h17w1_slave_apply_config(ws->dev); /* EXPECT-NONE: device-lock-required */
	/* the slave's lock is held here, not the sense cell's */
	if (ws->sense)
		h17w1_cell_sync_locked(&ws->sense->dev); /* EXPECT: device-lock-required */
	device_unlock(ws->dev);
}

/* like ds2760_battery.c:ds2760_pm_notifier(), called with no device lock */
static int h17w1_pm_notifier(struct notifier_block *nb, unsigned long event,
			     void *unused)
{
	struct h17w1_slave *ws = container_of(nb, struct h17w1_slave, pm_nb);

	switch (event) {
	case PM_HIBERNATION_PREPARE:
	case PM_SUSPEND_PREPARE:
		cancel_delayed_work_sync(&ws->monitor_work);
		break;

	case PM_POST_RESTORE:
	case PM_POST_HIBERNATION:
	case PM_POST_SUSPEND:
		scoped_guard(device, ws->dev)
			h17w1_slave_apply_config(ws->dev); /* EXPECT-NONE: device-lock-required */
		schedule_delayed_work(&ws->monitor_work, HZ);
		break;

	default:
		break;
	}

	return NOTIFY_DONE;
}

/* sysfs, through dev_attr_show()/dev_attr_store(): no lock held */
static ssize_t thresholds_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct w1_slave *sl = container_of(dev, struct w1_slave, dev);
	struct h17w1_slave *ws = sl->family_data;
	u8 lo, hi;
	int ret;

	if (sscanf(buf, "%hhu %hhu", &lo, &hi) != 2)
		return -EINVAL;

	if (!device_trylock(dev))
		return -EBUSY;

	ws->thresholds[0] = lo;
	ws->thresholds[1] = hi;
	ws->config_dirty = true;
	ret = h17w1_slave_apply_config(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : count;
}

static ssize_t thresholds_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct w1_slave *sl = container_of(dev, struct w1_slave, dev);
	struct h17w1_slave *ws = sl->family_data;

	return sysfs_emit(buf, "%u %u\n", ws->thresholds[0], ws->thresholds[1]);
}
static DEVICE_ATTR_RW(thresholds);

static ssize_t raw_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct w1_slave *sl = container_of(dev, struct w1_slave, dev);
	struct h17w1_slave *ws = sl->family_data;
	bool locked;
	int ret;

	/* best effort: read even if somebody else holds the lock */
	locked = device_trylock(dev);
	ret = h17w1_read_status_locked(dev); /* EXPECT: device-lock-required */
	if (locked)
		device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	if (ret)
		return ret;

	return sysfs_emit(buf, "%*phN\n", H17W1_DATA_SIZE, ws->raw);
}
static DEVICE_ATTR_RO(raw);

static struct attribute *h17w1_attrs[] = {
	&dev_attr_thresholds.attr,
	&dev_attr_raw.attr,
	NULL,
};

static const struct attribute_group h17w1_group = {
	.attrs = h17w1_attrs,
};

static const struct attribute_group *h17w1_groups[] = {
	&h17w1_group,
	NULL,
};

/*
 * w1_family_ops.add_slave, like ds2760_battery.c:w1_ds2760_add_slave().
 * Called from w1.c:w1_family_notify() after device_register(), with no
 * device lock held.
 */
static int h17w1_add_slave(struct w1_slave *sl)
{
	struct device *dev = &sl->dev;
	struct device_node *np;
	struct h17w1_slave *ws;
	int ret;

	ws = devm_kzalloc(dev, sizeof(*ws), GFP_KERNEL);
	if (!ws)
		return -ENOMEM;

	ws->sl = sl;
	ws->dev = dev;
	ws->thresholds[0] = 10;
	ws->thresholds[1] = 95;
	ws->config_dirty = true;
	INIT_DELAYED_WORK(&ws->monitor_work, h17w1_monitor_work);
	INIT_DELAYED_WORK(&ws->charged_work, h17w1_charged_work);
	sl->family_data = ws;

	ret = h17w1_slave_apply_config(dev); /* EXPECT: device-lock-required */
	if (ret)
		dev_warn(dev, "initial config not written: %d\n", ret);

	/*
	 * EEPROM window: allocated here and configured before it is added,
	 * as s5p_mfc.c:s5p_mfc_alloc_memdev() does, without locking it.
	 */
	np = of_get_child_by_name(dev->of_node, "eeprom");
	if (np) {
		ret = -ENOMEM;
		ws->eeprom = platform_device_alloc("h17w1-eeprom",
						   PLATFORM_DEVID_AUTO);
		if (ws->eeprom) {
			ws->eeprom->dev.parent = dev;
			device_set_node(&ws->eeprom->dev,
					of_fwnode_handle(of_node_get(np)));
			ret = of_dma_configure(&ws->eeprom->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
			if (!ret)
				ret = platform_device_add(ws->eeprom);
			if (ret) {
				platform_device_put(ws->eeprom);
				ws->eeprom = NULL;
			}
		}
		of_node_put(np);
		if (ret)
			return ret;
	}

	/* current-sense engine: h17w1_cell_add() locks the new cell */
	np = of_get_child_by_name(dev->of_node, "sense");
	if (np) {
		ws->sense = h17w1_cell_add(dev, "h17w1-sense", np);
		of_node_put(np);
		if (IS_ERR(ws->sense)) {
			ret = PTR_ERR(ws->sense);
			ws->sense = NULL;
			goto fail_eeprom;
		}
	}

	ws->pm_nb.notifier_call = h17w1_pm_notifier;
	ret = register_pm_notifier(&ws->pm_nb);
	if (ret)
		goto fail_sense;

	schedule_delayed_work(&ws->monitor_work, HZ);

	return 0;

fail_sense:
	if (ws->sense)
		platform_device_unregister(ws->sense);
fail_eeprom:
	if (ws->eeprom)
		platform_device_unregister(ws->eeprom);
	return ret;
}

/*
 * w1_family_ops.remove_slave, like w1_ds2760_remove_slave().  Called
 * from w1.c:w1_unref_slave() with master->list_mutex held, no device lock.
 */
static void h17w1_remove_slave(struct w1_slave *sl)
{
	struct h17w1_slave *ws = sl->family_data;

	unregister_pm_notifier(&ws->pm_nb);
	cancel_delayed_work_sync(&ws->monitor_work);
	cancel_delayed_work_sync(&ws->charged_work);

	scoped_guard(device, &sl->dev) {
		ws->thresholds[0] = 0;
		ws->thresholds[1] = 100;
		ws->config_dirty = true;
		h17w1_slave_apply_config(&sl->dev); /* EXPECT-NONE: device-lock-required */
	}

	if (ws->sense)
		platform_device_unregister(ws->sense);
	if (ws->eeprom)
		platform_device_unregister(ws->eeprom);
}

static const struct w1_family_ops h17w1_fops = {
	.add_slave	= h17w1_add_slave,
	.remove_slave	= h17w1_remove_slave,
	.groups		= h17w1_groups,
};

static const struct of_device_id h17w1_of_ids[] = {
	{ .compatible = "h17,w1-battery" },
	{ }
};

static struct w1_family h17w1_family = {
	.fid		= H17W1_FAMILY_ID,
	.fops		= &h17w1_fops,
	.of_match_table	= h17w1_of_ids,
};

static int __init h17w1_init(void)
{
	int ret;

	ret = h17w1_master_register();
	if (ret)
		return ret;

	ret = w1_register_family(&h17w1_family);
	if (ret)
		h17w1_master_unregister();

	return ret;
}

static void __exit h17w1_exit(void)
{
	w1_unregister_family(&h17w1_family);
	h17w1_master_unregister();
}

module_init(h17w1_init);
module_exit(h17w1_exit);

MODULE_DESCRIPTION("h17 1-Wire battery monitor and GPIO bus master");
MODULE_LICENSE("GPL");
