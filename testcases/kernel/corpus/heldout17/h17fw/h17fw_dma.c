// SPDX-License-Identifier: GPL-2.0
/*
 * h17fw - helpers run with the fw_unit's device lock held.
 *
 * The fw core serializes probe, update and remove of a unit by holding
 * device_lock(&unit->device) (drivers/firewire/core-device.c:update_unit()
 * takes it around driver->update(); the driver core's really_probe() and
 * __device_release_driver() run bus probe/remove under it).  The helpers
 * below rely on that and say so with device_lock_assert() or their name.
 */
#include <linux/device.h>
#include <linux/firewire.h>
#include <linux/firewire-constants.h>
#include <linux/of_device.h>
#include <linux/lockdep.h>

#include "h17fw.h"

/*
 * Point the unit's own DMA configuration at the 1394 controller's node,
 * so that ORBs can be mapped against &unit->device rather than
 * card->device as drivers/firewire/sbp2.c:sbp2_send_management_orb() does.
 */
int h17fw_dma_setup(struct device *dev, struct device_node *np)
{
	struct h17fw_unit *hu = dev_get_drvdata(dev);
	int ret;

	device_lock_assert(dev);

	ret = of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	hu->dma_ready = true;

	return 0;
}

void h17fw_dma_teardown(struct device *dev)
{
	struct h17fw_unit *hu = dev_get_drvdata(dev);

	device_lock_assert(dev);
	hu->dma_ready = false;
}

/* Like sbp2_update(): latch the new bus generation after a bus reset. */
void h17fw_reset_generation_locked(struct device *dev, int generation)
{
	struct h17fw_unit *hu = dev_get_drvdata(dev);

	hu->generation = generation;
	smp_rmb();	/* node_id must not be older than generation */
	hu->node_id = hu->fwdev->node_id;
}

/* Re-read the unit's part of the config ROM (may sleep). */
int h17fw_rom_refresh_locked(struct device *dev)
{
	struct h17fw_unit *hu = dev_get_drvdata(dev);
	struct fw_device *fwdev = hu->fwdev;
	__be32 data;
	int i, rcode;

	device_lock_assert(dev);

	for (i = 0; i < H17FW_ROM_QUADLETS; i++) {
		rcode = fw_run_transaction(fwdev->card,
					   TCODE_READ_QUADLET_REQUEST,
					   hu->node_id, hu->generation,
					   fwdev->max_speed,
					   CSR_REGISTER_BASE + 0x400 + i * 4,
					   &data, 4);
		if (rcode != RCODE_COMPLETE)
			return -EIO;
		hu->rom[i] = be32_to_cpu(data);
	}

	return 0;
}

/* Cheap check, safe in atomic context. */
bool h17fw_generation_stale_locked(struct device *dev)
{
	struct h17fw_unit *hu = dev_get_drvdata(dev);

	device_lock_assert(dev);

	return READ_ONCE(hu->fwdev->generation) != hu->generation;
}

/*
 * Returns 0 with hu->dev locked, or an error with it unlocked: the
 * shape of pci_dev_trylock().
 */
int h17fw_trylock_unit(struct h17fw_unit *hu)
{
	if (!device_trylock(hu->dev))
		return -EBUSY; /* EXPECT-NONE: lock-imbalance */

	if (hu->gone) {
		device_unlock(hu->dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}

	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Same contract as h17fw_trylock_unit(), but the removal check returns
 * with the lock still held while the other error returns drop it.
 */
int h17fw_trylock_unit_ready(struct h17fw_unit *hu)
{
	if (!device_trylock(hu->dev))
		return -EBUSY;

	if (hu->gone)
		return -ENODEV; /* EXPECT: lock-imbalance @h17fw_ready */

	if (!hu->dma_ready) {
		device_unlock(hu->dev);
		return -EAGAIN;
	}

	return 0;
}
