/* SPDX-License-Identifier: GPL-2.0 */
/*
 * usbx: a USB interface driver with a control endpoint protocol, shaped as
 * drivers/usb/misc/usbsevseg.c / drivers/net/usb/usbnet.c (sysfs and work
 * items beside probe/disconnect) and drivers/usb/storage/usb.c
 * (usb_stor_reset_resume work, usb_lock_device_for_reset()).
 *
 * usbx_ctl.c holds helpers with a locking contract; usbx_main.c the
 * driver, calling them from slots that hold the lock and from ones that
 * do not.
 */
#ifndef USBX_H
#define USBX_H

#include <linux/usb.h>
#include <linux/workqueue.h>

struct usbx {
	struct usb_device *udev;
	struct usb_interface *intf;
	u8 ifnum;
	u8 config;
	int alt;
	struct work_struct reset_work;
	struct work_struct recover_work;
	struct work_struct halt_work;
	struct work_struct cfg_work;
	struct delayed_work poll_work;
	struct urb *urb;
	u8 *buf;
};

int usbx_select_alt(struct usb_interface *intf, int alt);
int usbx_reset_locked(struct usbx *ux);
int usbx_apply_config(struct usb_device *udev, u8 value);

#endif /* USBX_H */
