// SPDX-License-Identifier: GPL-2.0
/*
 * cxlx: firmware upload ops, shaped on drivers/cxl/core/memdev.c:
 * cxl_fw_prepare(), cxl_fw_poll_complete(), cxl_fw_cleanup().
 *
 * drivers/base/firmware_loader/sysfs_upload.c:fw_upload_main() is a work
 * item; it calls ->prepare, ->write, ->poll_complete and ->cleanup with no
 * device lock held (neither the PCI device's nor the memdev's).
 */
#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/pci.h>

#include "cxlx.h"

static enum fw_upload_err cxlx_fw_prepare(struct fw_upload *fwl, const u8 *data,
					  u32 size)
{
	struct cxlx_state *cxlds = fwl->dd_handle;

	cxlds->cancel = false;
	if (cxlx_pci_check(cxlds->pdev)) /* EXPECT: device-lock-required */
		return FW_UPLOAD_ERR_HW_ERROR;
	return size ? FW_UPLOAD_ERR_NONE : FW_UPLOAD_ERR_INVALID_SIZE;
}

static enum fw_upload_err cxlx_fw_write(struct fw_upload *fwl, const u8 *data,
					u32 offset, u32 size, u32 *written)
{
	struct cxlx_state *cxlds = fwl->dd_handle;

	if (cxlds->cancel)
		return FW_UPLOAD_ERR_CANCELED;
	*written = size;
	return FW_UPLOAD_ERR_NONE;
}

static enum fw_upload_err cxlx_fw_poll_complete(struct fw_upload *fwl)
{
	struct cxlx_state *cxlds = fwl->dd_handle;

	if (cxlx_fw_activate(cxlds->cxlmd, cxlds->staged_slot)) /* EXPECT: device-lock-required */
		return FW_UPLOAD_ERR_FW_INVALID;
	return FW_UPLOAD_ERR_NONE;
}

/* ->cancel: sysfs_upload.c:cancel_store(), no device lock either */
static void cxlx_fw_cancel(struct fw_upload *fwl)
{
	struct cxlx_state *cxlds = fwl->dd_handle;

	cxlds->cancel = true;
}

/* the twin of ->poll_complete: the memdev's lock by scoped_guard() */
static void cxlx_fw_cleanup(struct fw_upload *fwl)
{
	struct cxlx_state *cxlds = fwl->dd_handle;
	struct cxlx_memdev *md = cxlds->cxlmd;

	scoped_guard(device, &md->dev)
		cxlx_fw_activate(md, md->fw_slot ? md->fw_slot : 1); /* EXPECT-NONE: device-lock-required */
}

static const struct fw_upload_ops cxlx_fw_ops = {
	.prepare	= cxlx_fw_prepare,
	.write		= cxlx_fw_write,
	.poll_complete	= cxlx_fw_poll_complete,
	.cancel		= cxlx_fw_cancel,
	.cleanup	= cxlx_fw_cleanup,
};

int cxlx_fw_setup(struct cxlx_state *cxlds)
{
	struct device *dev = &cxlds->cxlmd->dev;
	struct fw_upload *fwl;

	fwl = firmware_upload_register(THIS_MODULE, dev, dev_name(dev),
				       &cxlx_fw_ops, cxlds);
	if (IS_ERR(fwl))
		return PTR_ERR(fwl);
	cxlds->fwl = fwl;
	return 0;
}

void cxlx_fw_teardown(struct cxlx_state *cxlds)
{
	firmware_upload_unregister(cxlds->fwl);
}
