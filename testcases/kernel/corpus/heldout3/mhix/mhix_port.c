// SPDX-License-Identifier: GPL-2.0
/*
 * mhix port helpers with a lock contract.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include "mhix.h"

/*
 * Start the channels of the port.  Shape of the job:
 * drivers/net/wwan/mhi_wwan_ctrl.c:mhi_wwan_ctrl_start(); of the
 * contract: net/devlink/dev.c:devlink_reload() (device_lock_assert() so
 * that probe/remove cannot race).
 */
int mhix_port_start(struct mhix_port *port)
{
	device_lock_assert(&port->mhi_dev->dev);

	if (port->started)
		return 0;
	port->started = true;
	return 0;
}

/*
 * Drop what is queued; the name says the MHI device's lock is held.
 * Shape: drivers/net/wwan/mhi_wwan_ctrl.c:mhi_wwan_ctrl_stop() for the
 * job, drivers/pci/pci.c:pci_reset_function_locked() for the name.
 */
void mhix_port_flush_locked(struct mhix_port *port)
{
	port->queued = 0;
	port->started = false;
}

/*
 * Take the device lock for a reset: 0 with the lock held, an error
 * without it.  Shape: drivers/usb/core/usb.c:usb_lock_device_for_reset()
 * (a trylock loop with a one-second limit); returning with the lock
 * exactly on success is its contract, not an imbalance.
 */
int mhix_lock_for_reset(struct mhi_device *mhi_dev)
{
	unsigned long expire = jiffies + HZ;

	if (!mhi_dev->dev.driver)
		return -ENODEV;
	while (!device_trylock(&mhi_dev->dev)) {
		if (time_after(jiffies, expire))
			return -EBUSY;
		msleep(15);
		if (!mhi_dev->dev.driver)
			return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}
