// SPDX-License-Identifier: GPL-2.0
/*
 * cxlx: the PCI driver, its error handlers and its mailbox work, shaped on
 * drivers/cxl/pci.c (cxl_pci_probe(), cxl_error_detected(),
 * cxl_reset_done(), cxl_mbox_sanitize_work()).
 */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/pci.h>

#include "cxlx.h"

/*
 * The mailbox background work, as cxl/pci.c:cxl_mbox_sanitize_work(): a
 * kworker holding neither the PCI device's lock nor the memdev's.
 */
static void cxlx_mbox_work(struct work_struct *work)
{
	struct cxlx_state *cxlds = container_of(work, struct cxlx_state, mbox_work);
	struct cxlx_memdev *md = cxlds->cxlmd;

	if (cxlx_pci_check(cxlds->pdev)) /* EXPECT: device-lock-required */
		return;

	/* the memdev's lock, tried as drivers/pci/pci.c:pci_dev_trylock() */
	if (device_trylock(&md->dev)) {
		cxlx_fw_activate(md, cxlds->staged_slot); /* EXPECT-NONE: device-lock-required */
		device_unlock(&md->dev);
	}
}

/*
 * pci_driver.probe: drivers/pci/pci-driver.c:local_pci_probe() from
 * pci_device_probe(), run by really_probe() under device_lock(&pdev->dev).
 * The memdev it creates is a different device, whose lock nobody holds.
 */
static int cxlx_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct cxlx_state *cxlds;
	struct cxlx_memdev *md;
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	ret = cxlx_pci_check(pdev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	cxlds = devm_kzalloc(&pdev->dev, sizeof(*cxlds), GFP_KERNEL);
	if (!cxlds)
		return -ENOMEM;
	cxlds->pdev = pdev;
	INIT_WORK(&cxlds->mbox_work, cxlx_mbox_work);
	pci_set_drvdata(pdev, cxlds);

	md = cxlx_memdev_add(cxlds);
	if (IS_ERR(md))
		return PTR_ERR(md);
	cxlds->cxlmd = md;
	cxlx_memdev_set_endpoint(md, true); /* EXPECT: device-lock-required */

	ret = cxlx_fw_setup(cxlds);
	if (ret) {
		cxlx_memdev_del(md);
		return ret;
	}
	schedule_work(&cxlds->mbox_work);
	return 0;
}

/*
 * pci_driver.remove: pci_device_remove() from device_remove(), under
 * device_lock(&pdev->dev) (dd.c:device_release_driver_internal()); the
 * memdev's lock is taken with guard(device), as cxl_reset_done().
 */
static void cxlx_pci_remove(struct pci_dev *pdev)
{
	struct cxlx_state *cxlds = pci_get_drvdata(pdev);
	struct cxlx_memdev *md = cxlds->cxlmd;

	cxlx_fw_teardown(cxlds);
	cancel_work_sync(&cxlds->mbox_work);
	{
		guard(device)(&md->dev);
		cxlx_memdev_set_endpoint(md, false); /* EXPECT-NONE: device-lock-required */
	}
	cxlx_memdev_del(md);
}

/*
 * pci_error_handlers.error_detected: drivers/pci/pcie/err.c:
 * report_error_detected() calls it under device_lock(&dev->dev).
 */
static pci_ers_result_t cxlx_error_detected(struct pci_dev *pdev,
					    pci_channel_state_t state)
{
	if (state == pci_channel_io_perm_failure)
		return PCI_ERS_RESULT_DISCONNECT;
	if (cxlx_pci_check(pdev)) /* EXPECT-NONE: device-lock-required */
		return PCI_ERS_RESULT_NEED_RESET;
	return PCI_ERS_RESULT_CAN_RECOVER;
}

/*
 * pci_error_handlers.reset_prepare / .reset_done: drivers/pci/pci.c:
 * pci_dev_save_and_disable() / pci_dev_restore(), from
 * pci_reset_function() after pci_dev_lock(dev): the PCI device's lock is
 * held, the memdev's is not.
 */
static void cxlx_reset_prepare(struct pci_dev *pdev)
{
	struct cxlx_state *cxlds = pci_get_drvdata(pdev);

	cxlx_memdev_set_endpoint(cxlds->cxlmd, false); /* EXPECT: device-lock-required */
}

/* as drivers/cxl/pci.c:cxl_reset_done(): guard(device)(&cxlmd->dev) */
static void cxlx_reset_done(struct pci_dev *pdev)
{
	struct cxlx_state *cxlds = pci_get_drvdata(pdev);
	struct cxlx_memdev *cxlmd = cxlds->cxlmd;

	guard(device)(&cxlmd->dev);
	cxlx_memdev_set_endpoint(cxlmd, true); /* EXPECT-NONE: device-lock-required */
}

static const struct pci_error_handlers cxlx_error_handlers = {
	.error_detected	= cxlx_error_detected,
	.reset_prepare	= cxlx_reset_prepare,
	.reset_done	= cxlx_reset_done,
};

static const struct pci_device_id cxlx_pci_tbl[] = {
	{ PCI_DEVICE_CLASS((PCI_CLASS_MEMORY_CXL << 8) | 0x10, ~0) },
	{ }
};
MODULE_DEVICE_TABLE(pci, cxlx_pci_tbl);

static struct pci_driver cxlx_pci_driver = {
	.name		= "cxlx",
	.id_table	= cxlx_pci_tbl,
	.probe		= cxlx_pci_probe,
	.remove		= cxlx_pci_remove,
	.err_handler	= &cxlx_error_handlers,
};
module_pci_driver(cxlx_pci_driver);

MODULE_DESCRIPTION("iommu-lockcheck corpus: CXL-like memory expander");
MODULE_LICENSE("GPL");
