// SPDX-License-Identifier: GPL-2.0
/*
 * mfcx helpers with a lock contract, called from mfcx_main.c and
 * mfcx_engine.c.
 */
#include <linux/device.h>
#include <linux/list.h>
#include "mfcx.h"

/*
 * Claim a bonded sibling (another platform device of the same driver).
 * Shape: drivers/media/platform/renesas/rcar_drif.c:
 * rcar_drif_bond_available(): the sibling's drvdata is read under its
 * device_lock() so that its driver cannot unbind meanwhile; here the
 * helper asserts it.
 */
int mfcx_bond_claim(struct platform_device *bonded, struct mfcx_core *core)
{
	device_lock_assert(&bonded->dev);

	if (!platform_get_drvdata(bonded))
		return -EPROBE_DEFER;
	if (core->nbonded == MFCX_MAX_BONDS)
		return -ENOSPC;
	core->bonded[core->nbonded++] = bonded;
	return 0;
}

/*
 * Shape: drivers/pci/pci.c:pci_reset_function_locked() (the name says the
 * caller holds the device lock of core->dev).
 */
void mfcx_core_reset_locked(struct mfcx_core *core)
{
	core->resets++;
	core->powered = false;
}

/**
 * mfcx_core_power() - power the codec core up or down
 * @core: the core
 * @on: the new state
 *
 * Shape: drivers/media/platform/samsung/s5p-mfc/s5p_mfc_pm.c:
 * s5p_mfc_power_on(); contract as drivers/usb/core/message.c:
 * usb_set_configuration().
 *
 * Context: task context, might sleep. Caller holds device lock.
 */
int mfcx_core_power(struct mfcx_core *core, bool on)
{
	if (on == core->powered)
		return 0;
	core->powered = on;
	return 0;
}

/**
 * mfcx_ctx_add - add a context to the core's list
 * @core: the core
 * @ctx: the context
 * Context: Calling function should acquire core->ctx_device_lock
 *
 * Shape: drivers/scsi/mpt3sas/mpt3sas_scsih.c:mpt3sas_get_sdev_by_handle()
 * (a spinlock whose name ends in "device_lock"; not the driver core's
 * device lock).
 */
void mfcx_ctx_add(struct mfcx_core *core, struct mfcx_ctx *ctx)
{
	assert_spin_locked(&core->ctx_device_lock);
	list_add_tail(&ctx->node, &core->ctxs);
}
