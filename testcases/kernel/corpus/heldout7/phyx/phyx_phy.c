// SPDX-License-Identifier: GPL-2.0
/*
 * phyx_phy.c - the phy_driver of phyx.
 *
 * drivers/net/phy/phy_device.c: phy_probe() and phy_remove() are the
 * driver's device_driver.probe/.remove (phy_driver_register()); the
 * driver core calls them under device_lock(&phydev->mdio.dev) and they
 * call phy_driver.probe/.remove.  The other phy_driver slots are called
 * by phylib without it:
 *  - .config_init: phy_device.c:phy_init_hw(), from phy_attach_direct()
 *    (the MAC's ndo_open, under rtnl only; mdio_bus_phy_resume() also
 *    calls phy_init_hw() under the PM core's device lock, but the attach
 *    path reaches it without);
 *  - .read_status: phy.c:phy_check_link_status() from the
 *    phy_state_machine() delayed work, under phydev->lock;
 *  - .handle_interrupt: phy.c:phy_interrupt(), the threaded IRQ handler,
 *    under phydev->lock.
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/phy.h>
#include <linux/slab.h>

#include "phyx.h"

/*
 * A work item holds nothing; phyx_remove() cancels it under the device
 * lock, so it only tries the lock (phyx_lib.c's wrapper, as
 * pci_dev_trylock()).
 */
static void phyx_cal_work(struct work_struct *work)
{
	struct phyx_priv *priv = container_of(work, struct phyx_priv, cal_work);
	struct phy_device *phydev = priv->phydev;

	if (!phyx_trylock(phydev))
		return;		/* being unbound: remove reloads nothing */

	phyx_cal_load(phydev); /* EXPECT-NONE: device-lock-required */
	phyx_unlock(phydev);
}

/* phy_probe() -> .probe, under device_lock(&phydev->mdio.dev) */
static int phyx_probe(struct phy_device *phydev)
{
	struct device *dev = &phydev->mdio.dev;
	struct phyx_priv *priv;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->phydev = phydev;
	INIT_WORK(&priv->cal_work, phyx_cal_work);
	phydev->priv = priv;

	ret = phyx_cal_load(phydev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	return phyx_wol_arm(dev, false); /* EXPECT-NONE: device-lock-required */
}

/* phy_remove() -> .remove, under device_lock(&phydev->mdio.dev) */
static void phyx_remove(struct phy_device *phydev)
{
	struct phyx_priv *priv = phydev->priv;

	cancel_work_sync(&priv->cal_work);
	phyx_wol_arm(&phydev->mdio.dev, priv->wol); /* EXPECT-NONE: device-lock-required */
}

/* .config_init from phy_init_hw(): rtnl only, no device lock */
static int phyx_config_init(struct phy_device *phydev)
{
	int ret = 0;

	if (phydev->interface == PHY_INTERFACE_MODE_SGMII) {
		/* the SGMII reload takes the PHY's lock for it */
		scoped_guard(device, &phydev->mdio.dev)
			ret = phyx_cal_load(phydev); /* EXPECT-NONE: device-lock-required */
		return ret;
	}

	return phyx_cal_load(phydev); /* EXPECT: device-lock-required */
}

/* .read_status from the state machine work: phydev->lock, no device lock */
static int phyx_read_status(struct phy_device *phydev)
{
	struct phyx_priv *priv = phydev->priv;
	int ret;

	ret = genphy_read_status(phydev);
	if (ret)
		return ret;

	if (phydev->link && priv->cal_stale)
		ret = phyx_cal_load(phydev); /* EXPECT: device-lock-required */

	return ret;
}

static int phyx_config_intr(struct phy_device *phydev)
{
	bool on = phydev->interrupts == PHY_INTERRUPT_ENABLED;

	return phy_write(phydev, PHYX_ISR + 1, on ? 0x51 : 0);
}

/* .handle_interrupt from phy_interrupt(): IRQ thread, phydev->lock only */
static irqreturn_t phyx_handle_interrupt(struct phy_device *phydev)
{
	struct phyx_priv *priv = phydev->priv;
	int status;

	status = phy_read(phydev, PHYX_ISR);
	if (status < 0) {
		phy_error(phydev);
		return IRQ_NONE;
	}

	if (status & PHYX_ISR_WOL)
		phyx_wol_arm(&phydev->mdio.dev, false); /* EXPECT: device-lock-required */
	if (status & PHYX_ISR_CAL) {
		priv->cal_stale = true;
		schedule_work(&priv->cal_work);
	}
	if (!(status & (PHYX_ISR_LINK | PHYX_ISR_CAL | PHYX_ISR_WOL)))
		return IRQ_NONE;

	phy_trigger_machine(phydev);
	return IRQ_HANDLED;
}

static struct phy_driver phyx_drivers[] = {
	{
		PHY_ID_MATCH_EXACT(PHYX_PHY_ID),
		.name			= "phyx gigabit PHY",
		.probe			= phyx_probe,
		.remove			= phyx_remove,
		.config_init		= phyx_config_init,
		.read_status		= phyx_read_status,
		.config_intr		= phyx_config_intr,
		.handle_interrupt	= phyx_handle_interrupt,
		.suspend		= genphy_suspend,
		.resume			= genphy_resume,
	},
};

int phyx_phy_register(void)
{
	return phy_drivers_register(phyx_drivers, ARRAY_SIZE(phyx_drivers),
				    THIS_MODULE);
}

void phyx_phy_unregister(void)
{
	phy_drivers_unregister(phyx_drivers, ARRAY_SIZE(phyx_drivers));
}
