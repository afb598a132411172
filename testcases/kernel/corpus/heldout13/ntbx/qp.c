// SPDX-License-Identifier: GPL-2.0-only
/*
 * ntbx memory-window and link helpers.
 *
 * Mirrors drivers/ntb/ntb_transport.c:ntb_set_mw()/ntb_free_mw() (memory
 * window translation set up against ntb_get_dma_dev()) and the
 * ntb_link_enable() call of ntb_transport_probe().  The lock contracts
 * follow drivers/cxl/core/port.c: device_lock_assert(), a "_locked" name,
 * a kernel-doc "Context:" line.
 *
 * No core calls these directly; core.c and bus.c hold what each needs.
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/ntb.h>

#include "ntbx.h"

/*
 * ntb_transport_probe() enables the link once at probe; ntbx re-enables it
 * after a peer reset as well.  "_locked": device_lock(&ntb->dev) is held.
 */
int ntbx_link_enable_locked(struct ntb_dev *ntb)
{
	return ntb_link_enable(ntb, NTB_SPEED_AUTO, NTB_WIDTH_AUTO);
}

/*
 * ntb_transport.c:ntb_set_mw(): allocate the inbound buffer for window @idx
 * and program the translation.  The window table is owned by whoever holds
 * the NTB device's lock.
 */
int ntbx_setup_mw(struct ntbx_ctx *nt, int idx)
{
	struct ntbx_mw *mw = &nt->mw_vec[idx];
	struct device *dma_dev = ntb_get_dma_dev(nt->ndev);
	resource_size_t size_align, size_max, addr_align;
	size_t size;
	int rc;

	device_lock_assert(&nt->ndev->dev);

	if (mw->virt_addr)
		return 0;

	rc = ntb_mw_get_align(nt->ndev, NTBX_PIDX, idx, &addr_align,
			      &size_align, &size_max);
	if (rc)
		return rc;

	size = round_up(min_t(resource_size_t, mw->phys_size, size_max),
			size_align);
	mw->virt_addr = dma_alloc_coherent(dma_dev, size, &mw->dma_addr,
					   GFP_KERNEL);
	if (!mw->virt_addr)
		return -ENOMEM;

	if (!IS_ALIGNED(mw->dma_addr, addr_align)) {
		rc = -EINVAL;
		goto err_free;
	}

	mw->alloc_size = size;
	rc = ntb_mw_set_trans(nt->ndev, NTBX_PIDX, idx, mw->dma_addr, size);
	if (rc)
		goto err_free;

	return 0;

err_free:
	dma_free_coherent(dma_dev, size, mw->virt_addr, mw->dma_addr);
	mw->virt_addr = NULL;
	mw->alloc_size = 0;
	return rc;
}

/* ntb_transport.c:ntb_free_mw(); same ownership rule as ntbx_setup_mw(). */
void ntbx_free_mw(struct ntbx_ctx *nt, int idx)
{
	struct ntbx_mw *mw = &nt->mw_vec[idx];

	device_lock_assert(&nt->ndev->dev);

	if (!mw->virt_addr)
		return;

	ntb_mw_clear_trans(nt->ndev, NTBX_PIDX, idx);
	dma_free_coherent(ntb_get_dma_dev(nt->ndev), mw->alloc_size,
			  mw->virt_addr, mw->dma_addr);
	mw->virt_addr = NULL;
	mw->alloc_size = 0;
}

/**
 * ntbx_client_reset() - return a client device to its unbound state
 * @dev: device on the ntbx bus
 *
 * Clears the per-client queue state before a driver binds and after it
 * unbinds.
 *
 * Context: Process context. Caller holds the device lock of @dev.
 */
void ntbx_client_reset(struct device *dev)
{
	struct ntbx_client_dev *cdev = dev_to_ntbx_client(dev);

	cdev->started = false;
	dev_set_drvdata(dev, NULL);
}
