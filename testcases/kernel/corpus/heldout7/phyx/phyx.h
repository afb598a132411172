/* SPDX-License-Identifier: GPL-2.0 */
/*
 * phyx: an Ethernet PHY driver, a platform MDIO controller and an MDIO
 * PCS driver on the real mdio_bus_type (drivers/net/phy/, 6.12).
 * mdio_bus_type has no .probe/.remove/.shutdown of its own: the
 * phy_driver's and mdio_driver's device_driver callbacks are set by
 * phy_driver_register() (phy_probe, phy_remove) and
 * mdio_driver_register() (mdio_probe, mdio_remove, mdio_shutdown), and
 * the driver core calls them under device_lock(&mdiodev->dev).  phylib's
 * other paths take phydev->lock (a plain mutex) or rtnl, never the device
 * lock.
 */
#ifndef PHYX_H
#define PHYX_H

#include <linux/device.h>
#include <linux/mdio.h>
#include <linux/phy.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

#define PHYX_PHY_ID		0x01ff0c10
#define PHYX_ISR		0x13
#define PHYX_ISR_LINK		BIT(0)
#define PHYX_ISR_CAL		BIT(4)
#define PHYX_ISR_WOL		BIT(6)

struct phyx_priv {
	struct phy_device *phydev;
	struct work_struct cal_work;
	bool cal_stale;
	bool wol;
};

struct phyx_mdio {
	struct platform_device *pdev;
	struct mii_bus *bus;
	struct mdio_device *pcs;	/* created here, mdio_device_create() */
	struct mdio_device *xpcs;	/* created by the rescan attribute */
	void __iomem *base;
};

struct phyx_pcs {
	struct mdio_device *mdiodev;
	struct delayed_work poll;
	bool an_done;
};

/* phyx_lib.c: helpers with a device-lock contract, and lock helpers */
int phyx_cal_load(struct phy_device *phydev);
int phyx_wol_arm(struct device *dev, bool enable);
int phyx_pcs_reconfig(struct mdio_device *mdiodev);
int phyx_bus_reset_locked(struct device *dev);
bool phyx_trylock(struct phy_device *phydev);
void phyx_unlock(struct phy_device *phydev);

/* phyx_phy.c */
int phyx_phy_register(void);
void phyx_phy_unregister(void);

#endif /* PHYX_H */
