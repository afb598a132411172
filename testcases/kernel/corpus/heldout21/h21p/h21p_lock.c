// SPDX-License-Identifier: GPL-2.0
/*
 * h21p_lock.c - client-device helpers of the h21p PECI-style bus that carry
 * a device-lock contract; callers are in h21p_core.c and h21p_cputemp.c.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/peci/device.c: peci_get_revision(), peci_get_cpu_id(),
 *	peci_device_info_init(), peci_device_destroy() (the ->deleted flag)
 *   drivers/peci/request.c: peci_xfer_get_dib()
 *
 * Core locking facts read in 6.12: nothing here is called by the driver
 * core.  include/linux/device.h: device_lock_assert() is
 * lockdep_assert_held(&dev->mutex); device_lock_interruptible() returns 0
 * only with the mutex taken.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/lockdep.h>

#include "h21p.h"

/*
 * h21p_device_info_init_locked - fill device->info from the CPU.
 * @dev: the client's struct device
 *
 * Caller holds the device lock of @dev; info is read by the bound driver
 * and must not change under it.
 */
int h21p_device_info_init_locked(struct device *dev)
{
	struct h21p_device *device = to_h21p_device(dev);
	u32 dib, cpu_id;
	int ret;

	ret = h21p_xfer(device, H21P_CMD_GET_DIB, &dib);
	if (ret)
		return ret;
	ret = h21p_xfer(device, H21P_CMD_GET_TEMP, &cpu_id);
	if (ret)
		return ret;

	device->info.peci_revision = (dib >> 8) & 0xff;
	device->info.cpu_id = cpu_id;
	device->info.socket_id = device->addr - H21P_BASE_ADDR;
	device->info_valid = true;
	return 0;
}

/**
 * h21p_device_read_dib() - read the Device Info Byte of a client
 * @device: the client
 * @dib: where to store the DIB
 *
 * Context: Process context. Caller must hold the device lock of @device
 * (device_lock(&device->dev)).
 * Return: 0 on success, negative errno otherwise.
 */
int h21p_device_read_dib(struct h21p_device *device, u32 *dib)
{
	if (device->deleted)
		return -ENODEV;
	return h21p_xfer(device, H21P_CMD_GET_DIB, dib);
}

void h21p_device_mark_deleted(struct h21p_device *device)
{
	device_lock_assert(&device->dev);
	device->deleted = true;
	device->info_valid = false;
}

/*
 * Read the cached CPU id, refreshing it first when needed.  The refresh
 * branch returns with the lock still held.
 */
int h21p_device_get_info(struct h21p_device *device, u32 *cpu_id)
{
	struct device *dev = &device->dev;
	int ret;

	device_lock(dev);
	if (device->info_valid) {
		*cpu_id = device->info.cpu_id;
		device_unlock(dev);
		return 0; /* EXPECT-NONE: lock-imbalance */
	}

	ret = h21p_device_info_init_locked(dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret; /* EXPECT: lock-imbalance */

	*cpu_id = device->info.cpu_id;
	device_unlock(dev);
	return 0;
}

/* Same, with the error path unwinding correctly. */
int h21p_device_refresh(struct h21p_device *device)
{
	struct device *dev = &device->dev;
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	ret = h21p_device_info_init_locked(dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto unlock;

	device->info.socket_id = device->addr - H21P_BASE_ADDR;
unlock:
	device_unlock(dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Returns 0 with the client's lock held if the client is still live,
 * negative errno (lock not held) otherwise.
 */
int h21p_device_lock_live(struct h21p_device *device)
{
	int ret;

	ret = device_lock_interruptible(&device->dev);
	if (ret)
		return ret;
	if (device->deleted) {
		device_unlock(&device->dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}
