// SPDX-License-Identifier: GPL-2.0
/*
 * hidx hub control: feature reports, the helpers whose callers hold the
 * hub's HID device lock, the event work and the hub's sysfs attributes.
 *
 * Shapes: drivers/hid/hid-sensor-hub.c:sensor_hub_set_feature() and
 * sensor_hub_get_feature() (feature I/O under a mutex), drivers/pci/pci.c:
 * pci_dev_trylock() (a work that tries the device lock),
 * drivers/usb/core/sysfs.c (attributes under device_lock_interruptible()).
 */
#include <linux/device.h>
#include <linux/hid.h>
#include <linux/kstrtox.h>
#include <linux/sysfs.h>

#include "hidx.h"

/* Feature report I/O, serialised by hub->cfg_lock. */
static int hidx_hub_set_feature(struct hidx_hub *hub, u8 id, u8 val)
{
	int ret;

	mutex_lock(&hub->cfg_lock);
	hub->buf[0] = id;
	hub->buf[1] = val;
	ret = hid_hw_raw_request(hub->hdev, id, hub->buf, 2, HID_FEATURE_REPORT,
				 HID_REQ_SET_REPORT);
	if (ret < 0)
		goto out;
	ret = 0;
out:
	mutex_unlock(&hub->cfg_lock);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/*
 * The read side, as sensor_hub_get_feature(), but the short-read return
 * leaves hub->cfg_lock held while the other returns release it.  Its only
 * caller is rate_show(), which inherits the imbalance (one site).
 */
static int hidx_hub_get_feature(struct hidx_hub *hub, u8 id, u8 *val)
{
	int ret;

	mutex_lock(&hub->cfg_lock);
	hub->buf[0] = id;
	ret = hid_hw_raw_request(hub->hdev, id, hub->buf, 2, HID_FEATURE_REPORT,
				 HID_REQ_GET_REPORT);
	if (ret < 2)
		return ret < 0 ? ret : -EIO; /* EXPECT: lock-imbalance @hidx_get_feature */

	*val = hub->buf[1];
	mutex_unlock(&hub->cfg_lock);

	return 0;
}

/**
 * hidx_hub_set_rate() - set the hub's sampling rate
 * @hub: the hub
 * @rate: samples per second, 0 to stop
 *
 * The rate belongs to the bound driver's state; it must not change while
 * the hub's HID device is being bound or unbound.
 */
int hidx_hub_set_rate(struct hidx_hub *hub, u8 rate)
{
	int ret;

	device_lock_assert(&hub->hdev->dev);

	ret = hidx_hub_set_feature(hub, HIDX_FEATURE_RATE, rate);
	if (!ret)
		hub->rate = rate;

	return ret;
}

/* The name is the contract: the caller holds the hub's HID device lock. */
int hidx_hub_commit_locked(struct hidx_hub *hub)
{
	int ret;

	ret = hidx_hub_set_feature(hub, HIDX_FEATURE_RATE, hub->rate);
	if (ret)
		return ret;

	return hidx_hub_set_feature(hub, HIDX_FEATURE_COMMIT, 1);
}

/**
 * hidx_hub_reset_fifo() - flush the hub's sample FIFO
 * @hub: the hub
 *
 * Queues a SET_REPORT of the FIFO feature report.
 *
 * Context: The caller holds the device lock of the hub's HID device
 * (hub->hdev->dev), which keeps remove() from freeing the report.
 *
 * Return: 0, or -ENODEV when the hub has no FIFO report.
 */
int hidx_hub_reset_fifo(struct hidx_hub *hub)
{
	struct hid_device *hdev = hub->hdev;
	struct hid_report *report;

	report = hdev->report_enum[HID_FEATURE_REPORT].report_id_hash[HIDX_FEATURE_FIFO];
	if (!report || !report->maxfield)
		return -ENODEV;

	hid_set_field(report->field[0], 0, 1);
	hid_hw_request(hdev, report, HID_REQ_SET_REPORT);

	return 0;
}

/*
 * Queued by raw_event on a reconfiguration request.  A work item holds no
 * lock; the hub's device lock is tried, as pci.c:pci_dev_trylock(), so
 * that remove() (which cancels this work under that lock) is not waited
 * for.
 */
void hidx_event_work(struct work_struct *work)
{
	struct hidx_hub *hub = container_of(work, struct hidx_hub, event_work);
	struct device *dev = &hub->hdev->dev;

	if (!device_trylock(dev)) {
		hid_dbg(hub->hdev, "busy, reconfiguration dropped\n");
		return;
	}

	if (hub->pending & HIDX_STATUS_RECONFIG)
		hidx_hub_commit_locked(hub); /* EXPECT-NONE: device-lock-required */
	hub->pending = 0;

	device_unlock(dev);
}

/* Attributes of the hub's HID device: kernfs calls them unlocked. */
static ssize_t rate_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct hidx_hub *hub = hid_get_drvdata(to_hid_device(dev));
	u8 rate;
	int ret;

	/* the rate the hub really runs at */
	ret = hidx_hub_get_feature(hub, HIDX_FEATURE_RATE, &rate); /* EXPECT: lock-imbalance @hidx_get_feature */
	if (ret)
		return ret;

	return sysfs_emit(buf, "%u\n", rate);
}

/* usb/core/sysfs.c:supports_autosuspend_show(): interruptible, checked */
static ssize_t rate_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct hid_device *hdev = to_hid_device(dev);
	struct hidx_hub *hub = hid_get_drvdata(hdev);
	u8 rate;
	int ret;

	ret = kstrtou8(buf, 0, &rate);
	if (ret)
		return ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	ret = hidx_hub_set_rate(hub, rate); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_RW(rate);

/* dd.c:state_synced_store() shape: device_lock(), one unlock at the end */
static ssize_t fifo_reset_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct hid_device *hdev = to_hid_device(dev);
	struct hidx_hub *hub = hid_get_drvdata(hdev);
	int ret;

	device_lock(dev);
	if (!dev->driver) {
		ret = -ENODEV;
		goto out;
	}
	ret = hidx_hub_reset_fifo(hub); /* EXPECT-NONE: device-lock-required */
out:
	device_unlock(dev);
	return ret ? ret : count; /* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_WO(fifo_reset);

/*
 * Start a calibration.  The state_synced_store() shape again, but the
 * -EAGAIN return forgets the device lock that the other return drops.
 */
static ssize_t calibrate_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct hid_device *hdev = to_hid_device(dev);
	struct hidx_hub *hub = hid_get_drvdata(hdev);
	int ret;

	device_lock(dev);
	if (!hub->rate)
		return -EAGAIN; /* EXPECT: lock-imbalance */

	ret = hidx_hub_set_feature(hub, HIDX_FEATURE_CALIB, 1);
	device_unlock(dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(calibrate);

static struct attribute *hidx_hub_attrs[] = {
	&dev_attr_rate.attr,
	&dev_attr_fifo_reset.attr,
	&dev_attr_calibrate.attr,
	NULL
};

const struct attribute_group hidx_hub_group = {
	.attrs = hidx_hub_attrs,
};
