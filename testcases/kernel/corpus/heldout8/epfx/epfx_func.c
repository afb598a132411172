// SPDX-License-Identifier: GPL-2.0
/*
 * epfx function: the pci_epf_driver.  probe/remove are the pci-epf bus
 * callbacks (pci-epf-core.c:pci_epf_device_probe()/pci_epf_device_remove()),
 * run by the driver core under device_lock(&epf->dev).  The pci_epf_ops
 * (bind/unbind) and the pci_epc_event_ops run under epf->lock, a mutex of
 * the EPF core, and not under the device lock.
 *
 * Shape: drivers/pci/endpoint/functions/pci-epf-test.c.
 */
#include <linux/delay.h>
#include <linux/dmaengine.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pci-epc.h>
#include <linux/pci-epf.h>
#include <linux/slab.h>

#include "epfx.h"

static struct workqueue_struct *epfx_wq;

static struct pci_epf_header epfx_header = {
	.vendorid	= PCI_ANY_ID,
	.deviceid	= PCI_ANY_ID,
	.baseclass_code	= PCI_CLASS_OTHERS,
	.interrupt_pin	= PCI_INTERRUPT_INTA,
};

static const struct of_device_id epfx_dma_window_matches[] = {
	{ .compatible = "vendor,epfx-dma-window" },
	{ }
};

static void epfx_raise_irq(struct epfx_func *ef)
{
	struct pci_epf *epf = ef->epf;

	pci_epc_raise_irq(epf->epc, epf->func_no, epf->vfunc_no,
			  PCI_IRQ_MSI, READ_ONCE(ef->reg->irq_number));
}

/*
 * A copy requested by the host, as pci-epf-test.c:pci_epf_test_copy().
 * The -ENODEV return leaves cmd_lock held while the -EIO return and the
 * success path drop it (Smatch's inconsistent returns).  Its only caller,
 * epfx_cmd_work(), inherits the imbalance (one site).
 */
static int epfx_do_copy(struct epfx_func *ef)
{
	struct epfx_reg *reg = ef->reg;
	struct dma_async_tx_descriptor *tx;
	dma_cookie_t cookie;

	mutex_lock(&ef->cmd_lock);
	if (!ef->chan) {
		WRITE_ONCE(reg->status, EPFX_STATUS_ERROR);
		return -ENODEV; /* EXPECT: lock-imbalance @epfx_copy */
	}

	tx = dmaengine_prep_dma_memcpy(ef->chan, READ_ONCE(reg->dst_addr),
				       READ_ONCE(reg->src_addr),
				       READ_ONCE(reg->size), DMA_CTRL_ACK);
	if (!tx) {
		WRITE_ONCE(reg->status, EPFX_STATUS_ERROR);
		mutex_unlock(&ef->cmd_lock);
		return -EIO; /* EXPECT-NONE: lock-imbalance */
	}

	cookie = dmaengine_submit(tx);
	dma_async_issue_pending(ef->chan);
	if (dma_sync_wait(ef->chan, cookie) == DMA_COMPLETE)
		WRITE_ONCE(reg->status, EPFX_STATUS_DONE);
	else
		WRITE_ONCE(reg->status, EPFX_STATUS_ERROR);
	mutex_unlock(&ef->cmd_lock);

	return 0;
}

/*
 * pci-epf-test.c:pci_epf_test_cmd_handler(): the host's commands are
 * polled from a delayed work, which holds no lock.
 */
static void epfx_cmd_work(struct work_struct *work)
{
	struct epfx_func *ef = container_of(work, struct epfx_func, cmd_work.work);
	struct pci_epf *epf = ef->epf;
	u32 command;

	command = READ_ONCE(ef->reg->command);
	if (!command)
		goto resched;

	WRITE_ONCE(ef->reg->command, 0);
	WRITE_ONCE(ef->reg->status, 0);

	switch (command) {
	case EPFX_CMD_REMAP:
		/*
		 * The BAR mapping needs the function's device lock; it is
		 * tried, as pci.c:pci_dev_trylock(), because remove() holds
		 * it while waiting for this work.
		 */
		if (device_trylock(&epf->dev)) {
			if (!epfx_func_map_bar(ef)) /* EXPECT-NONE: device-lock-required */
				WRITE_ONCE(ef->reg->status, EPFX_STATUS_DONE);
			device_unlock(&epf->dev);
		} else {
			WRITE_ONCE(ef->reg->status, EPFX_STATUS_BUSY);
		}
		break;
	case EPFX_CMD_COPY:
		epfx_do_copy(ef); /* EXPECT: lock-imbalance @epfx_copy */
		break;
	default:
		WRITE_ONCE(ef->reg->status, EPFX_STATUS_ERROR);
		break;
	}
	epfx_raise_irq(ef);

resched:
	queue_delayed_work(epfx_wq, &ef->cmd_work, msecs_to_jiffies(1));
}

/*
 * pci-epf-test.c:pci_epf_test_epc_init() shape.
 * pci-epc-core.c:pci_epc_init_notify() calls ->epc_init holding
 * epc->list_lock and epf->lock, from the controller's probe or its PERST#
 * IRQ thread (and pci_epc_notify_pending_init() from the configfs link):
 * the EPF's device lock is not held.
 */
static int epfx_epc_init(struct pci_epf *epf)
{
	struct epfx_func *ef = epf_get_drvdata(epf);
	int ret;

	ret = pci_epc_write_header(epf->epc, epf->func_no, epf->vfunc_no,
				   epf->header);
	if (ret)
		return ret;

	ret = epfx_func_map_bar(ef); /* EXPECT: device-lock-required */
	if (ret)
		return ret;

	if (ef->features->msi_capable) {
		ret = pci_epc_set_msi(epf->epc, epf->func_no, epf->vfunc_no,
				      epf->msi_interrupts);
		if (ret)
			return ret;
	}

	/* a memcpy channel for the host's copies */
	if (epfx_dma_setup(ef)) /* EXPECT: device-lock-required */
		dev_info(&epf->dev, "no DMA, copies will fail\n");

	return 0;
}

static void epfx_epc_deinit(struct pci_epf *epf)
{
	struct epfx_func *ef = epf_get_drvdata(epf);

	cancel_delayed_work_sync(&ef->cmd_work);
	ef->bar_mapped = false;
}

/*
 * pci-epf-test.c:pci_epf_test_link_up() shape, with cxl/pmem.c:
 * detach_nvdimm()'s scoped_guard(device, ...).
 * pci-epc-core.c:pci_epc_linkup(): epc->list_lock and epf->lock held, no
 * device lock.  The channel and the BAR may have been lost with the link;
 * they are set up again under the function's device lock.
 */
static int epfx_link_up(struct pci_epf *epf)
{
	struct epfx_func *ef = epf_get_drvdata(epf);
	int ret = 0;

	scoped_guard(device, &epf->dev) {
		ret = epfx_dma_setup(ef); /* EXPECT-NONE: device-lock-required */
		if (!ret && !ef->bar_mapped)
			ret = epfx_func_map_bar(ef); /* EXPECT-NONE: device-lock-required */
	}
	if (ret)
		dev_warn(&epf->dev, "link up without DMA: %d\n", ret);

	queue_delayed_work(epfx_wq, &ef->cmd_work, msecs_to_jiffies(1));
	return 0;
}

static int epfx_link_down(struct pci_epf *epf)
{
	struct epfx_func *ef = epf_get_drvdata(epf);

	cancel_delayed_work_sync(&ef->cmd_work);
	return 0;
}

static const struct pci_epc_event_ops epfx_event_ops = {
	.epc_init	= epfx_epc_init,
	.epc_deinit	= epfx_epc_deinit,
	.link_up	= epfx_link_up,
	.link_down	= epfx_link_down,
};

/*
 * pci-epf-test.c:pci_epf_test_bind() shape.
 * pci-epf-core.c:pci_epf_bind(), from pci-ep-cfs.c:
 * pci_primary_epc_epf_link() (a configfs symlink), holds epf->lock and no
 * device lock.
 */
static int epfx_bind(struct pci_epf *epf)
{
	struct epfx_func *ef = epf_get_drvdata(epf);
	struct pci_epc *epc = epf->epc;
	enum pci_barno bar;
	int ret;

	if (WARN_ON_ONCE(!epc))
		return -EINVAL;

	ef->features = pci_epc_get_features(epc, epf->func_no, epf->vfunc_no);
	if (!ef->features)
		return -EOPNOTSUPP;

	bar = pci_epc_get_first_free_bar(ef->features);
	if (bar == NO_BAR)
		return -EINVAL;
	ef->reg_bar = bar;

	ef->reg = pci_epf_alloc_space(epf, sizeof(struct epfx_reg), bar,
				      ef->features, PRIMARY_INTERFACE);
	if (!ef->reg)
		return -ENOMEM;

	ret = epfx_dma_find_engine(ef); /* EXPECT: device-lock-required @epfx_engine */
	if (ret) {
		pci_epf_free_space(epf, ef->reg, bar, PRIMARY_INTERFACE);
		ef->reg = NULL;
		return ret;
	}

	return 0;
}

/*
 * pci-epf-test.c:pci_epf_test_unbind() shape.  pci-epf-core.c:
 * pci_epf_unbind(), from pci-ep-cfs.c:pci_primary_epc_epf_unlink() or a
 * failed pci_epf_bind(): epf->lock held, no device lock.
 */
static void epfx_unbind(struct pci_epf *epf)
{
	struct epfx_func *ef = epf_get_drvdata(epf);

	cancel_delayed_work_sync(&ef->cmd_work);
	epfx_dma_release_locked(ef); /* EXPECT: device-lock-required */

	if (ef->bar_mapped) {
		pci_epc_clear_bar(epf->epc, epf->func_no, epf->vfunc_no,
				  &epf->bar[ef->reg_bar]);
		ef->bar_mapped = false;
	}
	pci_epf_free_space(epf, ef->reg, ef->reg_bar, PRIMARY_INTERFACE);
	ef->reg = NULL;

	if (ef->dma_pdev) {
		platform_device_put(ef->dma_pdev);
		ef->dma_pdev = NULL;
	}
}

static int epfx_probe(struct pci_epf *epf, const struct pci_epf_device_id *id)
{
	struct device *dev = &epf->dev;
	struct device_node *node;
	struct epfx_func *ef;
	int ret;

	ef = devm_kzalloc(dev, sizeof(*ef), GFP_KERNEL);
	if (!ef)
		return -ENOMEM;

	ef->epf = epf;
	mutex_init(&ef->cmd_lock);
	INIT_DELAYED_WORK(&ef->cmd_work, epfx_cmd_work);
	epf->header = &epfx_header;
	epf->event_ops = &epfx_event_ops;
	epf_set_drvdata(epf, ef);

	/*
	 * The function's device has no DT node, and its buffers go through
	 * the SoC's DMA window: point it at the window's node, as
	 * vc4_drv.c:vc4_drm_bind() with of_find_matching_node_and_match().
	 * The pci-epf bus probe runs under device_lock(dev)
	 * (dd.c:really_probe()).
	 */
	node = of_find_matching_node_and_match(NULL, epfx_dma_window_matches, NULL);
	if (node) {
		ret = of_dma_configure(dev, node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(node);
		if (ret)
			return ret;
	}

	return 0;
}

/* pci_epf_device_remove(): dd.c:__device_release_driver() holds the lock */
static void epfx_remove(struct pci_epf *epf)
{
	struct epfx_func *ef = epf_get_drvdata(epf);

	cancel_delayed_work_sync(&ef->cmd_work);
	epfx_dma_release_locked(ef); /* EXPECT-NONE: device-lock-required */
}

static const struct pci_epf_ops epfx_ops = {
	.bind	= epfx_bind,
	.unbind	= epfx_unbind,
};

static const struct pci_epf_device_id epfx_ids[] = {
	{ .name = "pci_epf_epfx" },
	{ }
};

static struct pci_epf_driver epfx_driver = {
	.driver.name	= "pci_epf_epfx",
	.probe		= epfx_probe,
	.remove		= epfx_remove,
	.id_table	= epfx_ids,
	.ops		= &epfx_ops,
	.owner		= THIS_MODULE,
};

static int __init epfx_init(void)
{
	int ret;

	epfx_wq = alloc_workqueue("epfx", WQ_MEM_RECLAIM | WQ_HIGHPRI, 0);
	if (!epfx_wq)
		return -ENOMEM;

	ret = platform_driver_register(&epfx_ep_driver);
	if (ret)
		goto err_wq;

	ret = pci_epf_register_driver(&epfx_driver);
	if (ret)
		goto err_ep;

	return 0;

err_ep:
	platform_driver_unregister(&epfx_ep_driver);
err_wq:
	destroy_workqueue(epfx_wq);
	return ret;
}
module_init(epfx_init);

static void __exit epfx_exit(void)
{
	pci_epf_unregister_driver(&epfx_driver);
	platform_driver_unregister(&epfx_ep_driver);
	destroy_workqueue(epfx_wq);
}
module_exit(epfx_exit);

MODULE_DESCRIPTION("epfx PCI endpoint function (iommu-lockcheck corpus)");
MODULE_LICENSE("GPL");
