// SPDX-License-Identifier: GPL-2.0
/*
 * spix_hw.c - register helpers shared by the spix controller and client.
 * Each states its locking contract on the struct device it is given: by an
 * assertion (as drivers/cxl/core/port.c's dport helpers do with
 * device_lock_assert()), by a _locked name (as drivers/cxl/core/port.c:
 * cxl_decoder_add_locked()) or by a kernel-doc Context: line (as
 * drivers/usb/core/message.c:usb_set_configuration()).  The call sites are
 * in spix_host.c and spix_chip.c.
 */
#include <linux/device.h>
#include <linux/export.h>
#include "spix.h"

/**
 * spix_hw_set_cs_timing - program the chip-select setup/hold time
 * @dev: the controller's or the client's device
 * @ns: the time in nanoseconds
 *
 * Return: 0, or -ENODEV when the device has no driver data.
 */
int spix_hw_set_cs_timing(struct device *dev, u32 ns)
{
	struct spix_state *st = dev_get_drvdata(dev);

	device_lock_assert(dev);

	if (!st)
		return -ENODEV;
	st->cs_ns = ns;
	dev_dbg(dev, "cs timing %u ns\n", ns);
	return 0;
}

/*
 * spix_hw_reload_locked - reload the FIFO watermark; the caller holds the
 * device lock of @dev (the name says it, as cxl_decoder_add_locked()).
 */
int spix_hw_reload_locked(struct device *dev, u32 level)
{
	struct spix_state *st = dev_get_drvdata(dev);

	if (!st)
		return -ENODEV;
	st->fifo_level = level;
	dev_dbg(dev, "fifo watermark %u\n", level);
	return 0;
}

/**
 * spix_hw_flush_fifo - drop whatever the FIFO holds
 * @dev: the controller's or the client's device
 *
 * Context: Process context.  Must be called with the device lock of @dev
 * held (device_lock()).
 */
void spix_hw_flush_fifo(struct device *dev)
{
	struct spix_state *st = dev_get_drvdata(dev);

	if (!st)
		return;
	st->flushes++;
	st->pending = 0;
}
