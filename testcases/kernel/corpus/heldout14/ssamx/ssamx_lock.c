// SPDX-License-Identifier: GPL-2.0-only
/*
 * ssamx lock helpers.  The hub's device lock serialises child
 * (re)creation against unbinding, as device_for_each_child_reverse() in
 * the real hub expects a stable child list.
 */
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_device.h>

#include "ssamx.h"

/*
 * Lock function: 0 with the hub device locked, or a negative errno (-EINTR
 * or -ENODEV for a hot-removed hub) without the lock.
 */
int ssamx_hub_lock(struct ssamx *sx)
{
	struct ssam_device *sdev = sx->sdev;
	int ret;

	ret = device_lock_interruptible(&sdev->dev);
	if (ret)
		return ret;

	if (ssam_device_is_hot_removed(sdev)) {
		device_unlock(&sdev->dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}

	return 0; /* EXPECT-NONE: lock-imbalance */
}

void ssamx_hub_unlock(struct ssamx *sx)
{
	device_unlock(&sx->sdev->dev);
}

/* The hot-removed exit keeps the lock the other exits drop. */
int ssamx_hub_state(struct ssamx *sx, bool *connected)
{
	struct ssam_device *sdev = sx->sdev;

	device_lock(&sdev->dev);
	if (ssam_device_is_hot_removed(sdev))
		return -ENODEV; /* EXPECT: lock-imbalance */

	*connected = sx->connected;
	device_unlock(&sdev->dev);

	return 0;
}

int ssamx_hub_flags(struct ssamx *sx, unsigned long *flags)
{
	struct ssam_device *sdev = sx->sdev;

	guard(device)(&sdev->dev);
	if (ssam_device_is_hot_removed(sdev))
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */

	*flags = sdev->flags;

	return 0;
}

void ssamx_refresh_children(struct ssam_device *sdev)
{
	struct ssamx *sx = ssam_device_get_drvdata(sdev);

	device_lock_assert(&sdev->dev);

	if (sx && sx->child && ssam_device_is_hot_removed(sx->child))
		sx->connected = false;
}

/**
 * ssamx_child_dma_setup() - configure DMA for a client device we created
 * @child: client device allocated by the hub with ssam_device_alloc()
 * @np: node describing the DMA master
 *
 * Context: Process context. Caller holds the device lock of @child.
 * Return: 0 on success or a negative errno.
 */
int ssamx_child_dma_setup(struct ssam_device *child, struct device_node *np)
{
	if (!np)
		return 0;

	return of_dma_configure(&child->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */
}
