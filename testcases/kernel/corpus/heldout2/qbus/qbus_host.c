// SPDX-License-Identifier: GPL-2.0
/*
 * qbus host: the platform device whose DT children become qbus devices.
 * It calls qbus_cfg.c's helpers from contexts where the driver core holds
 * no lock (work items, a threaded interrupt handler, a device_for_each_child()
 * callback) and creates two platform children of its own.
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "qbus.h"

#define QBUS_MAX_CHILDREN	4

struct qbus_host {
	struct device *dev;
	struct platform_device *fw_pdev;
	struct platform_device *dsp_pdev;
	struct qbus_device *child[QBUS_MAX_CHILDREN];
	unsigned int nr_children;
	struct work_struct rescan_work;
};

static void qbus_release(struct device *dev)
{
	kfree(to_qbus_device(dev));
}

/*
 * Shape: drivers/firewire/core-device.c:fw_device_update() is a work item
 * on the device; its update_unit() takes device_lock() around the driver
 * op.  This one forgets it: a work item runs with no device lock.
 */
static void qbus_cfg_work(struct work_struct *work)
{
	struct qbus_device *qd = container_of(work, struct qbus_device, cfg_work);

	if (qbus_dev_apply_mode(qd, qd->mode)) /* EXPECT: device-lock-required */
		qbus_dev_reset_locked(qd); /* EXPECT: device-lock-required */
}

/*
 * Shape: drivers/usb/core/usb.c:usb_lock_device_for_reset(): try the lock
 * and retry later.  The failure branch must not touch what the lock
 * protects; this one does.
 */
static void qbus_retry_work(struct work_struct *work)
{
	struct qbus_device *qd = container_of(work, struct qbus_device, retry_work);
	struct device *dev = &qd->dev;

	if (!device_trylock(dev)) {
		qbus_dev_sync_state(dev); /* EXPECT: device-lock-required */
		schedule_work(&qd->retry_work);
		return;
	}
	qbus_dev_apply_mode(qd, qd->mode); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
}

/*
 * Shape: drivers/firewire/core-device.c:update_unit(), handed to
 * device_for_each_child(): it locks each child around the call.
 */
static int qbus_host_update_child(struct device *dev, void *data)
{
	struct qbus_device *qd;

	if (dev->bus != &qbus_bus_type)
		return 0;
	qd = to_qbus_device(dev);
	device_lock(dev);
	if (dev->driver)
		qbus_dev_apply_mode(qd, qd->mode); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return 0;
}

/* The same walk without the lock. */
static int qbus_host_sync_child(struct device *dev, void *data)
{
	if (dev->bus == &qbus_bus_type)
		qbus_dev_sync_state(dev); /* EXPECT: device-lock-required @syncwalk */
	return 0;
}

/*
 * Shape: drivers/pci/pci.c:pci_dev_lock()/pci_dev_unlock(): the device
 * lock taken and dropped in a helper.
 */
static void qbus_child_lock(struct qbus_device *qd)
{
	device_lock(&qd->dev);
}

static void qbus_child_unlock(struct qbus_device *qd)
{
	device_unlock(&qd->dev);
}

/*
 * Shape: drivers/net/ethernet/ti/icssg/icss_iep.c:icss_iep_get_idx():
 * find a device by its DT node and claim it under its device lock; the
 * busy path drops the lock before returning.
 */
static struct qbus_device *qbus_host_claim(struct device_node *np)
{
	struct device *dev = bus_find_device_by_of_node(&qbus_bus_type, np);
	struct qbus_device *qd;

	if (!dev)
		return ERR_PTR(-EPROBE_DEFER);
	qd = to_qbus_device(dev);
	device_lock(dev);
	if (qd->claimed) {
		device_unlock(dev);
		put_device(dev);
		return ERR_PTR(-EBUSY); /* EXPECT-NONE: lock-imbalance */
	}
	qd->claimed = true;
	device_unlock(dev);
	return qd; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Shape: drivers/media/platform/samsung/exynos4-is/media-dev.c:
 * fimc_md_register_platform_entity(): lock a found device so that its
 * dev->driver cannot change.  Here the unbound path returns with the lock
 * still held, while every other return has dropped it.
 */
static int qbus_host_power_peer(struct device_node *np)
{
	struct device *dev = bus_find_device_by_of_node(&qbus_bus_type, np);
	int ret;

	if (!dev)
		return -EPROBE_DEFER;
	device_lock(dev);
	if (!dev->driver) {
		put_device(dev);
		return -EPROBE_DEFER; /* EXPECT: lock-imbalance */
	}
	ret = qbus_dev_set_power(to_qbus_device(dev), true); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	put_device(dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

static void qbus_host_rescan(struct work_struct *work)
{
	struct qbus_host *host = container_of(work, struct qbus_host, rescan_work);
	struct device_node *np = host->dev->of_node;
	struct device_node *peer;
	struct qbus_device *qd;
	unsigned int i;
	int ret;

	device_for_each_child(host->dev, NULL, qbus_host_update_child); /* EXPECT-NONE: device-lock-required */
	device_for_each_child(host->dev, NULL, qbus_host_sync_child); /* EXPECT: device-lock-required @syncwalk */

	for (i = 0; i < host->nr_children; i++) {
		qd = host->child[i];
		qbus_child_lock(qd);
		ret = qbus_dev_apply_mode(qd, 0); /* EXPECT-NONE: device-lock-required */
		qbus_child_unlock(qd);
		if (ret)
			qbus_dev_reset_locked(qd); /* EXPECT: device-lock-required */
	}

	peer = of_parse_phandle(np, "qcom,peer", 0);
	if (!peer)
		return;
	qd = qbus_host_claim(peer);
	if (!IS_ERR(qd)) {
		qbus_host_power_peer(peer);
		put_device(&qd->dev);
	}
	of_node_put(peer);
}

/*
 * A threaded interrupt handler runs with no device lock
 * (kernel/irq/manage.c:irq_thread()).
 */
static irqreturn_t qbus_host_irq_thread(int irq, void *data)
{
	struct qbus_host *host = data;
	unsigned int i;

	for (i = 0; i < host->nr_children; i++)
		qbus_dev_set_power(host->child[i], false); /* EXPECT: device-lock-required */
	return IRQ_HANDLED;
}

static struct qbus_device *qbus_host_add_child(struct qbus_host *host,
					       struct device_node *np, u32 id)
{
	struct qbus_device *qd;
	int ret;

	qd = kzalloc(sizeof(*qd), GFP_KERNEL);
	if (!qd)
		return ERR_PTR(-ENOMEM);
	qd->id = id;
	INIT_WORK(&qd->cfg_work, qbus_cfg_work);
	INIT_WORK(&qd->retry_work, qbus_retry_work);
	device_initialize(&qd->dev);
	qd->dev.parent = host->dev;
	qd->dev.bus = &qbus_bus_type;
	qd->dev.release = qbus_release;
	device_set_node(&qd->dev, of_fwnode_handle(np));
	ret = dev_set_name(&qd->dev, "qbus%u", id);
	if (!ret)
		ret = device_add(&qd->dev);
	if (ret) {
		put_device(&qd->dev);
		return ERR_PTR(ret);
	}
	return qd;
}

/*
 * Shape: drivers/net/wireless/ath/ath11k/ahb.c:
 * ath11k_ahb_fw_resources_init(): register a platform device for a DT
 * child and point its DMA at that node.  The device is on the platform
 * bus from platform_device_register_full() on, so a driver can bind to it
 * while of_dma_configure() runs.
 */
static int qbus_host_add_fw(struct qbus_host *host)
{
	struct platform_device_info info = {};
	struct platform_device *pdev;
	struct device_node *node;
	int ret;

	node = of_get_child_by_name(host->dev->of_node, "wcss-firmware");
	if (!node)
		return 0;

	info.fwnode = &node->fwnode;
	info.parent = host->dev;
	info.name = node->name;
	info.dma_mask = DMA_BIT_MASK(32);

	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		of_node_put(node);
		return PTR_ERR(pdev);
	}

	ret = of_dma_configure(&pdev->dev, node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @fwdma */
	of_node_put(node);
	if (ret) {
		platform_device_unregister(pdev);
		return ret;
	}
	host->fw_pdev = pdev;
	return 0;
}

/*
 * The same shape with the lock the driver core would hold: the twin.
 */
static int qbus_host_add_dsp(struct qbus_host *host)
{
	struct platform_device_info info = {};
	struct platform_device *pdev;
	struct device_node *node;
	int ret;

	node = of_get_child_by_name(host->dev->of_node, "dsp-firmware");
	if (!node)
		return 0;

	info.fwnode = &node->fwnode;
	info.parent = host->dev;
	info.name = node->name;
	info.dma_mask = DMA_BIT_MASK(32);

	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		of_node_put(node);
		return PTR_ERR(pdev);
	}

	device_lock(&pdev->dev);
	ret = of_dma_configure(&pdev->dev, node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	device_unlock(&pdev->dev);
	of_node_put(node);
	if (ret) {
		platform_device_unregister(pdev);
		return ret;
	}
	host->dsp_pdev = pdev;
	return 0;
}

static int qbus_host_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct qbus_host *host;
	struct device_node *np;
	struct qbus_device *qd;
	int irq, ret;

	host = devm_kzalloc(dev, sizeof(*host), GFP_KERNEL);
	if (!host)
		return -ENOMEM;
	host->dev = dev;
	INIT_WORK(&host->rescan_work, qbus_host_rescan);
	platform_set_drvdata(pdev, host);

	ret = qbus_host_add_fw(host); /* EXPECT: device-lock-required @fwdma */
	if (ret)
		return ret;
	ret = qbus_host_add_dsp(host); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	for_each_available_child_of_node(dev->of_node, np) {
		if (host->nr_children == QBUS_MAX_CHILDREN) {
			of_node_put(np);
			break;
		}
		qd = qbus_host_add_child(host, np, host->nr_children);
		if (IS_ERR(qd)) {
			of_node_put(np);
			return PTR_ERR(qd);
		}
		host->child[host->nr_children++] = qd;
	}

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	return devm_request_threaded_irq(dev, irq, NULL, qbus_host_irq_thread,
					 IRQF_ONESHOT, dev_name(dev), host);
}

static void qbus_host_remove(struct platform_device *pdev)
{
	struct qbus_host *host = platform_get_drvdata(pdev);
	unsigned int i;

	cancel_work_sync(&host->rescan_work);
	for (i = 0; i < host->nr_children; i++) {
		cancel_work_sync(&host->child[i]->cfg_work);
		cancel_work_sync(&host->child[i]->retry_work);
		device_unregister(&host->child[i]->dev);
	}
	platform_device_unregister(host->dsp_pdev);
	platform_device_unregister(host->fw_pdev);
}

static const struct of_device_id qbus_host_of_match[] = {
	{ .compatible = "example,qbus-host" },
	{ }
};
MODULE_DEVICE_TABLE(of, qbus_host_of_match);

static struct platform_driver qbus_host_driver = {
	.driver = {
		.name = "qbus-host",
		.of_match_table = qbus_host_of_match,
	},
	.probe = qbus_host_probe,
	.remove = qbus_host_remove,
};

int qbus_host_register(void)
{
	return platform_driver_register(&qbus_host_driver);
}

void qbus_host_unregister(void)
{
	platform_driver_unregister(&qbus_host_driver);
}
