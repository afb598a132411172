// SPDX-License-Identifier: GPL-2.0-only
/*
 * fslmcx - object and port state helpers and their locking rules
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fsl/mc.h>
#include <linux/lockdep.h>

#include "fslmcx.h"

/**
 * fslmcx_obj_reset_locked() - reset an MC object through its own portal
 * @mc_dev: the object to reset
 *
 * Context: Process context. Caller holds device_lock(&@mc_dev->dev).
 * Return: 0 on success or a negative errno.
 */
int fslmcx_obj_reset_locked(struct fsl_mc_device *mc_dev)
{
	device_lock_assert(&mc_dev->dev);

	if (!mc_dev->mc_io)
		return -ENODEV;

	return fsl_mc_obj_reset(mc_dev->mc_io, 0, mc_dev->mc_handle);
}

/**
 * fslmcx_cont_rescan_locked() - rescan the objects of a DPRC container
 * @cont: the container
 *
 * Context: Process context. Caller holds device_lock(&@cont->dev).
 * Return: 0 on success or a negative errno.
 */
int fslmcx_cont_rescan_locked(struct fsl_mc_device *cont)
{
	device_lock_assert(&cont->dev);

	if (!is_fsl_mc_bus_dprc(cont))
		return -EINVAL;

	return dprc_scan_container(cont, false);
}

/**
 * fslmcx_port_sync_locked() - push the cached port state to the firmware
 * @port: the port
 *
 * Context: Process context. Caller holds the device lock of @port.
 * Return: 0 on success or a negative errno.
 */
int fslmcx_port_sync_locked(struct fslmcx_port *port)
{
	struct fsl_mc_device *mc_dev = port->sw->mc_dev;

	lockdep_assert_held(&port->dev.mutex);

	if (!mc_dev->mc_io)
		return -ENODEV;

	port->cfg = port->link_up ? BIT(port->idx) : 0;
	return 0;
}

/**
 * fslmcx_port_apply() - re-apply a port's configuration after a link change
 * @port: the port
 *
 * Context: Process context. The device lock of @port->dev must be held.
 * Return: 0 on success or a negative errno.
 */
int fslmcx_port_apply(struct fslmcx_port *port)
{
	int err;

	err = fslmcx_port_sync_locked(port);	/* EXPECT-NONE: device-lock-required */
	if (err)
		return err;

	dev_dbg(&port->dev, "link %s, cfg %#x\n",
		port->link_up ? "up" : "down", port->cfg);
	return 0;
}

/**
 * fslmcx_lock_obj() - take an object's device lock for a firmware command
 * @mc_dev: the object
 * @nowait: fail with -EBUSY instead of sleeping
 *
 * Return: 0 with device_lock(&@mc_dev->dev) held, or a negative errno with
 * the lock not held.
 */
int fslmcx_lock_obj(struct fsl_mc_device *mc_dev, bool nowait)
{
	struct device *dev = &mc_dev->dev;

	if (nowait) {
		if (!device_trylock(dev))
			return -EBUSY;		/* EXPECT-NONE: lock-imbalance */
	} else if (device_lock_interruptible(dev)) {
		return -ERESTARTSYS;
	}

	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV;
	}

	return 0;				/* EXPECT-NONE: lock-imbalance */
}

/**
 * fslmcx_lock_container() - lock the DPRC that holds an object
 * @mc_dev: an object inside the container
 *
 * Never sleeps on the container lock: the container may be scanning and
 * adding objects with its lock held.
 *
 * Return: the container with its device lock held, or an ERR_PTR() with
 * no lock held (-EBUSY when the container is busy).
 */
struct fsl_mc_device *fslmcx_lock_container(struct fsl_mc_device *mc_dev)
{
	struct device *cont = mc_dev->dev.parent;

	if (!cont || !dev_is_fsl_mc(cont))
		return ERR_PTR(-ENODEV);

	if (!device_trylock(cont))
		return ERR_PTR(-EBUSY);

	if (!cont->driver) {
		device_unlock(cont);
		return ERR_PTR(-ENXIO);
	}

	return to_fsl_mc_device(cont);		/* EXPECT-NONE: lock-imbalance */
}

void fslmcx_unlock_container(struct fsl_mc_device *cont)
{
	device_unlock(&cont->dev);
}
