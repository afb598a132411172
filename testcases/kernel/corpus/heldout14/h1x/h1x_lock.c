// SPDX-License-Identifier: GPL-2.0-only
/*
 * h1x lock helpers: a trylock-style lookup that returns the logical device
 * locked, and the helpers whose callers must hold its device lock.
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/host1x.h>
#include <linux/of.h>
#include <linux/of_device.h>

#include "h1x.h"

/*
 * Returns the logical device with its device lock held, or NULL (lock not
 * taken) when it is busy or has been unregistered.
 */
struct host1x_device *h1x_lock_logical(struct h1x *h)
{
	struct host1x_device *hdev = h->hdev;

	if (!device_trylock(&hdev->dev))
		return NULL;

	if (!hdev->registered) {
		device_unlock(&hdev->dev);
		return NULL; /* EXPECT-NONE: lock-imbalance */
	}

	return hdev; /* EXPECT-NONE: lock-imbalance */
}

void h1x_sync_dma_mask(struct host1x_device *hdev)
{
	struct device *parent = hdev->dev.parent;

	device_lock_assert(&hdev->dev);

	if (parent && parent->dma_mask)
		hdev->dev.coherent_dma_mask = parent->coherent_dma_mask;
}

/**
 * h1x_set_dma_node() - take the DMA configuration of a host1x DT node
 * @hdev: the host1x logical device bound to this driver
 * @np: node whose iommus/dma-ranges describe the logical device
 *
 * Context: Process context. Caller holds the device lock of @hdev.
 * Return: 0 on success or a negative errno.
 */
int h1x_set_dma_node(struct host1x_device *hdev, struct device_node *np)
{
	return of_dma_configure(&hdev->dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
}
