// SPDX-License-Identifier: GPL-2.0
/*
 * mdiox hardware helpers with device-lock contracts.  The device meant is
 * the PHY's &phydev->mdio.dev (the struct device the driver core locks around
 * phy_probe()/phy_remove()), not phydev->lock, which phylib takes around the
 * state machine and ->handle_interrupt().
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/phy.h>

#include "mdiox.h"

/* Contract by name. */
int mdiox_hw_calibrate_locked(struct phy_device *phydev)
{
	struct mdiox_phy_priv *priv = phydev->priv;

	priv->cal = (priv->cal + 1) & MDIOX_CAL_MAX;
	return 0;
}

/* Contract by assert. */
void mdiox_hw_recal_check(struct phy_device *phydev)
{
	struct mdiox_phy_priv *priv = phydev->priv;

	device_lock_assert(&phydev->mdio.dev);
	if (priv->cal > MDIOX_CAL_MAX / 2)
		priv->cal = 0;
}

/**
 * mdiox_hw_bus_quiesce() - stop MDIO traffic on the controller
 * @bp: controller state
 *
 * Context: Sleeps. The device lock of @bp->dev must be held by the caller.
 */
void mdiox_hw_bus_quiesce(struct mdiox_bus_priv *bp)
{
	bp->quiesced = true;
}

/*
 * Returns 0 with device_lock(&phydev->mdio.dev) held; -EBUSY or -ENODEV
 * without it.  Checked-trylock shape of drivers/pci/pci.c:pci_dev_trylock().
 */
int mdiox_hw_lock_phy(struct phy_device *phydev)
{
	struct device *dev = &phydev->mdio.dev;

	if (!device_trylock(dev))
		return -EBUSY;
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Meant to have the same lock-on-success contract as mdiox_hw_lock_phy(),
 * but the -EBUSY error path forgets to unlock: -ENODEV returns unlocked,
 * -EBUSY returns locked.
 */
int mdiox_hw_claim(struct phy_device *phydev)
{
	struct mdiox_phy_priv *priv = phydev->priv;
	struct device *dev = &phydev->mdio.dev;

	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV;
	}
	if (priv->busy)
		return -EBUSY; /* EXPECT: lock-imbalance */
	priv->busy = true;
	return 0; /* EXPECT-NONE: lock-imbalance */
}
