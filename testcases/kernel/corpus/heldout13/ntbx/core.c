// SPDX-License-Identifier: GPL-2.0-only
/*
 * ntbx - NTB client that exports memory windows to a bus of protocol
 * drivers.
 *
 * Mirrors drivers/ntb/ntb_transport.c (ntb_transport_probe()/
 * ntb_transport_free(), ntb_transport_event_callback(), the link and
 * cleanup work items), drivers/ntb/test/ntb_tool.c (debugfs link and
 * memory-window files, tool_link_write()), drivers/pci/pci-driver.c:
 * pci_dma_configure() (DMA setup from the host bridge) and
 * drivers/gpu/drm/msm/adreno/a6xx_gmu.c:a6xx_gmu_wrapper_init()
 * (configuring a device this driver does not own).
 *
 * What the core holds around each callback in 6.12:
 *  - ntb_client_ops.probe/.remove: drivers/ntb/core.c:ntb_probe()/
 *    ntb_remove() are ntb_bus's bus_type.probe/.remove, called by
 *    drivers/base/dd.c:really_probe()/device_remove() with
 *    device_lock(&ntb->dev) held (__driver_attach()/__device_attach(),
 *    device_release_driver_internal()).  The parent PCI function's lock is
 *    only taken for device types with need_parent_lock, which ntb->dev does
 *    not have; it is held when the hardware driver registers the NTB from
 *    its own PCI probe, not when this module is loaded afterwards.
 *  - ntb_ctx_ops.link_event: ntb/core.c:ntb_link_event() under
 *    spin_lock_irqsave(&ntb->ctx_lock), from the hardware driver's interrupt
 *    handler (ntb/hw/intel/ntb_hw_gen1.c:ndev_interrupt()).  No device lock.
 *  - work items: kernel/workqueue.c:process_one_work(), no device lock.
 *  - debugfs file ops: no device lock.
 */
#include <linux/acpi.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/ntb.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pci.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "ntbx.h"

static struct dentry *ntbx_dbgfs_topdir;

/*
 * ntb_transport.c:ntb_transport_event_callback(), called by ntb/core.c:
 * ntb_link_event() under ntb->ctx_lock from the hardware interrupt: no
 * device lock.  A dropped link is retrained straight from here.
 */
static void ntbx_link_event(void *data)
{
	struct ntbx_ctx *nt = data;

	if (ntb_link_is_up(nt->ndev, NULL, NULL) == 1) {
		schedule_delayed_work(&nt->link_work, 0);
		return;
	}

	ntbx_link_enable_locked(nt->ndev); /* EXPECT: device-lock-required */
	schedule_work(&nt->link_cleanup);
}

static const struct ntb_ctx_ops ntbx_ctx_ops = {
	.link_event = ntbx_link_event,
};

/*
 * ntb_transport.c:ntb_transport_link_work().  Workqueue context, no device
 * lock on entry; the window table is taken under the NTB device's lock.
 */
static void ntbx_link_work(struct work_struct *work)
{
	struct ntbx_ctx *nt = container_of(work, struct ntbx_ctx,
					   link_work.work);
	int i, rc;

	guard(device)(&nt->ndev->dev); /* EXPECT-NONE: lock-imbalance */
	for (i = 0; i < nt->mw_count; i++) {
		rc = ntbx_setup_mw(nt, i); /* EXPECT-NONE: device-lock-required */
		if (rc) {
			dev_warn(&nt->ndev->dev, "mw%d setup failed: %d\n",
				 i, rc);
			return;
		}
	}
	nt->link_is_up = true;
}

/*
 * ntb_transport.c:ntb_transport_link_cleanup_work().  Workqueue context,
 * no device lock on entry.
 */
static void ntbx_link_cleanup_work(struct work_struct *work)
{
	struct ntbx_ctx *nt = container_of(work, struct ntbx_ctx, link_cleanup);
	int i;

	scoped_guard(device, &nt->ndev->dev) {
		nt->link_is_up = false;
		for (i = 0; i < nt->mw_count; i++)
			ntbx_free_mw(nt, i); /* EXPECT-NONE: device-lock-required */
	}
}

/*
 * ntb_tool.c:tool_link_write().  debugfs write, no device lock: the link
 * is enabled without the lock ntbx_link_enable_locked() wants.
 */
static ssize_t ntbx_dbgfs_link_write(struct file *file, const char __user *ubuf,
				     size_t size, loff_t *offp)
{
	struct ntbx_ctx *nt = file->private_data;
	bool val;
	int ret;

	ret = kstrtobool_from_user(ubuf, size, &val);
	if (ret)
		return ret;

	if (val)
		ret = ntbx_link_enable_locked(nt->ndev); /* EXPECT: device-lock-required */
	else
		ret = ntb_link_disable(nt->ndev);

	return ret ? ret : size;
}

static const struct file_operations ntbx_dbgfs_link_fops = {
	.open	= simple_open,
	.write	= ntbx_dbgfs_link_write,
};

/*
 * ntb_tool.c:tool_mw_trans_write(): set up one inbound window by index.
 * debugfs write, no device lock on entry; every exit drops the lock.
 */
static ssize_t ntbx_dbgfs_mw_write(struct file *file, const char __user *ubuf,
				   size_t size, loff_t *offp)
{
	struct ntbx_ctx *nt = file->private_data;
	unsigned int idx;
	ssize_t ret;

	ret = kstrtouint_from_user(ubuf, size, 0, &idx);
	if (ret)
		return ret;

	device_lock(&nt->ndev->dev);
	if (idx >= nt->mw_count) {
		ret = -EINVAL;
		goto out_unlock;
	}

	ret = ntbx_setup_mw(nt, idx); /* EXPECT-NONE: device-lock-required */
	if (!ret)
		ret = size;
out_unlock:
	device_unlock(&nt->ndev->dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

static const struct file_operations ntbx_dbgfs_mw_fops = {
	.open	= simple_open,
	.write	= ntbx_dbgfs_mw_write,
};

/*
 * Release one window by index.  debugfs write, no device lock on entry;
 * the link-down check returns with the lock still held.
 */
static ssize_t ntbx_dbgfs_mw_free_write(struct file *file,
					const char __user *ubuf,
					size_t size, loff_t *offp)
{
	struct ntbx_ctx *nt = file->private_data;
	unsigned int idx;
	int ret;

	ret = kstrtouint_from_user(ubuf, size, 0, &idx);
	if (ret)
		return ret;

	device_lock(&nt->ndev->dev);
	if (!nt->link_is_up)
		return -ENOLINK; /* EXPECT: lock-imbalance */

	if (idx < nt->mw_count)
		ntbx_free_mw(nt, idx);
	device_unlock(&nt->ndev->dev);

	return size;
}

static const struct file_operations ntbx_dbgfs_mw_free_fops = {
	.open	= simple_open,
	.write	= ntbx_dbgfs_mw_free_write,
};

/*
 * Re-apply the host bridge's DMA setup to the NTB PCI function after the
 * peer reprogrammed the bridge windows.  debugfs write, no device lock on
 * entry; the PCI function belongs to the hardware driver and is locked
 * here as drivers/cxl/pci.c:cxl_handle_cper_event() locks a device it did
 * not probe.
 */
static ssize_t ntbx_dbgfs_dma_write(struct file *file, const char __user *ubuf,
				    size_t size, loff_t *offp)
{
	struct ntbx_ctx *nt = file->private_data;
	struct device *dma_dev = ntb_get_dma_dev(nt->ndev);
	struct pci_host_bridge *bridge;
	int ret;

	bridge = pci_find_host_bridge(nt->ndev->pdev->bus);
	if (!bridge->dev.parent || !bridge->dev.parent->of_node)
		return -ENODEV;

	device_lock(dma_dev);
	ret = of_dma_configure(dma_dev, bridge->dev.parent->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
	device_unlock(dma_dev);

	return ret ? ret : size;
}

static const struct file_operations ntbx_dbgfs_dma_fops = {
	.open	= simple_open,
	.write	= ntbx_dbgfs_dma_write,
};

static void ntbx_dbgfs_register(struct ntbx_ctx *nt)
{
	if (!ntbx_dbgfs_topdir)
		return;

	nt->dbgfs_dir = debugfs_create_dir(pci_name(nt->ndev->pdev),
					   ntbx_dbgfs_topdir);
	debugfs_create_file("link", 0200, nt->dbgfs_dir, nt,
			    &ntbx_dbgfs_link_fops);
	debugfs_create_file("mw_trans", 0200, nt->dbgfs_dir, nt,
			    &ntbx_dbgfs_mw_fops);
	debugfs_create_file("mw_free", 0200, nt->dbgfs_dir, nt,
			    &ntbx_dbgfs_mw_free_fops);
	debugfs_create_file("dma_reconfigure", 0200, nt->dbgfs_dir, nt,
			    &ntbx_dbgfs_dma_fops);
}

/*
 * pci-driver.c:pci_dma_configure(): make the NTB device itself a DMA
 * master with the host bridge's translation, so windows can be allocated
 * against &ntb->dev.  Called from ntbx_probe() only, which holds
 * device_lock(&ntb->dev).
 */
static int ntbx_client_dma_configure(struct ntb_dev *ndev)
{
	struct pci_host_bridge *bridge = pci_find_host_bridge(ndev->pdev->bus);
	int ret = 0;

	if (IS_ENABLED(CONFIG_OF) && bridge->dev.parent &&
	    bridge->dev.parent->of_node) {
		ret = of_dma_configure(&ndev->dev, bridge->dev.parent->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
	} else if (has_acpi_companion(&bridge->dev)) {
		ret = acpi_dma_configure(&ndev->dev, device_get_dma_attr(&bridge->dev)); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
	}

	return ret;
}

/*
 * Borrow the DT node named by the bridge's "ntbx,dma-parent" phandle for
 * the DMA device the windows are allocated on (ntb_get_dma_dev(), the
 * hardware driver's PCI function), as a6xx_gmu.c:a6xx_gmu_wrapper_init()
 * configures a device found by phandle.  Called from ntbx_probe(): the PCI
 * function's lock is not guaranteed there (see the header comment).
 */
static int ntbx_dma_dev_configure(struct ntb_dev *ndev)
{
	struct device *dma_dev = ntb_get_dma_dev(ndev);
	struct pci_host_bridge *bridge = pci_find_host_bridge(ndev->pdev->bus);
	struct device_node *np;
	int ret;

	if (!bridge->dev.parent)
		return 0;

	np = of_parse_phandle(bridge->dev.parent->of_node, "ntbx,dma-parent", 0);
	if (!np)
		return 0;

	ret = of_dma_configure(dma_dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required @ntbx_dma_dev */
	of_node_put(np);
	return ret;
}

/*
 * ntb_transport.c:ntb_transport_probe().  ntb/core.c:ntb_probe() is the
 * bus probe; dd.c holds device_lock(&ndev->dev).
 */
static int ntbx_probe(struct ntb_client *self, struct ntb_dev *ndev)
{
	struct ntbx_ctx *nt;
	int i, rc;

	if (ntb_peer_port_count(ndev) != NTB_DEF_PEER_CNT)
		dev_warn(&ndev->dev, "Multi-port NTB devices unsupported\n");

	nt = kzalloc_node(sizeof(*nt), GFP_KERNEL, dev_to_node(&ndev->dev));
	if (!nt)
		return -ENOMEM;

	nt->ndev = ndev;
	nt->mw_count = ntb_peer_mw_count(ndev);
	nt->mw_vec = kcalloc(nt->mw_count, sizeof(*nt->mw_vec), GFP_KERNEL);
	if (!nt->mw_vec) {
		rc = -ENOMEM;
		goto err_free;
	}

	for (i = 0; i < nt->mw_count; i++) {
		rc = ntb_peer_mw_get_addr(ndev, i, &nt->mw_vec[i].phys_addr,
					  &nt->mw_vec[i].phys_size);
		if (rc)
			goto err_free_mw;
	}

	rc = ntbx_client_dma_configure(ndev);
	if (rc)
		goto err_free_mw;

	rc = ntbx_dma_dev_configure(ndev); /* EXPECT: device-lock-required @ntbx_dma_dev */
	if (rc)
		goto err_free_mw;

	/* Windows are allocated up front; the link work only programs them. */
	for (i = 0; i < nt->mw_count; i++) {
		rc = ntbx_setup_mw(nt, i);
		if (rc)
			goto err_release_mw;
	}

	INIT_DELAYED_WORK(&nt->link_work, ntbx_link_work);
	INIT_WORK(&nt->link_cleanup, ntbx_link_cleanup_work);

	rc = ntb_set_ctx(ndev, nt, &ntbx_ctx_ops);
	if (rc)
		goto err_release_mw;

	ntbx_bus_add_ctx(nt);
	ntbx_dbgfs_register(nt);

	nt->link_is_up = false;
	rc = ntbx_link_enable_locked(ndev); /* EXPECT-NONE: device-lock-required */
	if (rc)
		dev_warn(&ndev->dev, "link enable failed: %d\n", rc);
	return 0;

err_release_mw:
	while (i--)
		ntbx_free_mw(nt, i);
err_free_mw:
	kfree(nt->mw_vec);
err_free:
	kfree(nt);
	return rc;
}

/*
 * ntb_transport.c:ntb_transport_free().  ntb/core.c:ntb_remove() is the
 * bus remove; dd.c holds device_lock(&ndev->dev).
 */
static void ntbx_remove(struct ntb_client *self, struct ntb_dev *ndev)
{
	struct ntbx_ctx *nt = ndev->ctx;
	int i;

	ntb_link_disable(ndev);
	ntb_clear_ctx(ndev);
	cancel_work_sync(&nt->link_cleanup);
	cancel_delayed_work_sync(&nt->link_work);

	ntbx_bus_remove_ctx(nt);
	debugfs_remove_recursive(nt->dbgfs_dir);

	for (i = nt->mw_count; i--; )
		ntbx_free_mw(nt, i);

	kfree(nt->mw_vec);
	kfree(nt);
}

static struct ntb_client ntbx_client = {
	.ops = {
		.probe = ntbx_probe,
		.remove = ntbx_remove,
	},
};

static int __init ntbx_init(void)
{
	int rc;

	if (debugfs_initialized())
		ntbx_dbgfs_topdir = debugfs_create_dir(KBUILD_MODNAME, NULL);

	rc = ntbx_bus_init();
	if (rc)
		goto err_dbgfs;

	rc = ntb_register_client(&ntbx_client);
	if (rc)
		goto err_bus;

	return 0;

err_bus:
	ntbx_bus_exit();
err_dbgfs:
	debugfs_remove_recursive(ntbx_dbgfs_topdir);
	return rc;
}
module_init(ntbx_init);

static void __exit ntbx_exit(void)
{
	ntb_unregister_client(&ntbx_client);
	ntbx_bus_exit();
	debugfs_remove_recursive(ntbx_dbgfs_topdir);
}
module_exit(ntbx_exit);

MODULE_DESCRIPTION("ntbx memory-window client and protocol bus");
MODULE_LICENSE("GPL");
