// SPDX-License-Identifier: GPL-2.0
/*
 * vmbx channel layer: the helpers with a device-lock contract that the
 * bus core (vmbx_bus.c) and the NIC driver (vmbx_nic.c) call, the bus's
 * dma_configure callback, the sub-channel ops table and lock helpers.
 * Shaped on drivers/hv/channel.c and drivers/hv/vmbus_drv.c (6.12).
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/lockdep.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "vmbx.h"

/*
 * vmbx_chan_set_ring_locked - resize the ring of a bound channel.
 * The caller holds device_lock(&vdev->dev): the ring belongs to the bound
 * driver (vdev->dev.driver), which only the lock keeps stable.
 */
int vmbx_chan_set_ring_locked(struct vmbx_device *vdev, u32 size)
{
	struct vmbx_channel *ch = vdev->channel;

	if (!vdev->dev.driver)
		return -ENODEV;
	ch->ring_size = size;
	return 0;
}

/*
 * Shaped on drivers/cxl/core/port.c dport helpers: the contract is an
 * assert on the device lock.
 */
void vmbx_chan_mark_rescinded(struct vmbx_device *vdev)
{
	device_lock_assert(&vdev->dev);
	vdev->channel->rescinded = true;
}

/**
 * vmbx_chan_set_mtu - program the host MTU of a channel
 * @dev: the vmbx device whose channel is programmed
 * @mtu: new MTU
 *
 * Context: Process context. Caller holds the device lock of @dev.
 *
 * Return: 0 on success, negative errno otherwise.
 */
int vmbx_chan_set_mtu(struct device *dev, u32 mtu)
{
	struct vmbx_device *vdev = to_vmbx_device(dev);

	if (!dev->driver)
		return -ENODEV;
	vdev->channel->mtu = mtu;
	return 0;
}

/* the contract spelled as lockdep_assert_held() on the device's mutex */
void vmbx_chan_reset_state(struct vmbx_device *vdev)
{
	lockdep_assert_held(&vdev->dev.mutex);
	vdev->channel->mtu = 0;
	vdev->channel->ring_size = VMBX_DEF_RING;
}

/*
 * The bus's dma_configure callback (vmbx_bus.c puts it into vmbx_bus).
 * Shaped on drivers/hv/vmbus_drv.c:vmbus_dma_configure(), which takes
 * the coherence of the VMBus ACPI device, and on drivers/bus/fsl-mc/
 * fsl-mc-bus.c:fsl_mc_dma_configure() for the stream-id forms.  The
 * driver core (drivers/base/dd.c:really_probe()) calls it with
 * device_lock(child) held.
 */
static int vmbx_dma_configure_of(struct device *child, struct device_node *np,
				 u32 id)
{
	/* only vmbx_dma_configure() calls this */
	return of_dma_configure_id(child, np, true, &id); /* EXPECT-NONE: dma-configure-outside-bus */
}

static int vmbx_dma_configure_acpi(struct device *child, struct device *root)
{
	/* only vmbx_dma_configure() calls this */
	return acpi_dma_configure(child, device_get_dma_attr(root)); /* EXPECT-NONE: dma-configure-outside-bus */
}

int vmbx_dma_configure(struct device *child)
{
	struct vmbx_device *vdev = to_vmbx_device(child);
	struct device *root = child->parent;
	u32 id = vdev->channel ? vdev->channel->offer_id : 0;

	if (vdev->fw_np && vdev->has_id)
		return vmbx_dma_configure_of(child, vdev->fw_np, id);
	if (vdev->fw_np)
		return of_dma_configure(child, vdev->fw_np, true); /* EXPECT-NONE: dma-configure-outside-bus */
	if (root && has_acpi_companion(root) && vdev->has_id)
		return acpi_dma_configure_id(child, device_get_dma_attr(root), &id); /* EXPECT-NONE: dma-configure-outside-bus */
	if (root && has_acpi_companion(root))
		return vmbx_dma_configure_acpi(child, root);
	if (root && root->of_node)
		return of_dma_configure(child, root->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus */
	return 0;
}

/*
 * Sub-channel devices, which vmbx_bus.c creates itself, are configured
 * through this ops table, as drivers/acpi/arm64/iort.c:
 * iort_add_platform_device() reaches arm_smmu_v3_dma_configure() through
 * its ops.  The device lock of the new device is taken here so that only
 * the dma rule is in question.
 */
static int vmbx_subchan_setup_dma(struct vmbx_device *vdev, struct device_node *np)
{
	guard(device)(&vdev->dev);
	return of_dma_configure(&vdev->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
}

const struct vmbx_chan_ops vmbx_subchan_ops = {
	.setup_dma = vmbx_subchan_setup_dma,
};

/*
 * Returns 0 with device_lock(&vdev->dev) held, or an error without it:
 * the lock is kept exactly on success, as drivers/usb/core/usb.c:
 * usb_lock_device_for_reset().
 */
int vmbx_lock_for_teardown(struct vmbx_device *vdev)
{
	if (device_lock_interruptible(&vdev->dev))
		return -EINTR;
	if (!vdev->dev.driver) {
		device_unlock(&vdev->dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* the unlock half: the caller got the lock from vmbx_lock_for_teardown() */
void vmbx_unlock_teardown(struct vmbx_device *vdev)
{
	device_unlock(&vdev->dev); /* EXPECT-NONE: lock-imbalance */
}

/*
 * Shaped on drivers/hv/channel.c:vmbus_reset_channel_cb(): a void
 * function whose early return keeps ch->lock while its other return
 * drops it; the caller cannot tell.
 */
void vmbx_chan_drain(struct vmbx_channel *ch)
{
	mutex_lock(&ch->lock);
	if (!ch->ring)
		return; /* EXPECT: lock-imbalance */
	kfree(ch->ring);
	ch->ring = NULL;
	mutex_unlock(&ch->lock);
}

/* twin: conditional locking under one test that does not change */
int vmbx_chan_flush(struct vmbx_channel *ch, bool need_lock)
{
	int ret = 0;

	if (need_lock)
		mutex_lock(&ch->lock);
	if (!ch->ring)
		ret = -ENODATA;
	else
		ch->ring_size = VMBX_DEF_RING;
	if (need_lock)
		mutex_unlock(&ch->lock);
	return ret; /* EXPECT-NONE: lock-imbalance */
}
