// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers of qbus whose lock contract the other files must honour.
 * No site is labelled here: a requirement's site is the call in the caller
 * that lacks the lock (qbus_bus.c, qbus_host.c).
 */
#include <linux/device.h>
#include <linux/lockdep.h>
#include "qbus.h"

/*
 * Shape: drivers/vfio/pci/vfio_pci_core.c:vfio_pci_core_sriov_configure(),
 * an exported helper that asserts the device lock its callers in another
 * file (vfio_pci.c) hold.
 */
int qbus_dev_apply_mode(struct qbus_device *qd, u32 mode)
{
	device_lock_assert(&qd->dev);

	if (!qd->dev.driver)
		return -ENODEV;
	qd->mode = mode;
	return 0;
}

/*
 * Shape: drivers/cxl/core/port.c:cxl_decoder_add_locked(): the name says
 * the caller holds the lock; nothing in the body asserts it.  dev->driver
 * is only stable under device_lock().
 */
int qbus_dev_reset_locked(struct qbus_device *qd)
{
	if (!qd->dev.driver)
		return -ENODEV;
	qd->mode = 0;
	qd->powered = false;
	return 0;
}

/**
 * qbus_dev_set_power() - switch a qbus device's power domain
 * @qd: the device
 * @on: the new state
 *
 * Shape: drivers/usb/core/message.c:usb_set_configuration(), whose
 * contract is only in its kernel-doc.
 *
 * Context: task context, might sleep.  Caller holds device lock.
 *
 * Return: 0, or -ENODEV when no driver is bound.
 */
int qbus_dev_set_power(struct qbus_device *qd, bool on)
{
	if (!qd->dev.driver)
		return -ENODEV;
	qd->powered = on;
	return 0;
}

/*
 * Shape: drivers/base/core.c:kill_device(), which asserts the device lock
 * of its argument; spelled here as the body of
 * include/linux/device.h:device_lock_assert(), on the mutex itself.
 */
void qbus_dev_sync_state(struct device *dev)
{
	lockdep_assert_held(&dev->mutex);

	if (dev->driver)
		dev_dbg(dev, "state synced\n");
}
