// SPDX-License-Identifier: GPL-2.0
/*
 * mdiox PHY driver.
 *
 * Shapes: drivers/net/phy/micrel.c / drivers/net/phy/dp83867.c (phy_driver
 * with .probe allocating phydev->priv, .read_status wrapping
 * genphy_read_status(), .handle_interrupt, per-PHY work).
 *
 * Core locking (Linux 6.12):
 *  - .probe: really_probe() -> phy_probe() (drivers/net/phy/phy_device.c,
 *    installed as mdiodrv.driver.probe by phy_driver_register()), under
 *    device_lock(&phydev->mdio.dev): HELD.
 *  - .remove: device_release_driver_internal() -> phy_remove(): HELD.
 *  - .read_status: phy_state_machine() (delayed work) ->
 *    phy_check_link_status() -> phy_read_status() (drivers/net/phy/phy.c),
 *    under phydev->lock; MAC drivers also call phy_read_status() from
 *    their own paths.  None takes the PHY's device lock: NOT held.
 *  - .handle_interrupt: phy_interrupt() (threaded IRQ, drivers/net/phy/phy.c)
 *    under phydev->lock only: NOT held.
 *  - .config_init: phy_init_hw() from phy_attach_direct() (RTNL, not held)
 *    and from mdio_bus_phy_resume() (device_resume(), held): mixed.
 *  - .suspend/.resume: phy_suspend()/phy_resume() from mdio_bus_phy_suspend()
 *    (device_suspend(), held) and from phy_detach()/phylink (not held): mixed.
 *  - sysfs, workqueue: NOT held.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/phy.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "mdiox.h"

#define MDIOX_ISR	0x1d

/* workqueue: NOT held on entry; locks the PHY device through an alias. */
static void mdiox_cal_work(struct work_struct *work)
{
	struct mdiox_phy_priv *priv = container_of(work, struct mdiox_phy_priv,
						   cal_work);
	struct device *dev = &priv->phydev->mdio.dev;

	guard(device)(dev);
	mdiox_hw_calibrate_locked(priv->phydev); /* EXPECT-NONE: device-lock-required */
}

/* sysfs: NOT held. */
static ssize_t cal_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct phy_device *phydev = to_phy_device(dev);
	struct mdiox_phy_priv *priv = phydev->priv;
	u32 cal;

	/*
	 * Wrong: mdiox_hw_lock_phy() can also fail with -ENODEV, which falls
	 * through without the lock.
	 */
	if (mdiox_hw_lock_phy(phydev) == -EBUSY)
		return -EBUSY;
	mdiox_hw_recal_check(phydev); /* EXPECT: device-lock-required */
	cal = priv->cal;
	device_unlock(dev); /* EXPECT: lock-imbalance */

	return sysfs_emit(buf, "%u\n", cal);
}

static ssize_t cal_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	struct phy_device *phydev = to_phy_device(dev);
	int ret;

	ret = mdiox_hw_lock_phy(phydev);
	if (ret)
		return ret;
	mdiox_hw_calibrate_locked(phydev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */

	return count;
}
static DEVICE_ATTR_RW(cal);

static ssize_t claim_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct phy_device *phydev = to_phy_device(dev);
	struct mdiox_phy_priv *priv = phydev->priv;
	int ret;

	ret = mdiox_hw_claim(phydev);
	if (ret)
		return ret;
	mdiox_hw_recal_check(phydev);
	priv->busy = false;
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */

	return count;
}
static DEVICE_ATTR_WO(claim);

static struct attribute *mdiox_phy_attrs[] = {
	&dev_attr_cal.attr,
	&dev_attr_claim.attr,
	NULL
};

static const struct attribute_group mdiox_phy_group = {
	.attrs = mdiox_phy_attrs,
};

/* .probe: phy_probe() under the driver core's device lock, HELD. */
static int mdiox_phy_probe(struct phy_device *phydev)
{
	struct device *dev = &phydev->mdio.dev;
	struct mdiox_phy_priv *priv;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->phydev = phydev;
	INIT_WORK(&priv->cal_work, mdiox_cal_work);
	phydev->priv = priv;

	ret = mdiox_hw_calibrate_locked(phydev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	return devm_device_add_group(dev, &mdiox_phy_group);
}

/* .remove: phy_remove() under the driver core's device lock, HELD. */
static void mdiox_phy_remove(struct phy_device *phydev)
{
	struct mdiox_phy_priv *priv = phydev->priv;

	cancel_work_sync(&priv->cal_work);
	mdiox_hw_recal_check(phydev); /* EXPECT-NONE: device-lock-required */
}

/* .read_status: phy_state_machine() work, phydev->lock only, NOT held. */
static int mdiox_read_status(struct phy_device *phydev)
{
	struct mdiox_phy_priv *priv = phydev->priv;

	/* Defer calibration to mdiox_cal_work(), which takes the lock. */
	if (priv->cal > MDIOX_CAL_MAX / 2)
		schedule_work(&priv->cal_work);
	return genphy_read_status(phydev);
}

/* .handle_interrupt: phy_interrupt() thread, phydev->lock only, NOT held. */
static irqreturn_t mdiox_handle_interrupt(struct phy_device *phydev)
{
	struct mdiox_phy_priv *priv = phydev->priv;
	int isr;

	isr = phy_read(phydev, MDIOX_ISR);
	if (isr < 0) {
		phy_error(phydev);
		return IRQ_NONE;
	}
	if (!isr)
		return IRQ_NONE;

	mdiox_hw_recal_check(phydev); /* EXPECT: device-lock-required */
	schedule_work(&priv->cal_work);
	phy_trigger_machine(phydev);
	return IRQ_HANDLED;
}

static int mdiox_config_intr(struct phy_device *phydev)
{
	return phy_write(phydev, MDIOX_ISR,
			 phydev->interrupts == PHY_INTERRUPT_ENABLED ? 1 : 0);
}

/*
 * .config_init: mixed callers (see top of file); the helper call is left
 * UNLABELLED on purpose.
 */
static int mdiox_config_init(struct phy_device *phydev)
{
	return mdiox_hw_calibrate_locked(phydev);
}

/*
 * .suspend: mixed callers (mdio_bus_phy_suspend() with the device lock,
 * phy_detach()/phylink_stop() paths without).  Left unlabelled by the
 * author; labelled after reading 6.12: phy_state_machine() (a work item)
 * -> _phy_state_machine_post_work() -> phy_suspend() -> ->suspend() holds
 * no PHY device lock, so the assert in the helper fires on that path.
 */
static int mdiox_phy_suspend(struct phy_device *phydev)
{
	mdiox_hw_recal_check(phydev); /* EXPECT: device-lock-required */
	return genphy_suspend(phydev);
}

static struct phy_driver mdiox_phy_drivers[] = {
	{
		.phy_id			= MDIOX_PHY_ID,
		.phy_id_mask		= MDIOX_PHY_ID_MASK,
		.name			= "mdiox PHY",
		.probe			= mdiox_phy_probe,
		.remove			= mdiox_phy_remove,
		.config_init		= mdiox_config_init,
		.read_status		= mdiox_read_status,
		.config_intr		= mdiox_config_intr,
		.handle_interrupt	= mdiox_handle_interrupt,
		.suspend		= mdiox_phy_suspend,
		.resume			= genphy_resume,
	},
};

static const struct mdio_device_id __maybe_unused mdiox_phy_tbl[] = {
	{ MDIOX_PHY_ID, MDIOX_PHY_ID_MASK },
	{ }
};
MODULE_DEVICE_TABLE(mdio, mdiox_phy_tbl);

static int __init mdiox_init(void)
{
	int ret;

	ret = phy_drivers_register(mdiox_phy_drivers,
				   ARRAY_SIZE(mdiox_phy_drivers), THIS_MODULE);
	if (ret)
		return ret;

	ret = mdiox_bus_register();
	if (ret)
		phy_drivers_unregister(mdiox_phy_drivers,
				       ARRAY_SIZE(mdiox_phy_drivers));
	return ret;
}
module_init(mdiox_init);

static void __exit mdiox_exit(void)
{
	mdiox_bus_unregister();
	phy_drivers_unregister(mdiox_phy_drivers, ARRAY_SIZE(mdiox_phy_drivers));
}
module_exit(mdiox_exit);

MODULE_DESCRIPTION("held-out lock corpus: MDIO controller and PHY driver");
MODULE_LICENSE("GPL");
