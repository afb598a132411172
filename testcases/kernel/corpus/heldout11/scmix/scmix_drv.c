// SPDX-License-Identifier: GPL-2.0
/*
 * scmix_drv.c - the scmix SCMI driver: probe, remove, system-sleep resume,
 * two notifier blocks and three works, shaped on drivers/firmware/arm_scmi/
 * scmi_power_control.c (scmi_syspower_probe(), scmi_userspace_notifier(),
 * scmi_suspend_work_func(), scmi_system_power_resume()).
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/pm.h>
#include <linux/scmi_protocol.h>
#include "scmix.h"

/*
 * Notifier registered by notify_ops->devm_event_notifier_register():
 * drivers/firmware/arm_scmi/notify.c:scmi_lookup_and_call_event_chain()
 * calls it, from the notification work scmi_events_dispatcher() only, with
 * no device lock.  Shaped on scmi_power_control.c:scmi_userspace_notifier().
 */
static int scmix_sys_notifier(struct notifier_block *nb, unsigned long event,
			      void *data)
{
	struct scmi_system_power_state_notifier_report *er = data;
	struct scmix_conf *sc = container_of(nb, struct scmix_conf, sys_nb);

	if (er->system_state >= SCMI_SYSTEM_MAX)
		return NOTIFY_DONE;

	mutex_lock(&sc->state_mtx);
	if (sc->state) {
		mutex_unlock(&sc->state_mtx);
		return NOTIFY_DONE; /* EXPECT-NONE: lock-imbalance */
	}
	sc->state = er->system_state;
	mutex_unlock(&sc->state_mtx);

	scmix_lib_sync(sc->dev); /* EXPECT: device-lock-required */
	schedule_work(&sc->suspend_work);
	return NOTIFY_OK;
}

/*
 * Second notifier, same caller (scmi_events_dispatcher(), no device lock),
 * taking the SCMI device's lock by scoped_guard(), as drivers/cxl/pmem.c:
 * detach_nvdimm() does.
 */
static int scmix_pwr_notifier(struct notifier_block *nb, unsigned long event,
			      void *data)
{
	struct scmi_power_state_changed_report *r = data;
	struct scmix_conf *sc = container_of(nb, struct scmix_conf, pwr_nb);

	if (r->domain_id)
		return NOTIFY_DONE;

	scoped_guard(device, sc->dev)
		scmix_lib_sync(sc->dev); /* EXPECT-NONE: device-lock-required */
	schedule_work(&sc->regroup_work);
	return NOTIFY_OK;
}

/*
 * Work item (kernel/workqueue.c:process_one_work(), no device lock), as
 * scmi_power_control.c:scmi_suspend_work_func().
 */
static void scmix_suspend_work(struct work_struct *work)
{
	struct scmix_conf *sc = container_of(work, struct scmix_conf, suspend_work);

	scmix_lib_teardown_locked(sc->dev); /* EXPECT: device-lock-required */
}

/*
 * Work item (process_one_work(), no device lock) locking the device itself;
 * its error path unlocks, then falls into the common unlock again.
 */
static void scmix_regroup_work(struct work_struct *work)
{
	struct scmix_conf *sc = container_of(work, struct scmix_conf, regroup_work);
	int ret;

	device_lock(sc->dev);
	ret = scmix_lib_sync(sc->dev); /* EXPECT-NONE: device-lock-required */
	if (ret) {
		device_unlock(sc->dev);
		goto out;
	}
	scmix_lib_teardown_locked(sc->dev); /* EXPECT-NONE: device-lock-required */
out:
	device_unlock(sc->dev); /* EXPECT: lock-imbalance */
	scmix_mem_regroup(sc);
}

/*
 * Work item (process_one_work(), no device lock), queued by scmix_resume():
 * the twin of the one above, its error path going straight to the one
 * unlock.
 */
static void scmix_resync_work(struct work_struct *work)
{
	struct scmix_conf *sc = container_of(work, struct scmix_conf, resync_work);
	int ret;

	device_lock(sc->dev);
	ret = scmix_lib_sync(sc->dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto out;
	scmix_lib_teardown_locked(sc->dev); /* EXPECT-NONE: device-lock-required */
out:
	device_unlock(sc->dev); /* EXPECT-NONE: lock-imbalance */
}

/*
 * scmi_driver.probe: drivers/firmware/arm_scmi/bus.c:scmi_dev_probe() is
 * scmi_bus_type.probe, which drivers/base/dd.c:really_probe() calls under
 * device_lock(&sdev->dev).  Shaped on scmi_power_control.c:
 * scmi_syspower_probe().
 */
static int scmix_probe(struct scmi_device *sdev)
{
	const struct scmi_handle *handle = sdev->handle;
	struct scmix_conf *sc;
	int ret;

	if (!handle)
		return -ENODEV;

	sc = devm_kzalloc(&sdev->dev, sizeof(*sc), GFP_KERNEL);
	if (!sc)
		return -ENOMEM;

	sc->dev = &sdev->dev;
	sc->sdev = sdev;
	mutex_init(&sc->state_mtx);
	INIT_WORK(&sc->suspend_work, scmix_suspend_work);
	INIT_WORK(&sc->regroup_work, scmix_regroup_work);
	INIT_WORK(&sc->resync_work, scmix_resync_work);
	sc->sys_nb.notifier_call = scmix_sys_notifier;
	sc->pwr_nb.notifier_call = scmix_pwr_notifier;
	dev_set_drvdata(&sdev->dev, sc);

	ret = scmix_lib_sync(&sdev->dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	ret = scmix_mem_create(sc); /* EXPECT: device-lock-required @scmixfw */
	if (ret)
		return ret;
	ret = scmix_mem_regroup(sc);
	if (ret)
		goto err_mem;

	ret = handle->notify_ops->devm_event_notifier_register(sdev,
				SCMI_PROTOCOL_SYSTEM,
				SCMI_EVENT_SYSTEM_POWER_STATE_NOTIFIER,
				NULL, &sc->sys_nb);
	if (ret)
		goto err_mem;
	ret = handle->notify_ops->devm_event_notifier_register(sdev,
				SCMI_PROTOCOL_POWER,
				SCMI_EVENT_POWER_STATE_CHANGED,
				NULL, &sc->pwr_nb);
	if (ret)
		goto err_mem;
	return 0;

err_mem:
	scmix_mem_destroy(sc);
	return ret;
}

/*
 * scmi_driver.remove: bus.c:scmi_dev_remove() is scmi_bus_type.remove,
 * called by drivers/base/dd.c:device_remove() from
 * __device_release_driver() under device_lock(&sdev->dev).
 */
static void scmix_remove(struct scmi_device *sdev)
{
	struct scmix_conf *sc = dev_get_drvdata(&sdev->dev);

	cancel_work_sync(&sc->suspend_work);
	scmix_lib_teardown_locked(&sdev->dev); /* EXPECT-NONE: device-lock-required */
	scmix_mem_destroy(sc);
}

/*
 * System sleep .resume through driver.pm (scmi_bus_type has no pm ops):
 * drivers/base/power/main.c:device_resume() runs it under device_lock(dev).
 * Shaped on scmi_power_control.c:scmi_system_power_resume().
 */
static int scmix_resume(struct device *dev)
{
	struct scmix_conf *sc = dev_get_drvdata(dev);

	sc->state = 0;
	schedule_work(&sc->resync_work);
	return scmix_lib_sync(dev); /* EXPECT-NONE: device-lock-required */
}

static const struct dev_pm_ops scmix_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(NULL, scmix_resume)
};

static const struct scmi_device_id scmix_id_table[] = {
	{ SCMI_PROTOCOL_SYSTEM, "scmix" },
	{ },
};
MODULE_DEVICE_TABLE(scmi, scmix_id_table);

static struct scmi_driver scmix_driver = {
	.driver = {
		.pm = pm_sleep_ptr(&scmix_pm_ops),
	},
	.name = "scmix",
	.probe = scmix_probe,
	.remove = scmix_remove,
	.id_table = scmix_id_table,
};
module_scmi_driver(scmix_driver);

MODULE_DESCRIPTION("iommu-lockcheck corpus: SCMI protocol driver");
MODULE_LICENSE("GPL");
