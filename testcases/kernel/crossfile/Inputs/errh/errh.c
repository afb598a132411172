// SPDX-License-Identifier: GPL-2.0
/*
 * Entry contexts that only the PCI core's code states: drivers/pci/pcie/
 * err.c calls ->error_detected() and ->slot_reset() holding the device
 * lock of the function it passes; the VFS calls a debugfs write handler
 * holding nothing of the device behind its private data.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/pci.h>

static void errh_commit(struct pci_dev *pdev)
{
	device_lock_assert(&pdev->dev);
}

static pci_ers_result_t errh_error_detected(struct pci_dev *pdev,
					    pci_channel_state_t state)
{
	errh_commit(pdev);
	return PCI_ERS_RESULT_NEED_RESET;
}

static pci_ers_result_t errh_slot_reset(struct pci_dev *pdev)
{
	errh_commit(pdev);
	return PCI_ERS_RESULT_RECOVERED;
}

static const struct pci_error_handlers errh_err_handler = {
	.error_detected = errh_error_detected,
	.slot_reset = errh_slot_reset,
};

static ssize_t errh_write(struct file *file, const char __user *buf,
			  size_t len, loff_t *ppos)
{
	struct pci_dev *pdev = file->private_data;

	errh_commit(pdev);
	return len;
}

const struct file_operations errh_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = errh_write,
};

static const struct pci_device_id errh_ids[] = {
	{ PCI_DEVICE(0x1af4, 0x10f1) },
	{ }
};
MODULE_DEVICE_TABLE(pci, errh_ids);

static struct pci_driver errh_driver = {
	.name = "errh",
	.id_table = errh_ids,
	.err_handler = &errh_err_handler,
};
module_pci_driver(errh_driver);

MODULE_DESCRIPTION("iommu-lockcheck test: slot contexts of the PCI core");
MODULE_LICENSE("GPL");
