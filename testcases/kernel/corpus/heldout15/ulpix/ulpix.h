/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ulpix - ULPI PHY, its controller glue and the PHY function devices
 */
#ifndef _ULPIX_H
#define _ULPIX_H

#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/ulpi/driver.h>
#include <linux/workqueue.h>

#define ULPIX_MODE_HOST		0
#define ULPIX_MODE_DEVICE	1
#define ULPIX_MODE_OTG		2

struct phy;
struct ulpix_fn;

struct ulpix_phy {
	struct ulpi *ulpi;
	struct phy *phy;
	struct ulpix_fn *fn;
	u8 func_ctrl;
	u8 otg_ctrl;
	u8 mode;
	bool vbus;
};

/* A function of the PHY (charger detect, OTG) exposed on the ulpix bus. */
struct ulpix_fn {
	struct device dev;
	struct ulpix_phy *uphy;
	bool enabled;
};

#define to_ulpix_fn(d)	container_of(d, struct ulpix_fn, dev)

struct ulpix_glue {
	struct device *dev;
	void __iomem *base;
	struct ulpi *ulpi;
	struct platform_device *dma_pdev;
	struct work_struct dma_work;
	struct work_struct relink_work;
	struct delayed_work cal_work;
	struct work_struct vbus_work;
	u32 saved_ctrl;
};

/* ulpix_util.c */
int ulpix_phy_write_locked(struct ulpi *ulpi, u8 reg, u8 val);
int ulpix_phy_calibrate_locked(struct ulpix_phy *uphy);
int ulpix_phy_set_mode(struct ulpix_phy *uphy, u8 mode);
struct ulpi *ulpix_ulpi_get_locked(struct device *ctrl);
void ulpix_ulpi_put_unlock(struct ulpi *ulpi);
struct ulpix_fn *ulpix_fn_create(struct ulpix_phy *uphy);
void ulpix_fn_destroy(struct ulpix_fn *fn);
int ulpix_bus_init(void);
void ulpix_bus_exit(void);

/* ulpix_glue.c */
extern struct platform_driver ulpix_glue_driver;

#endif /* _ULPIX_H */
