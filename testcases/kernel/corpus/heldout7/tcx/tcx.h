/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tcx: a USB Type-C alternate mode driver on the real typec bus, shaped
 * as drivers/usb/typec/altmodes/displayport.c (6.12).  The altmode device
 * is &alt->dev; the typec core (drivers/usb/typec/bus.c) takes no device
 * lock of its own: only the driver core does, around typec_bus.probe and
 * typec_bus.remove.
 */
#ifndef TCX_H
#define TCX_H

#include <linux/device.h>
#include <linux/fwnode.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/sysfs.h>
#include <linux/usb/typec.h>
#include <linux/usb/typec_altmode.h>
#include <linux/workqueue.h>

#define TCX_SVID		0x1ab5
#define TCX_STATUS_HPD		BIT(7)
#define TCX_STATUS_RETRY	BIT(8)

struct tcx_altmode {
	struct typec_altmode *alt;
	/* SOP' cable plug altmode: another device, typec_altmode_get_plug() */
	struct typec_altmode *plug;
	/* display controller found through the port's "displayport" phandle */
	struct fwnode_handle *ctrl_fwnode;
	struct platform_device *ctrl;
	struct mutex lock;		/* protects status, hpd, pins */
	struct work_struct work;
	struct delayed_work ctrl_work;
	u32 status;
	u8 pins;
	bool hpd;
};

/* tcx_hw.c: helpers with a device-lock contract, called from the others */
int tcx_pin_commit(struct typec_altmode *alt, u8 pins);
int tcx_mux_apply_locked(struct device *dev, unsigned long conf);
void tcx_hpd_report(struct typec_altmode *alt, bool hpd);
int tcx_lock_alt(struct typec_altmode *alt);
void tcx_unlock_alt(struct typec_altmode *alt);

/* tcx_ops.c */
extern const struct typec_altmode_ops tcx_altmode_ops;
extern const struct typec_cable_ops tcx_cable_ops;
extern const struct attribute_group *tcx_groups[];
void tcx_work(struct work_struct *work);
void tcx_ctrl_work(struct work_struct *work);

#endif /* TCX_H */
