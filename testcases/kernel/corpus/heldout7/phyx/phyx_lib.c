// SPDX-License-Identifier: GPL-2.0
/*
 * phyx_lib.c - helpers of phyx whose contract is a device lock, and a
 * conditional lock wrapper pair; their callers are in phyx_phy.c and
 * phyx_mdio.c.
 */
#include <linux/device.h>
#include <linux/lockdep.h>
#include <linux/mdio.h>
#include <linux/phy.h>

#include "phyx.h"

/*
 * phyx_cal_load - load the DSP calibration of @phydev
 *
 * Asserted as cxl/core/port.c's dport helpers: the calibration may only be
 * reloaded while the driver binding of the PHY cannot change.
 */
int phyx_cal_load(struct phy_device *phydev)
{
	struct phyx_priv *priv = phydev->priv;

	device_lock_assert(&phydev->mdio.dev);

	if (!priv)
		return -ENODEV;
	priv->cal_stale = false;
	return phy_modify(phydev, 0x1e, 0x00ff, 0x0042);
}

/* phyx_wol_arm - arm Wake-on-LAN; @dev is the PHY's device, locked */
int phyx_wol_arm(struct device *dev, bool enable)
{
	struct phy_device *phydev = to_phy_device(dev);

	lockdep_assert_held(&dev->mutex);

	return phy_modify(phydev, 0x1f, BIT(6), enable ? BIT(6) : 0);
}

/**
 * phyx_pcs_reconfig() - restart the PCS's in-band negotiation
 * @mdiodev: the PCS
 *
 * Context: Process context.  Caller holds the device lock of @mdiodev.
 */
int phyx_pcs_reconfig(struct mdio_device *mdiodev)
{
	return mdiodev_modify(mdiodev, MII_BMCR, BMCR_ANRESTART, BMCR_ANRESTART);
}

/*
 * phyx_bus_reset_locked - reset every PHY behind the MDIO controller
 * @dev: the controller's platform device, locked by the caller
 * (cxl_decoder_add_locked() naming).
 */
int phyx_bus_reset_locked(struct device *dev)
{
	struct phyx_mdio *pm = dev_get_drvdata(dev);

	if (!pm || !pm->base)
		return 0;
	writel(1, pm->base);
	return 0;
}

/*
 * A conditional lock wrapper, as drivers/pci/pci.c:pci_dev_trylock():
 * true holding device_lock(&phydev->mdio.dev), false without it.
 */
bool phyx_trylock(struct phy_device *phydev)
{
	if (!phydev->drv)
		return false;
	return device_trylock(&phydev->mdio.dev);
}

void phyx_unlock(struct phy_device *phydev)
{
	device_unlock(&phydev->mdio.dev);
}
