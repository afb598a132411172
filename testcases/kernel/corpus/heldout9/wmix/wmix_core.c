// SPDX-License-Identifier: GPL-2.0
/*
 * wmix core helpers: the ones with a device-lock contract, called from
 * wmix_drv.c and wmix_hwmon.c, and the EC accessors under ec_lock.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/mutex.h>

#include "wmix.h"

/*
 * _locked: the caller holds device_lock(&wdev->dev); the profile belongs
 * to the bound driver's data (dev_get_drvdata()), which the lock keeps.
 */
int wmix_ec_select_profile_locked(struct wmi_device *wdev, u8 profile)
{
	struct wmix_priv *priv = dev_get_drvdata(&wdev->dev);

	if (!wdev->dev.driver || !priv)
		return -ENODEV;
	priv->profile = profile;
	return 0;
}

/* the contract is an assert, as drivers/cxl/core/port.c dport helpers */
void wmix_ec_commit(struct device *dev)
{
	struct wmix_priv *priv = dev_get_drvdata(dev);

	device_lock_assert(dev);
	priv->regs[0] = priv->profile;
}

/**
 * wmix_cell_bind - attach the platform cell to the WMI driver's data
 * @cell: the cell's device
 * @priv: the WMI driver's data
 *
 * Context: Process context. Caller holds the device lock of @cell.
 *
 * Return: 0, or -EBUSY if the cell is already bound.
 */
int wmix_cell_bind(struct device *cell, struct wmix_priv *priv)
{
	if (dev_get_drvdata(cell) && dev_get_drvdata(cell) != priv)
		return -EBUSY;
	priv->cell_bound = true;
	return 0;
}

/*
 * Shaped on dell-wmi-ddv.c:dell_wmi_ddv_update_sensors(): one error
 * return keeps ec_lock while the other error return and the success
 * return drop it.
 */
int wmix_ec_query(struct wmix_priv *p, u32 reg, u32 *val)
{
	mutex_lock(&p->ec_lock);
	if (reg >= ARRAY_SIZE(p->regs)) {
		mutex_unlock(&p->ec_lock);
		return -EINVAL;
	}
	if (!p->wdev->dev.driver)
		return -ENODEV; /* EXPECT: lock-imbalance */
	*val = p->regs[reg];
	mutex_unlock(&p->ec_lock);
	return 0;
}

/* twin: guard(mutex) drops the lock on every return */
int wmix_ec_write(struct wmix_priv *p, u32 reg, u32 val)
{
	guard(mutex)(&p->ec_lock);
	if (reg >= ARRAY_SIZE(p->regs))
		return -EINVAL;
	if (!p->wdev->dev.driver)
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	p->regs[reg] = val;
	return 0;
}

/* true with ec_lock held, false without: the caller tells by the value */
bool wmix_ec_trylock(struct wmix_priv *p)
{
	return mutex_trylock(&p->ec_lock); /* EXPECT-NONE: lock-imbalance */
}

void wmix_ec_unlock(struct wmix_priv *p)
{
	mutex_unlock(&p->ec_lock);
}

/* a void function: the "no boost" return keeps ec_lock */
void wmix_fan_update(struct wmix_priv *p)
{
	if (!mutex_trylock(&p->ec_lock))
		return;
	if (!p->fan_boost)
		return; /* EXPECT: lock-imbalance */
	p->regs[1] = 0xff;
	mutex_unlock(&p->ec_lock);
}
