/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wmix: a WMI driver (drivers/platform/x86/wmi.c bus) with a hwmon
 * interface and a platform "cell" it creates, shaped on
 * drivers/platform/x86/dell/dell-wmi-ddv.c, lenovo-ymc.c and
 * msi-wmi-platform.c of Linux 6.12.
 */
#ifndef _WMIX_H
#define _WMIX_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/wmi.h>
#include <linux/workqueue.h>

struct wmix_priv {
	struct wmi_device *wdev;
	struct device *dev;		/* &wdev->dev, kept by probe */
	struct platform_device *cell;	/* created by probe */
	struct device *hwmon;
	struct mutex ec_lock;
	struct work_struct event_work;
	struct delayed_work fan_work;
	u32 regs[16];
	u8 profile;
	bool fan_boost;
	bool cell_bound;
};

/* wmix_core.c: helpers with a device-lock contract */
int wmix_ec_select_profile_locked(struct wmi_device *wdev, u8 profile);
void wmix_ec_commit(struct device *dev);
int wmix_cell_bind(struct device *cell, struct wmix_priv *priv);

/* wmix_core.c: EC access under ec_lock */
int wmix_ec_query(struct wmix_priv *p, u32 reg, u32 *val);
int wmix_ec_write(struct wmix_priv *p, u32 reg, u32 val);
bool wmix_ec_trylock(struct wmix_priv *p);
void wmix_ec_unlock(struct wmix_priv *p);
void wmix_fan_update(struct wmix_priv *p);

/* wmix_hwmon.c */
int wmix_hwmon_register(struct wmix_priv *priv);
int wmix_cell_driver_init(void);
void wmix_cell_driver_exit(void);

#endif /* _WMIX_H */
