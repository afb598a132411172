// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_plat helpers used by the other two files of the module.  Their
 * contracts are those of drivers/cxl/core/port.c and drivers/usb/core:
 * an assert (cxl_port's device_lock_assert(&port->dev) helpers), a name
 * ending in _locked (cxl_decoder_add_locked()) and a kernel-doc Context:
 * line (usb_set_configuration(): "Caller holds device lock").
 */
#include <linux/device.h>
#include "plat.h"

/* Its callers must hold device_lock(dev): it says so with an assert. */
void plat_apply_quirks(struct device *dev)
{
	device_lock_assert(dev);
	dev_dbg(dev, "quirks applied\n");
}

/*
 * The locked variant of a mode switch: the caller holds device_lock(dev),
 * as with cxl_decoder_add_locked().
 */
int plat_set_mode_locked(struct device *dev, int mode)
{
	struct plat_priv *priv = dev_get_drvdata(dev);

	if (mode < 0)
		return -EINVAL;
	priv->mode = mode;
	plat_apply_quirks(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/**
 * plat_reset_hw - put the block back into its reset state
 * @dev: the device to reset
 *
 * Context: task context, might sleep. Caller holds device lock.
 *
 * Return: 0.
 */
int plat_reset_hw(struct device *dev)
{
	plat_apply_quirks(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}
