// SPDX-License-Identifier: GPL-2.0
/*
 * serdx line-control helpers.  Each helper states its device-lock contract
 * in one of the ways kernel code does: a _locked suffix, an explicit
 * device_lock_assert(), or a kernel-doc Context: line.  The callers live in
 * serdx_main.c.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/serdev.h>

#include "serdx.h"

#define SERDX_MAX_BAUD	4000000

/* Contract by name only (no assert inside). */
int serdx_ctl_apply_locked(struct serdx_priv *priv, u32 mode)
{
	priv->mode = mode;
	serdev_device_set_flow_control(priv->serdev, mode & 1);
	return 0;
}

/* Contract by assert, as drivers/net/ethernet/mellanox/mlxsw/pci.c does. */
void serdx_ctl_reset(struct serdx_priv *priv)
{
	device_lock_assert(priv->dev);
	priv->mode = 0;
	serdev_device_set_flow_control(priv->serdev, false);
}

/**
 * serdx_ctl_sync() - push the cached baud rate to the UART
 * @priv: driver state
 *
 * Context: Process context. Caller must hold the device lock of @priv->dev.
 */
void serdx_ctl_sync(struct serdx_priv *priv)
{
	if (priv->baud)
		serdev_device_set_baudrate(priv->serdev, priv->baud);
}

/*
 * Module-local lock helper: returns 0 with device_lock(priv->dev) held, or a
 * negative errno without it.  Same contract as device_lock_interruptible()
 * and drivers/usb/core/hub.c:usb_lock_device_for_reset() (lock only on
 * success), which is not an imbalance.
 */
int serdx_ctl_lock(struct serdx_priv *priv)
{
	int ret;

	ret = device_lock_interruptible(priv->dev);
	if (ret)
		return ret;
	if (priv->dead) {
		device_unlock(priv->dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Inconsistent returns: the range check bails out with the lock still held,
 * while the -EINVAL and success returns are unlocked (both error returns are
 * negative, so the return value does not tell the caller).  The fixed shape
 * is the goto-unlock of drivers/net/ethernet/ti/icssg/icss_iep.c:
 * icss_iep_get_idx(), see serdx_ctl_set_baud_checked() below.
 */
int serdx_ctl_set_baud(struct serdx_priv *priv, u32 baud)
{
	if (!baud)
		return -EINVAL;

	device_lock(priv->dev);
	if (baud > SERDX_MAX_BAUD)
		return -ERANGE; /* EXPECT: lock-imbalance */
	priv->baud = baud;
	serdx_ctl_sync(priv);
	device_unlock(priv->dev);
	return 0;
}

int serdx_ctl_set_baud_checked(struct serdx_priv *priv, u32 baud)
{
	int ret = 0;

	if (!baud)
		return -EINVAL;

	device_lock(priv->dev);
	if (baud > SERDX_MAX_BAUD) {
		ret = -ERANGE;
		goto unlock;
	}
	priv->baud = baud;
	serdx_ctl_sync(priv);
unlock:
	device_unlock(priv->dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}
