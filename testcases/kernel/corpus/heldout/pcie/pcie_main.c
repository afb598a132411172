// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_pcie: a PCI driver.  probe/remove and the PCI core's callbacks
 * that hold the function's device lock (err_handler->error_detected and
 * ->slot_reset from drivers/pci/pcie/err.c, ->sriov_configure from
 * sriov_numvfs_store() in drivers/pci/iov.c), against a debugfs file
 * whose write handler holds nothing (mlxsw_pci_reset_at_pci_disable()
 * asserts the device lock for the same reason: drivers/net/ethernet/
 * mellanox/mlxsw/pci.c).
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include "pcie.h"

static ssize_t xpci_dbg_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	struct xpci *priv = file->private_data;
	struct pci_dev *pdev = priv->pdev;

	xpci_apply_bars(pdev); /* EXPECT: device-lock-required */
	xpci_set_power_locked(pdev, 3); /* EXPECT: device-lock-required */

	if (xpci_dev_trylock(pdev)) {
		xpci_reg_commit(&pdev->dev); /* EXPECT-NONE: device-lock-required */
		pci_cfg_access_unlock(pdev);
		device_unlock(&pdev->dev); /* EXPECT-NONE: lock-imbalance */
	}
	xpci_reg_commit(&pdev->dev); /* EXPECT: device-lock-required */

	mutex_lock(&priv->board.mutex);
	xpci_board_attach(&priv->board); /* EXPECT-NONE: device-lock-required */
	mutex_unlock(&priv->board.mutex);
	xpci_board_attach(&priv->board); /* EXPECT-NONE: device-lock-required */
	xpci_grp_update(&priv->grp); /* EXPECT-NONE: group-mutex-required */
	return len;
}

static const struct file_operations xpci_dbg_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = xpci_dbg_write,
};

static int xpci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device_node *np = pdev->dev.of_node;
	struct xpci *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->pdev = pdev;
	mutex_init(&priv->board.mutex);
	mutex_init(&priv->grp.mutex);
	pci_set_drvdata(pdev, priv);

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	xpci_apply_bars(pdev); /* EXPECT-NONE: device-lock-required */
	ret = xpci_set_power_locked(pdev, 0); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	if (np && of_property_read_bool(np, "corpus,secure-contexts"))
		ret = xpci_ctx_add_secure(priv, np);
	else if (np)
		ret = xpci_ctx_add_all(priv, np);
	if (ret)
		return ret;

	mutex_lock(&priv->grp.mutex);
	xpci_grp_update(&priv->grp); /* EXPECT-NONE: group-mutex-required */
	mutex_unlock(&priv->grp.mutex);

	priv->dbg = debugfs_create_file(pci_name(pdev), 0200, NULL, priv, &xpci_dbg_fops);
	return 0;
}

static void xpci_remove(struct pci_dev *pdev)
{
	struct xpci *priv = pci_get_drvdata(pdev);

	debugfs_remove(priv->dbg);
	xpci_reg_commit(&pdev->dev); /* EXPECT-NONE: device-lock-required */
}

static pci_ers_result_t xpci_error_detected(struct pci_dev *pdev,
					    pci_channel_state_t state)
{
	xpci_apply_bars(pdev); /* EXPECT-NONE: device-lock-required */
	return state == pci_channel_io_perm_failure ?
		PCI_ERS_RESULT_DISCONNECT : PCI_ERS_RESULT_NEED_RESET;
}

static pci_ers_result_t xpci_slot_reset(struct pci_dev *pdev)
{
	return xpci_set_power_locked(pdev, 0) ? /* EXPECT-NONE: device-lock-required */
		PCI_ERS_RESULT_DISCONNECT : PCI_ERS_RESULT_RECOVERED;
}

static const struct pci_error_handlers xpci_err_handler = {
	.error_detected = xpci_error_detected,
	.slot_reset = xpci_slot_reset,
};

static int xpci_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	xpci_reg_commit(&pdev->dev); /* EXPECT-NONE: device-lock-required */
	return num_vfs ? pci_enable_sriov(pdev, num_vfs) : (pci_disable_sriov(pdev), 0);
}

static const struct pci_device_id xpci_ids[] = {
	{ PCI_DEVICE(0x1af4, 0x10f0) },
	{ }
};
MODULE_DEVICE_TABLE(pci, xpci_ids);

static struct pci_driver xpci_driver = {
	.name = "corpus-pcie",
	.id_table = xpci_ids,
	.probe = xpci_probe,
	.remove = xpci_remove,
	.err_handler = &xpci_err_handler,
	.sriov_configure = xpci_sriov_configure,
};
module_pci_driver(xpci_driver);

MODULE_DESCRIPTION("iommu-lockcheck corpus: PCI driver shapes");
MODULE_LICENSE("GPL");
