// SPDX-License-Identifier: GPL-2.0
/*
 * usbx helpers whose callers must hold a device lock: the interface's
 * (asserted), or the usb_device's (by name, by a kernel-doc Context: line).
 */
#include <linux/device.h>
#include <linux/usb.h>
#include "usbx.h"

#define USBX_REQ_CONFIG	0x21

/*
 * Asserts the interface's device lock, as the dport helpers of
 * drivers/cxl/core/port.c assert their port's.
 */
int usbx_select_alt(struct usb_interface *intf, int alt)
{
	struct usbx *ux = usb_get_intfdata(intf);
	int ret;

	device_lock_assert(&intf->dev);

	ret = usb_set_interface(ux->udev, ux->ifnum, alt);
	if (!ret)
		ux->alt = alt;
	return ret;
}

/*
 * _locked: the caller holds the usb_device's lock, which
 * drivers/usb/core/hub.c:usb_reset_device() wants ("The caller must own
 * the device lock"; usb_lock_device_for_reset() outside probe()).
 */
int usbx_reset_locked(struct usbx *ux)
{
	return usb_reset_device(ux->udev);
}

/**
 * usbx_apply_config - send a configuration word to the device
 * @udev: the usb device
 * @value: the configuration value
 *
 * Context: task context, might sleep.  Caller holds the device lock of
 * @udev (usb_lock_device()).
 *
 * Return: 0 or a negative error from usb_control_msg().
 */
int usbx_apply_config(struct usb_device *udev, u8 value)
{
	int ret;

	ret = usb_control_msg(udev, usb_sndctrlpipe(udev, 0), USBX_REQ_CONFIG,
			      USB_DIR_OUT | USB_TYPE_VENDOR | USB_RECIP_DEVICE,
			      value, 0, NULL, 0, USB_CTRL_SET_TIMEOUT);
	return ret < 0 ? ret : 0;
}
