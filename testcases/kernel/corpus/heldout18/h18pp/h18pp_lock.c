// SPDX-License-Identifier: GPL-2.0
/*
 * h18pp_lock.c - helpers that need a pardevice's (or daisy device's) lock,
 * and the lock helpers of the driver.
 *
 * Contract styles imitated (linux 6.12):
 *   device_lock_assert()   drivers/xen/xen-pciback/pci_stub.c:pcistub_put_pci_dev
 *   *_locked name          drivers/cxl/core/port.c:cxl_decoder_add_locked
 *   "Context:" kernel-doc  drivers/usb/core/message.c:usb_set_configuration
 *   lock helper returning with the lock held exactly on success:
 *                          include/linux/device.h:device_lock_interruptible
 */
#include <linux/device.h>
#include <linux/parport.h>
#include "h18pp.h"

/* caller holds device_lock(dev) of the pardevice */
void h18pp_dev_setup_locked(struct device *dev)
{
	struct pardevice *pardev = to_pardevice(dev);

	pardev->timeout = HZ;
}

/**
 * h18pp_dev_poll - sample the status lines for the pardevice's owner
 * @pardev: our pardevice
 *
 * Context: Process context. Caller holds device_lock(&@pardev->dev).
 */
void h18pp_dev_poll(struct pardevice *pardev)
{
	struct h18pp *pp = pardev->private;

	device_lock_assert(&pardev->dev);
	pp->events++;
}

void h18pp_daisy_quiet_locked(struct device *dev, bool quiet)
{
	to_h18pp_daisy(dev)->quiet = quiet;
}

/* ---- lock helpers ---- */

int h18pp_lock_dev(struct h18pp *pp)
{
	struct device *dev = &pp->pardev->dev;

	device_lock(dev); /* EXPECT-NONE: lock-imbalance @pp_lockdev */
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance @pp_lockdev */
	}
	return 0; /* EXPECT-NONE: lock-imbalance @pp_lockdev */
}

void h18pp_unlock_dev(struct h18pp *pp)
{
	device_unlock(&pp->pardev->dev);
}

/* leaky: the unsupported-EPP case leaves the switch with the lock held */
int h18pp_set_mode(struct h18pp *pp, unsigned int mode)
{
	struct device *dev = &pp->pardev->dev;

	device_lock(dev); /* EXPECT: lock-imbalance @pp_mode */
	switch (mode) {
	case H18PP_MODE_SPP:
		break;
	case H18PP_MODE_EPP:
		if (!(pp->port->modes & PARPORT_MODE_EPP))
			return -EOPNOTSUPP; /* EXPECT: lock-imbalance @pp_mode */
		break;
	default:
		device_unlock(dev);
		return -EINVAL; /* EXPECT-NONE: lock-imbalance */
	}
	pp->mode = mode;
	h18pp_dev_setup_locked(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return 0; /* EXPECT-NONE: lock-imbalance */
}
