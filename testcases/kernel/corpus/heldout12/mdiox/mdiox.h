/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mdiox - held-out lock-checker corpus module: an MDIO bus controller
 * (platform driver registering a mii_bus) and a PHY driver for the PHYs on it.
 */
#ifndef _MDIOX_H
#define _MDIOX_H

#include <linux/device.h>
#include <linux/notifier.h>
#include <linux/phy.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define MDIOX_PHY_ID		0x0badc0d0
#define MDIOX_PHY_ID_MASK	0xfffffff0
#define MDIOX_CAL_MAX		0xff

struct device_node;

struct mdiox_bus_priv {
	struct device *dev;		/* &pdev->dev of the controller */
	struct mii_bus *bus;
	struct device *mac;		/* sibling MAC found by phandle */
	struct work_struct mac_work;
	struct notifier_block reboot_nb;
	u16 regs[PHY_MAX_ADDR][32];
	unsigned int resets;
	bool quiesced;
};

struct mdiox_phy_priv {
	struct phy_device *phydev;
	struct work_struct cal_work;
	u32 cal;
	bool busy;
};

/* mdiox_bus.c */
int mdiox_bus_register(void);
void mdiox_bus_unregister(void);

/* mdiox_hw.c */
int mdiox_hw_calibrate_locked(struct phy_device *phydev);
void mdiox_hw_recal_check(struct phy_device *phydev);
void mdiox_hw_bus_quiesce(struct mdiox_bus_priv *bp);
int mdiox_hw_lock_phy(struct phy_device *phydev);
int mdiox_hw_claim(struct phy_device *phydev);

#endif /* _MDIOX_H */
