// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_pcie utilities.  Lock contracts as in the tree: an assert with
 * lockdep_assert_held(&dev->mutex) on a struct device (drivers/base/
 * core.c's device_links helpers do the same through device_lock_assert()),
 * the same assert on driver objects that merely have a "mutex" member
 * (drivers/comedi/drivers.c: comedi_device; a card's own function group),
 * a "Context:" line and a _locked name, and pci_dev_trylock()'s
 * conditional return (drivers/pci/pci.c).
 */
#include <linux/device.h>
#include <linux/pci.h>
#include "pcie.h"

/* Callers hold device_lock(dev). */
void xpci_reg_commit(struct device *dev)
{
	lockdep_assert_held(&dev->mutex);
	dev_dbg(dev, "registers committed\n");
}

/**
 * xpci_apply_bars - reprogram the BARs after a reset
 * @pdev: the function
 *
 * Context: Process context. The caller holds the device lock of @pdev.
 */
void xpci_apply_bars(struct pci_dev *pdev)
{
	xpci_reg_commit(&pdev->dev); /* EXPECT-NONE: device-lock-required */
}

/* The variant of a power switch for callers that hold pdev's device lock. */
int xpci_set_power_locked(struct pci_dev *pdev, int state)
{
	if (state > 3)
		return -EINVAL;
	xpci_reg_commit(&pdev->dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/* comedi_device-style: "dev" is a board, its mutex is a plain mutex. */
void xpci_board_attach(struct xpci_board *dev)
{
	lockdep_assert_held(&dev->mutex);
	dev->users++;
}

/* "group" is this card's own group of functions. */
void xpci_grp_update(struct xpci_group *group)
{
	lockdep_assert_held(&group->mutex);
	group->generation++;
}

/* pci_dev_trylock(): 1 with both locks held, 0 with neither. */
int xpci_dev_trylock(struct pci_dev *pdev)
{
	if (device_trylock(&pdev->dev)) {
		if (pci_cfg_access_trylock(pdev))
			return 1; /* EXPECT-NONE: lock-imbalance */
		device_unlock(&pdev->dev);
	}
	return 0;
}

/*
 * Meant as "0 with both locks held, an error with neither"; the -EBUSY path
 * forgets the device lock.
 */
int xpci_dev_lock_cfg(struct pci_dev *pdev)
{
	int ret = device_lock_interruptible(&pdev->dev);

	if (ret)
		return ret;
	if (!pci_cfg_access_trylock(pdev))
		return -EBUSY; /* EXPECT: lock-imbalance */
	return 0;
}
