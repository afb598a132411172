// SPDX-License-Identifier: GPL-2.0
/*
 * h21a_lock.c - primecell register helpers that carry a device-lock
 * contract.  Their callers live in h21a_bus.c and h21a_drv.c.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/amba/bus.c: amba_get_enable_pclk(), amba_put_disable_pclk()
 *	(clock gate of one cell), amba_read_periphid()
 *   drivers/base/dd.c: device_driver_attach() / __device_driver_lock()
 *	(take device_lock(), check dev->driver, act, unlock)
 *
 * Core locking facts read in 6.12:
 *   include/linux/device.h: device_lock_assert() is
 *	lockdep_assert_held(&dev->mutex); device_trylock() returns nonzero
 *	only with the mutex taken; DEFINE_GUARD(device, ...) pairs
 *	device_lock()/device_unlock().
 *   Nothing in this file is called by the driver core itself; who holds the
 *	lock is decided by the callers (see h21a_bus.c / h21a_drv.c).
 */
#include <linux/device.h>
#include <linux/io.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>

#include "h21a.h"

LIST_HEAD(h21a_cells);
DEFINE_MUTEX(h21a_cells_lock);

/*
 * h21a_pclk_gate - gate or ungate the APB clock of one cell.
 * The gate bit and adev->pclk_on are serialised by the cell's device lock.
 */
void h21a_pclk_gate(struct h21a_device *adev, bool on)
{
	device_lock_assert(&adev->dev);

	if (adev->pclk_on == on)
		return;
	if (adev->base)
		writel(on ? 1 : 0, adev->base + H21A_REG_CLKGATE);
	adev->pclk_on = on;
}

/*
 * h21a_periph_reconfig_locked - reprogram the cell configuration register.
 * @dev: the cell
 * @cfg: new H21A_CFG_* value
 *
 * The caller must hold the device lock of @dev: the configuration must not
 * change while a driver is being bound to or unbound from the cell.
 */
int h21a_periph_reconfig_locked(struct device *dev, u32 cfg)
{
	struct h21a_device *adev = to_h21a_device(dev);

	if (!adev->pclk_on)
		return -EIO;
	if (adev->base)
		writel(cfg, adev->base + H21A_REG_CFG);
	adev->cfg = cfg;
	return 0;
}

/**
 * h21a_set_power_domain() - switch the power island of a cell
 * @dev: the cell's struct device
 * @on: power the island up (true) or down (false)
 *
 * Context: Process context. The caller must hold the device lock of @dev.
 * Return: 0 on success, -EIO if the island did not acknowledge.
 */
int h21a_set_power_domain(struct device *dev, bool on)
{
	struct h21a_device *adev = to_h21a_device(dev);

	if (adev->powered == on)
		return 0;
	if (adev->base) {
		writel(on ? 0x1 : 0x0, adev->base + H21A_REG_PWR);
		if ((readl(adev->base + H21A_REG_STATUS) & 0x1) != on)
			return -EIO;
	}
	adev->powered = on;
	return 0;
}

/*
 * Returns true with device_lock(dev) held when a driver is bound, false
 * (lock not held) otherwise.  Same contract as device_trylock(): not an
 * inconsistent return.
 */
bool h21a_lock_if_bound(struct device *dev)
{
	device_lock(dev);
	if (dev->driver)
		return true; /* EXPECT-NONE: lock-imbalance */
	device_unlock(dev);
	return false;
}

/*
 * Start a reprogramming sequence.  Meant to return with the lock dropped in
 * all cases; the -EBUSY exit forgets to drop it.
 */
int h21a_begin_reprogram(struct h21a_device *adev)
{
	struct device *dev = &adev->dev;
	int ret;

	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}
	if (!adev->pclk_on)
		return -EBUSY; /* EXPECT: lock-imbalance */

	h21a_pclk_gate(adev, false);
	ret = h21a_periph_reconfig_locked(dev, adev->cfg | H21A_CFG_SECURE); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return ret;
}

/* Error path jumps to the unlock before the lock is taken. */
int h21a_cell_sync(struct h21a_device *adev, u32 cfg)
{
	struct device *dev = &adev->dev;
	int ret;

	if (!adev->base) {
		ret = -ENXIO;
		goto out_unlock;
	}

	device_lock(dev);
	ret = h21a_periph_reconfig_locked(dev, cfg); /* EXPECT-NONE: device-lock-required */
out_unlock:
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return ret;
}

/* Same job, unwinding labels in the right order. */
int h21a_cell_sync_checked(struct h21a_device *adev, u32 cfg)
{
	struct device *dev = &adev->dev;
	int ret;

	if (!adev->base) {
		ret = -ENXIO;
		goto out;
	}

	device_lock(dev);
	ret = h21a_periph_reconfig_locked(dev, cfg); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
out:
	return ret;
}

/* Gate every registered cell; each cell's lock is taken in the loop. */
void h21a_gate_all_cells(bool on)
{
	struct h21a_device *adev;

	mutex_lock(&h21a_cells_lock);
	list_for_each_entry(adev, &h21a_cells, node) {
		device_lock(&adev->dev);
		h21a_pclk_gate(adev, on); /* EXPECT-NONE: device-lock-required */
		device_unlock(&adev->dev);
	}
	mutex_unlock(&h21a_cells_lock);
}

/* The list mutex is not a device lock: the cells' own locks are not held. */
void h21a_gate_all_cells_unlocked(bool on)
{
	struct h21a_device *adev;

	mutex_lock(&h21a_cells_lock);
	list_for_each_entry(adev, &h21a_cells, node)
		h21a_pclk_gate(adev, on); /* EXPECT: device-lock-required */
	mutex_unlock(&h21a_cells_lock);
}
