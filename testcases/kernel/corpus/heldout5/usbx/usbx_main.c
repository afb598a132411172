// SPDX-License-Identifier: GPL-2.0
/*
 * usbx interface driver.  Slots and what the core holds:
 *  - usb_driver.probe: usb_probe_interface() is the bus probe of
 *    usb_bus_type, called by really_probe() with device_lock(&intf->dev)
 *    held.
 *  - usb_driver.disconnect: usb_unbind_interface(), the bus remove, called
 *    by device_release_driver_internal() with device_lock(&intf->dev) held.
 *  - dev_groups attributes of the interface, work items: no device lock.
 * The usb_device's lock (usb_lock_device()) is taken here where needed,
 * as drivers/usb/storage/usb.c and drivers/usb/core/sysfs.c do.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/usb.h>
#include <linux/workqueue.h>
#include "usbx.h"

#define USBX_CFG_RUN	1
#define USBX_CFG_POLL	2
#define USBX_CFG_LED	3

/* usb_lock_device_for_reset() returns 0 holding the usb_device's lock */
static void usbx_reset_work(struct work_struct *work)
{
	struct usbx *ux = container_of(work, struct usbx, reset_work);

	if (usb_lock_device_for_reset(ux->udev, ux->intf))
		return;
	usbx_reset_locked(ux); /* EXPECT-NONE: device-lock-required */
	usb_unlock_device(ux->udev); /* EXPECT-NONE: lock-imbalance */
}

/* queued from an URB error path: nothing is locked here */
static void usbx_recover_work(struct work_struct *work)
{
	struct usbx *ux = container_of(work, struct usbx, recover_work);

	usbx_reset_locked(ux); /* EXPECT: device-lock-required */
}

/* the lock_for_reset result is ignored: its failure returns unlocked */
static void usbx_halt_work(struct work_struct *work)
{
	struct usbx *ux = container_of(work, struct usbx, halt_work);

	usb_lock_device_for_reset(ux->udev, ux->intf);
	usb_clear_halt(ux->udev, usb_rcvbulkpipe(ux->udev, 1));
	usb_unlock_device(ux->udev); /* EXPECT: lock-imbalance */
}

static void usbx_cfg_work(struct work_struct *work)
{
	struct usbx *ux = container_of(work, struct usbx, cfg_work);
	struct usb_device *udev = ux->udev;

	usb_lock_device(udev);
	usbx_apply_config(udev, USBX_CFG_RUN); /* EXPECT-NONE: device-lock-required */
	usb_unlock_device(udev);
}

/* as drivers/pci/pci.c:pci_dev_trylock() users: skip this round if busy */
static void usbx_poll_work(struct work_struct *work)
{
	struct usbx *ux = container_of(to_delayed_work(work), struct usbx,
				       poll_work);

	if (!usb_trylock_device(ux->udev))
		goto again;
	usbx_apply_config(ux->udev, USBX_CFG_POLL); /* EXPECT-NONE: device-lock-required */
	usb_unlock_device(ux->udev);
again:
	schedule_delayed_work(&ux->poll_work, HZ);
}

/*
 * One error return keeps the usb_device's lock that the other return
 * drops (Smatch "inconsistent returns").
 */
static int usbx_set_power(struct usbx *ux, bool on)
{
	struct usb_device *udev = ux->udev;
	int ret;

	usb_lock_device(udev);
	if (udev->state == USB_STATE_NOTATTACHED) {
		usb_unlock_device(udev);
		return -ENODEV;
	}
	ret = usbx_apply_config(udev, on ? USBX_CFG_RUN : 0); /* EXPECT-NONE: device-lock-required */
	if (ret < 0)
		return ret; /* EXPECT: lock-imbalance */
	ux->config = on;
	usb_unlock_device(udev);
	return 0;
}

/* The twin: scoped_guard() drops the lock on every return. */
static int usbx_set_led(struct usbx *ux, bool on)
{
	struct usb_device *udev = ux->udev;
	int ret;

	scoped_guard(device, &udev->dev) {
		if (udev->state == USB_STATE_NOTATTACHED)
			return -ENODEV; /* EXPECT-NONE: lock-imbalance */
		ret = usbx_apply_config(udev, on ? USBX_CFG_LED : 0);
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* ---- interface attributes (dev_groups): no lock held on entry ---- */

static ssize_t alt_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	struct usb_interface *intf = to_usb_interface(dev);
	int alt, ret;

	if (kstrtoint(buf, 0, &alt))
		return -EINVAL;
	ret = usbx_select_alt(intf, alt); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(alt);

/* as drivers/usb/core/sysfs.c: device_lock_interruptible() in an attribute */
static ssize_t alt_sync_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct usb_interface *intf = to_usb_interface(dev);
	int alt, ret;

	if (kstrtoint(buf, 0, &alt))
		return -EINVAL;
	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;
	ret = usbx_select_alt(intf, alt); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(alt_sync);

static ssize_t config_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct usbx *ux = usb_get_intfdata(to_usb_interface(dev));
	u8 value;
	int ret;

	if (kstrtou8(buf, 0, &value))
		return -EINVAL;
	ret = usbx_apply_config(ux->udev, value); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(config);

static ssize_t power_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct usbx *ux = usb_get_intfdata(to_usb_interface(dev));
	bool on;
	int ret;

	if (kstrtobool(buf, &on))
		return -EINVAL;
	ret = usbx_set_power(ux, on);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(power);

static ssize_t led_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	struct usbx *ux = usb_get_intfdata(to_usb_interface(dev));
	bool on;
	int ret;

	if (kstrtobool(buf, &on))
		return -EINVAL;
	ret = usbx_set_led(ux, on);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(led);

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct usbx *ux = usb_get_intfdata(to_usb_interface(dev));

	schedule_work(&ux->reset_work);
	schedule_work(&ux->halt_work);
	schedule_work(&ux->cfg_work);
	return count;
}
static DEVICE_ATTR_WO(reset);

static struct attribute *usbx_attrs[] = {
	&dev_attr_alt.attr,
	&dev_attr_alt_sync.attr,
	&dev_attr_config.attr,
	&dev_attr_power.attr,
	&dev_attr_led.attr,
	&dev_attr_reset.attr,
	NULL
};
ATTRIBUTE_GROUPS(usbx);

static void usbx_int_complete(struct urb *urb)
{
	struct usbx *ux = urb->context;

	if (urb->status == -EPIPE)
		schedule_work(&ux->recover_work);
	else if (!urb->status)
		usb_submit_urb(urb, GFP_ATOMIC);
}

static int usbx_probe(struct usb_interface *intf,
		      const struct usb_device_id *id)
{
	struct usbx *ux;
	int ret;

	ux = devm_kzalloc(&intf->dev, sizeof(*ux), GFP_KERNEL);
	if (!ux)
		return -ENOMEM;

	ux->udev = interface_to_usbdev(intf);
	ux->intf = intf;
	ux->ifnum = intf->cur_altsetting->desc.bInterfaceNumber;
	INIT_WORK(&ux->reset_work, usbx_reset_work);
	INIT_WORK(&ux->recover_work, usbx_recover_work);
	INIT_WORK(&ux->halt_work, usbx_halt_work);
	INIT_WORK(&ux->cfg_work, usbx_cfg_work);
	INIT_DELAYED_WORK(&ux->poll_work, usbx_poll_work);
	usb_set_intfdata(intf, ux);

	ret = usbx_select_alt(intf, 1); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	ux->buf = devm_kzalloc(&intf->dev, 8, GFP_KERNEL);
	ux->urb = usb_alloc_urb(0, GFP_KERNEL);
	if (!ux->buf || !ux->urb) {
		usb_free_urb(ux->urb);
		return -ENOMEM;
	}
	usb_fill_int_urb(ux->urb, ux->udev, usb_rcvintpipe(ux->udev, 1),
			 ux->buf, 8, usbx_int_complete, ux, 8);
	ret = usb_submit_urb(ux->urb, GFP_KERNEL);
	if (ret) {
		usb_free_urb(ux->urb);
		return ret;
	}
	schedule_delayed_work(&ux->poll_work, HZ);
	return 0;
}

static void usbx_disconnect(struct usb_interface *intf)
{
	struct usbx *ux = usb_get_intfdata(intf);

	usb_kill_urb(ux->urb);
	usb_free_urb(ux->urb);
	cancel_delayed_work_sync(&ux->poll_work);
	cancel_work_sync(&ux->reset_work);
	cancel_work_sync(&ux->recover_work);
	cancel_work_sync(&ux->halt_work);
	cancel_work_sync(&ux->cfg_work);
	usbx_select_alt(intf, 0); /* EXPECT-NONE: device-lock-required */
}

/*
 * usb_reset_device() calls these around the reset with the usb_device's
 * lock held by its caller; they only quiesce the polling.
 */
static int usbx_pre_reset(struct usb_interface *intf)
{
	struct usbx *ux = usb_get_intfdata(intf);

	usb_kill_urb(ux->urb);
	return 0;
}

static int usbx_post_reset(struct usb_interface *intf)
{
	struct usbx *ux = usb_get_intfdata(intf);

	return usb_submit_urb(ux->urb, GFP_NOIO);
}

static const struct usb_device_id usbx_ids[] = {
	{ USB_DEVICE(0x1d6b, 0x7f05), .driver_info = 1 },
	{ }
};
MODULE_DEVICE_TABLE(usb, usbx_ids);

static struct usb_driver usbx_driver = {
	.name = "usbx",
	.probe = usbx_probe,
	.disconnect = usbx_disconnect,
	.pre_reset = usbx_pre_reset,
	.post_reset = usbx_post_reset,
	.id_table = usbx_ids,
	.dev_groups = usbx_groups,
};
module_usb_driver(usbx_driver);

MODULE_DESCRIPTION("corpus: usb interface driver");
MODULE_LICENSE("GPL");
