// SPDX-License-Identifier: GPL-2.0
/*
 * Two ishx client drivers, shaped as drivers/hid/intel-ish-hid/
 * ishtp-hid-client.c (hid_ishtp_cl_probe(), hid_ishtp_cl_remove(),
 * hid_ishtp_cl_reset(), the ->event_cb ish_cl_event_cb()) and
 * drivers/hid/intel-ish-hid/ishtp-fw-loader.c.
 *
 * Slots: ->probe and ->remove run under the client's device lock (bus
 * probe/remove from really_probe() and device_release_driver_internal());
 * ->reset runs from ishx_bus_reset_all() and ->event_cb from
 * ishx_bus_event_work(), neither with the device lock.
 */
#include <linux/module.h>
#include <linux/workqueue.h>
#include "ishx.h"

/* ---- sensor client ---- */

static void ishx_sensor_event(struct ishx_cl_device *cl)
{
	/* a work item (ishx_bus_event_work()): the device lock is not held */
	ishx_cl_flush_locked(cl); /* EXPECT: device-lock-required */
}

static int ishx_sensor_probe(struct ishx_cl_device *cl)
{
	struct device *dev = &cl->dev;
	int ret;

	ret = ishx_cl_set_mode(cl, ISHX_MODE_ON); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	/* the same device, reached through container_of() of the alias */
	ishx_cl_flush_locked(to_ishx_cl(dev)); /* EXPECT-NONE: device-lock-required */
	cl->event_cb = ishx_sensor_event;
	return 0;
}

static void ishx_sensor_remove(struct ishx_cl_device *cl)
{
	cl->event_cb = NULL;
	cl->active = false;
}

static int ishx_sensor_reset(struct ishx_cl_device *cl)
{
	/* from ishx_bus_reset_all(): host->cl_lock only, no device lock */
	return ishx_cl_rebind(cl); /* EXPECT: device-lock-required */
}

static struct ishx_cl_driver ishx_sensor_driver = {
	.driver.name = "ishx-sensor",
	.probe = ishx_sensor_probe,
	.remove = ishx_sensor_remove,
	.reset = ishx_sensor_reset,
};

/* ---- hid client ---- */

struct ishx_hid {
	struct ishx_cl_device *cl;
	struct work_struct poll_work;
	struct work_struct calib_work;
};

static void ishx_hid_event(struct ishx_cl_device *cl)
{
	/* ishx_bus_event_work(), unlocked: the twin takes the lock, if free */
	if (!device_trylock(&cl->dev))
		return;
	ishx_cl_flush_locked(cl); /* EXPECT-NONE: device-lock-required */
	device_unlock(&cl->dev);
}

static void ishx_hid_calib_work(struct work_struct *work)
{
	struct ishx_hid *hid = container_of(work, struct ishx_hid, calib_work);
	struct ishx_cl_device *cl = hid->cl;

	/* ishx_cl_lock_active() returns 0 holding the lock, else without */
	if (ishx_cl_lock_active(cl))
		return;
	ishx_cl_set_mode(cl, ISHX_MODE_BUSY); /* EXPECT-NONE: device-lock-required */
	device_unlock(&cl->dev); /* EXPECT-NONE: lock-imbalance */
}

static void ishx_hid_poll_work(struct work_struct *work)
{
	struct ishx_hid *hid = container_of(work, struct ishx_hid, poll_work);
	struct ishx_cl_device *cl = hid->cl;

	/* the result is not checked: the unlock may drop a lock not taken */
	ishx_cl_lock_active(cl);
	WRITE_ONCE(cl->mode, ISHX_MODE_ON);
	device_unlock(&cl->dev); /* EXPECT: lock-imbalance */
}

static int ishx_hid_probe(struct ishx_cl_device *cl)
{
	struct ishx_hid *hid;

	hid = devm_kzalloc(&cl->dev, sizeof(*hid), GFP_KERNEL);
	if (!hid)
		return -ENOMEM;
	hid->cl = cl;
	INIT_WORK(&hid->poll_work, ishx_hid_poll_work);
	INIT_WORK(&hid->calib_work, ishx_hid_calib_work);
	dev_set_drvdata(&cl->dev, hid);
	cl->event_cb = ishx_hid_event;
	schedule_work(&hid->calib_work);
	schedule_work(&hid->poll_work);
	return 0;
}

static void ishx_hid_remove(struct ishx_cl_device *cl)
{
	struct ishx_hid *hid = dev_get_drvdata(&cl->dev);

	cancel_work_sync(&hid->poll_work);
	cancel_work_sync(&hid->calib_work);

	/*
	 * device_release_driver_internal() already holds this lock around
	 * bus_type.remove: a second device_lock() of it deadlocks.
	 */
	device_lock(&cl->dev); /* EXPECT: lock-imbalance */
	cl->active = false;
	device_unlock(&cl->dev);
}

static int ishx_hid_reset(struct ishx_cl_device *cl)
{
	int ret;

	/* from ishx_bus_reset_all() as well: the twin takes the lock */
	ret = device_lock_interruptible(&cl->dev);
	if (ret)
		return ret;
	ret = ishx_cl_rebind(cl); /* EXPECT-NONE: device-lock-required */
	device_unlock(&cl->dev);
	return ret;
}

static struct ishx_cl_driver ishx_hid_driver = {
	.driver.name = "ishx-hid",
	.probe = ishx_hid_probe,
	.remove = ishx_hid_remove,
	.reset = ishx_hid_reset,
};

int ishx_client_init(void)
{
	int ret;

	ret = ishx_cl_driver_register(&ishx_sensor_driver);
	if (ret)
		return ret;
	ret = ishx_cl_driver_register(&ishx_hid_driver);
	if (ret)
		ishx_cl_driver_unregister(&ishx_sensor_driver);
	return ret;
}

void ishx_client_exit(void)
{
	ishx_cl_driver_unregister(&ishx_hid_driver);
	ishx_cl_driver_unregister(&ishx_sensor_driver);
}
