// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsgx endpoint devices and helpers with device-lock contracts.
 *
 * Shape: drivers/rpmsg/rpmsg_char.c:rpmsg_chrdev_eptdev_alloc() /
 * rpmsg_chrdev_eptdev_add() (device_initialize() of a per-endpoint device
 * parented to the rpmsg device, then cdev_device_add()), created either from
 * the rpmsg probe or from the control device's ioctl
 * (drivers/rpmsg/rpmsg_ctrl.c:rpmsg_ctrldev_ioctl()).
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "rpmsgx.h"

static void rpmsgx_eptdev_release(struct device *dev)
{
	kfree(container_of(dev, struct rpmsgx_eptdev, dev));
}

struct rpmsgx_eptdev *rpmsgx_eptdev_alloc(struct rpmsgx *rx, u32 addr)
{
	struct rpmsgx_eptdev *e;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return NULL;

	e->rx = rx;
	e->addr = addr;
	device_initialize(&e->dev);
	e->dev.parent = rx->dev;
	e->dev.release = rpmsgx_eptdev_release;
	if (dev_set_name(&e->dev, "rpmsgx-ept.%u", addr)) {
		put_device(&e->dev);
		return NULL;
	}
	return e;
}

/*
 * Own contract (assert), so the requirement is on the callers; the DMA call
 * itself is on a device this module created.
 */
int rpmsgx_eptdev_dma_locked(struct rpmsgx_eptdev *e)
{
	device_lock_assert(&e->dev);
	return of_dma_configure(&e->dev, e->rx->fw_np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
}

/**
 * rpmsgx_ept_flush() - drop buffered state of the channel
 * @rx: driver state
 *
 * Context: Caller holds device_lock(&rx->rpdev->dev).
 */
void rpmsgx_ept_flush(struct rpmsgx *rx)
{
	rx->last = 0;
}

/* Contract by name; does not sleep. */
void rpmsgx_note_locked(struct rpmsgx *rx)
{
	rx->beats++;
}

/*
 * ioctl-created endpoint on an ACPI system; called from the unlocked ioctl
 * (rpmsgx_drv.c), it takes the new device's lock itself.  The error path
 * after device_add() jumps to the unlock label although the lock was already
 * dropped.
 */
int rpmsgx_eptdev_create_acpi(struct rpmsgx *rx, u32 addr)
{
	struct rpmsgx_eptdev *e;
	int ret;

	e = rpmsgx_eptdev_alloc(rx, addr);
	if (!e)
		return -ENOMEM;

	device_lock(&e->dev);
	ret = acpi_dma_configure(&e->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	if (ret)
		goto err_unlock;
	device_unlock(&e->dev); /* EXPECT-NONE: lock-imbalance */

	ret = device_add(&e->dev);
	if (ret)
		goto err_unlock;
	return 0;

err_unlock:
	device_unlock(&e->dev); /* EXPECT: lock-imbalance */
	put_device(&e->dev);
	return ret;
}
