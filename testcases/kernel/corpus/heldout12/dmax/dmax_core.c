// SPDX-License-Identifier: GPL-2.0
/*
 * dmax controller: platform driver registering a dma_device and creating one
 * child device per channel on dmax_bus_type.
 *
 * Shapes: drivers/dma/ti/k3-udma-glue.c:k3_udma_glue_request_tx_chn_common()
 * (device_register() of a per-channel struct device and DMA setup of it),
 * drivers/gpu/host1x/context.c:host1x_memory_context_list_init() and
 * drivers/staging/vc04_services/interface/vchiq_arm/vchiq_bus.c:
 * vchiq_device_register() (device_initialize() + of_dma_configure*() on the
 * created device + device_add()), drivers/dma/idxd/ (error IRQ, recovery
 * work, debugfs).
 *
 * Core locking (Linux 6.12):
 *  - platform probe/remove: really_probe()/device_release_driver_internal()
 *    (drivers/base/dd.c) -> platform_probe()/platform_remove(): HELD for
 *    &pdev->dev (the controller), not for the channel devices.
 *  - platform shutdown: device_shutdown() -> platform_shutdown(): HELD.
 *  - hard IRQ, threaded IRQ, workqueue, debugfs fops, sysfs store: NOT held.
 *  - dma_device callbacks: see dmax_alloc_chan_resources().
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dmaengine.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_dma.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "dmax.h"

static struct dmax_chan *dmax_chan_alloc(struct dmax_ctrl *ctrl, u32 id)
{
	struct dmax_chan *dc;

	dc = kzalloc(sizeof(*dc), GFP_KERNEL);
	if (!dc)
		return NULL;

	dc->ctrl = ctrl;
	dc->id = id;
	device_initialize(&dc->dev);
	dc->dev.bus = &dmax_bus_type;
	dc->dev.type = &dmax_chan_type;
	dc->dev.parent = ctrl->dev;
	if (dev_set_name(&dc->dev, "%s.ch%u", dev_name(ctrl->dev), id)) {
		put_device(&dc->dev);
		return NULL;
	}

	dc->chan.device = &ctrl->ddev;
	return dc;
}

/*
 * Probe-time channel creation: the created (not yet added) device is
 * configured under its own lock, as vchiq_device_register() would need.
 */
static int dmax_chan_create(struct dmax_ctrl *ctrl, u32 id)
{
	struct dmax_chan *dc;
	int ret;

	dc = dmax_chan_alloc(ctrl, id);
	if (!dc)
		return -ENOMEM;

	device_lock(&dc->dev);
	ret = of_dma_configure_id(&dc->dev, ctrl->dev->of_node, true, &dc->id); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	device_unlock(&dc->dev);
	if (ret)
		goto err_put;

	ret = device_add(&dc->dev);
	if (ret)
		goto err_put;

	ctrl->chans[id] = dc;
	list_add_tail(&dc->chan.device_node, &ctrl->ddev.channels);
	return 0;

err_put:
	put_device(&dc->dev);
	return ret;
}

/*
 * Hot-add from sysfs.  No contract of its own; only caller is the unlocked
 * add_chan_store() below.
 */
static int dmax_chan_setup_dma(struct dmax_ctrl *ctrl, struct dmax_chan *dc)
{
	return of_dma_configure(&dc->dev, ctrl->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @hotadd */
}

/* sysfs store on the controller: dev_attr_store(), NOT held. */
static ssize_t add_chan_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct dmax_ctrl *ctrl = dev_get_drvdata(dev);
	struct dmax_chan *dc;
	u32 id;
	int ret;

	ret = kstrtou32(buf, 0, &id);
	if (ret)
		return ret;
	if (id >= DMAX_NR_CHANS || ctrl->chans[id])
		return -EINVAL;

	dc = dmax_chan_alloc(ctrl, id);
	if (!dc)
		return -ENOMEM;

	ret = dmax_chan_setup_dma(ctrl, dc); /* EXPECT: device-lock-required @hotadd */
	if (!ret)
		ret = device_add(&dc->dev);
	if (ret) {
		put_device(&dc->dev);
		return ret;
	}

	ctrl->chans[id] = dc;
	return count;
}
static DEVICE_ATTR_WO(add_chan);

static struct attribute *dmax_attrs[] = {
	&dev_attr_add_chan.attr,
	NULL
};
ATTRIBUTE_GROUPS(dmax);

/*
 * dma_device callbacks.  .device_alloc_chan_resources is called by
 * dma_chan_get() under dma_list_mutex, from the consumer's
 * dma_request_chan() -- usually inside the consumer's probe, i.e. holding
 * the consumer's device lock, but not the channel device's and not always.
 * What is held therefore depends on the consumer: the helper call below is
 * left UNLABELLED on purpose.
 */
static int dmax_alloc_chan_resources(struct dma_chan *chan)
{
	struct dmax_chan *dc = container_of(chan, struct dmax_chan, chan);

	dmax_chan_ack_locked(dc);
	return 0;
}

static void dmax_free_chan_resources(struct dma_chan *chan)
{
}

static enum dma_status dmax_tx_status(struct dma_chan *chan,
				      dma_cookie_t cookie,
				      struct dma_tx_state *txstate)
{
	return DMA_COMPLETE;
}

static void dmax_issue_pending(struct dma_chan *chan)
{
}

/* Hard IRQ handler: NOT held (and no sleeping lock can be taken). */
static irqreturn_t dmax_irq(int irq, void *data)
{
	struct dmax_ctrl *ctrl = data;
	unsigned int i;

	for (i = 0; i < ctrl->nr_chans; i++)
		if (ctrl->chans[i])
			dmax_chan_ack_locked(ctrl->chans[i]); /* EXPECT: device-lock-required */

	return IRQ_HANDLED;
}

/* Threaded error IRQ (irq_thread()): NOT held. */
static irqreturn_t dmax_err_thread(int irq, void *data)
{
	struct dmax_ctrl *ctrl = data;
	struct dmax_chan *dc = ctrl->chans[0];

	if (!dc)
		return IRQ_NONE;

	dmax_chan_quiesce(dc); /* EXPECT: device-lock-required */

	scoped_guard(device, &dc->dev)
		dmax_chan_quiesce(dc); /* EXPECT-NONE: device-lock-required */

	schedule_work(&ctrl->recover_work);
	return IRQ_HANDLED;
}

/* workqueue: NOT held; correct use of the lock-on-success helper. */
static void dmax_recover_work(struct work_struct *work)
{
	struct dmax_ctrl *ctrl = container_of(work, struct dmax_ctrl,
					      recover_work);
	unsigned int i;

	for (i = 0; i < ctrl->nr_chans; i++) {
		struct dmax_chan *dc = ctrl->chans[i];

		if (!dc || dmax_lock_chan(dc))
			continue;
		dmax_chan_enable_locked(dc); /* EXPECT-NONE: device-lock-required */
		device_unlock(&dc->dev); /* EXPECT-NONE: lock-imbalance */
	}
}

/* debugfs fops: full_proxy_write(), NOT held. */
static ssize_t dmax_dbg_enable_write(struct file *file, const char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct dmax_ctrl *ctrl = file->private_data;
	struct dmax_chan *dc = ctrl->chans[0];
	ssize_t ret = count;

	if (!dc)
		return -ENODEV;

	if (dmax_lock_chan(dc) < 0) {
		ret = -ENODEV;
		goto out;
	}
	dmax_chan_enable_locked(dc); /* EXPECT-NONE: device-lock-required */
	device_unlock(&dc->dev); /* EXPECT-NONE: lock-imbalance */
out:
	/* Copy-paste leftover: unlocks again on both paths. */
	device_unlock(&dc->dev); /* EXPECT: lock-imbalance */
	return ret;
}

static ssize_t dmax_dbg_prio_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	struct dmax_ctrl *ctrl = file->private_data;
	struct dmax_chan *dc = ctrl->chans[0];
	u32 prio;
	int ret;

	if (!dc)
		return -ENODEV;
	ret = kstrtou32_from_user(ubuf, count, 0, &prio);
	if (ret)
		return ret;

	/* Unchecked trylock ... */
	device_trylock(&dc->dev);
	dmax_chan_ack_locked(dc); /* EXPECT: device-lock-required */
	device_unlock(&dc->dev); /* EXPECT: lock-imbalance */

	/* ... and its checked twin (drivers/pci/pci.c:pci_dev_trylock()). */
	if (device_trylock(&dc->dev)) {
		dmax_chan_ack_locked(dc); /* EXPECT-NONE: device-lock-required */
		device_unlock(&dc->dev); /* EXPECT-NONE: lock-imbalance */
	}

	/* These take the lock themselves (sites in dmax_chan.c). */
	if (prio)
		dmax_chan_set_prio(dc, prio);
	else
		dmax_chan_set_prio_fixed(dc, prio);
	return count;
}

static const struct file_operations dmax_dbg_enable_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= dmax_dbg_enable_write,
};

static const struct file_operations dmax_dbg_prio_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= dmax_dbg_prio_write,
};

static void dmax_remove_chans(struct dmax_ctrl *ctrl)
{
	unsigned int i;

	for (i = 0; i < DMAX_NR_CHANS; i++) {
		if (ctrl->chans[i]) {
			device_unregister(&ctrl->chans[i]->dev);
			ctrl->chans[i] = NULL;
		}
	}
}

/* platform probe: HELD for &pdev->dev. */
static int dmax_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct dmax_ctrl *ctrl;
	int irq, err_irq, ret;
	u32 i;

	ctrl = devm_kzalloc(dev, sizeof(*ctrl), GFP_KERNEL);
	if (!ctrl)
		return -ENOMEM;

	ctrl->dev = dev;
	INIT_WORK(&ctrl->recover_work, dmax_recover_work);
	platform_set_drvdata(pdev, ctrl);

	INIT_LIST_HEAD(&ctrl->ddev.channels);
	ctrl->ddev.dev = dev;
	dma_cap_set(DMA_PRIVATE, ctrl->ddev.cap_mask);
	ctrl->ddev.device_alloc_chan_resources = dmax_alloc_chan_resources;
	ctrl->ddev.device_free_chan_resources = dmax_free_chan_resources;
	ctrl->ddev.device_tx_status = dmax_tx_status;
	ctrl->ddev.device_issue_pending = dmax_issue_pending;

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	err_irq = platform_get_irq(pdev, 1);
	if (err_irq < 0)
		return err_irq;

	for (i = 0; i < DMAX_NR_CHANS; i++) {
		ret = dmax_chan_create(ctrl, i);
		if (ret)
			goto err_chans;
		ctrl->nr_chans++;
	}

	dmax_ctrl_rescan(ctrl);

	ret = devm_request_irq(dev, irq, dmax_irq, 0, "dmax", ctrl);
	if (ret)
		goto err_chans;
	ret = devm_request_threaded_irq(dev, err_irq, NULL, dmax_err_thread,
					IRQF_ONESHOT, "dmax-err", ctrl);
	if (ret)
		goto err_chans;

	ret = dma_async_device_register(&ctrl->ddev);
	if (ret)
		goto err_chans;

	if (dev->of_node) {
		ret = of_dma_controller_register(dev->of_node,
						 of_dma_xlate_by_chan_id,
						 &ctrl->ddev);
		if (ret)
			goto err_dma;
	}

	ctrl->dbg = debugfs_create_dir(dev_name(dev), NULL);
	debugfs_create_file("enable", 0200, ctrl->dbg, ctrl, &dmax_dbg_enable_fops);
	debugfs_create_file("prio", 0200, ctrl->dbg, ctrl, &dmax_dbg_prio_fops);
	return 0;

err_dma:
	dma_async_device_unregister(&ctrl->ddev);
err_chans:
	dmax_remove_chans(ctrl);
	return ret;
}

/* platform remove: HELD for &pdev->dev. */
static void dmax_remove(struct platform_device *pdev)
{
	struct dmax_ctrl *ctrl = platform_get_drvdata(pdev);

	debugfs_remove_recursive(ctrl->dbg);
	if (pdev->dev.of_node)
		of_dma_controller_free(pdev->dev.of_node);
	dma_async_device_unregister(&ctrl->ddev);
	cancel_work_sync(&ctrl->recover_work);
	dmax_remove_chans(ctrl);
}

/* platform shutdown: device_shutdown() -> platform_shutdown(), HELD. */
static void dmax_shutdown(struct platform_device *pdev)
{
	struct dmax_ctrl *ctrl = platform_get_drvdata(pdev);

	dmax_ctrl_rescan(ctrl); /* EXPECT-NONE: device-lock-required */
}

static const struct of_device_id dmax_of_match[] = {
	{ .compatible = "heldout,dmax" },
	{ }
};
MODULE_DEVICE_TABLE(of, dmax_of_match);

static struct platform_driver dmax_driver = {
	.probe		= dmax_probe,
	.remove		= dmax_remove,
	.shutdown	= dmax_shutdown,
	.driver		= {
		.name		= "dmax",
		.of_match_table	= dmax_of_match,
		.dev_groups	= dmax_groups,
	},
};

static int __init dmax_init(void)
{
	int ret;

	ret = dmax_bus_init();
	if (ret)
		return ret;

	ret = platform_driver_register(&dmax_driver);
	if (ret)
		dmax_bus_exit();
	return ret;
}
module_init(dmax_init);

static void __exit dmax_exit(void)
{
	platform_driver_unregister(&dmax_driver);
	dmax_bus_exit();
}
module_exit(dmax_exit);

MODULE_DESCRIPTION("held-out lock corpus: DMA controller with channel bus");
MODULE_LICENSE("GPL");
