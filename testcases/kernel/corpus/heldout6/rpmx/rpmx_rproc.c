// SPDX-License-Identifier: GPL-2.0
/*
 * rpmx edge: a remoteproc platform driver whose rproc subdevice creates
 * the rpmx channels when the remote processor starts, as
 * drivers/remoteproc/qcom_common.c:glink_subdev_start() ->
 * qcom_glink_smem_register(), and delivers messages to the channels'
 * endpoints as drivers/rpmsg/virtio_rpmsg_bus.c:rpmsg_recv_single().
 *
 * Contexts (6.12):
 *   rpmx_rproc_probe()/remove()  platform probe/remove: device_lock of
 *                           the platform device held by the driver core
 *   rpmx_subdev_start()     remoteproc_core.c:rproc_start_subdevices(),
 *                           from rproc_boot() under rproc->lock only;
 *                           rproc_boot() runs from the firmware-loader
 *                           callback (rproc_auto_boot_callback()), the
 *                           remoteproc sysfs/cdev or the recovery work,
 *                           never with the platform device locked
 *   rpmx_rx_work(), rpmx_ns_work()  work items: no device lock
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "rpmx.h"

#define RPMX_MAX_EPT	8
#define RPMX_MAX_CHAN	4
#define RPMX_NS_ADDR	0x35
#define RPMX_NS_DESTROY	1

struct rpmx_msg {
	u32 src;
	u32 dst;
	int len;
	u8 data[64];
};

struct rpmx_edge {
	struct device *dev;		/* the platform device */
	struct device_node *np;
	struct rproc *rproc;
	struct rproc_subdev subdev;
	struct mutex ept_lock;
	struct rpmx_endpoint *epts[RPMX_MAX_EPT];
	struct rpmx_device *chans[RPMX_MAX_CHAN];
	struct rpmx_msg pending;
	bool has_pending;
	struct work_struct rx_work;
	struct work_struct ns_work;
	char ns_name[32];
	u32 ns_addr;
	bool ns_destroy;
	bool powered;
};

#define to_rpmx_edge(s) container_of(s, struct rpmx_edge, subdev)

/*
 * Power the edge's shared memory.  Serialised with the platform driver's
 * probe and remove by the platform device's lock.
 */
static void rpmx_edge_power(struct rpmx_edge *edge, bool on)
{
	device_lock_assert(edge->dev);
	edge->powered = on;
}

struct rpmx_endpoint *rpmx_edge_create_ept(struct rpmx_edge *edge,
					   struct rpmx_device *rpdev,
					   rpmx_rx_cb_t cb, u32 addr)
{
	struct rpmx_endpoint *ept;
	int i;

	ept = kzalloc(sizeof(*ept), GFP_KERNEL);
	if (!ept)
		return NULL;
	mutex_init(&ept->cb_lock);
	ept->rpdev = rpdev;
	ept->cb = cb;
	ept->addr = addr;

	mutex_lock(&edge->ept_lock);
	for (i = 0; i < RPMX_MAX_EPT; i++) {
		if (!edge->epts[i]) {
			edge->epts[i] = ept;
			break;
		}
	}
	mutex_unlock(&edge->ept_lock);

	if (i == RPMX_MAX_EPT) {
		kfree(ept);
		return NULL;
	}
	return ept;
}

void rpmx_edge_destroy_ept(struct rpmx_edge *edge, struct rpmx_endpoint *ept)
{
	int i;

	mutex_lock(&edge->ept_lock);
	for (i = 0; i < RPMX_MAX_EPT; i++)
		if (edge->epts[i] == ept)
			edge->epts[i] = NULL;
	mutex_unlock(&edge->ept_lock);

	mutex_lock(&ept->cb_lock);
	ept->cb = NULL;
	mutex_unlock(&ept->cb_lock);
	kfree(ept);
}

/* virtio_rpmsg_bus.c:rpmsg_recv_single(): ->cb under ept->cb_lock only */
static void rpmx_rx_work(struct work_struct *work)
{
	struct rpmx_edge *edge = container_of(work, struct rpmx_edge, rx_work);
	struct rpmx_endpoint *ept = NULL;
	struct rpmx_msg *msg = &edge->pending;
	int i;

	mutex_lock(&edge->ept_lock);
	if (edge->has_pending && msg->dst == RPMX_NS_ADDR) {
		/* name service: rpmsg_ns.c:rpmsg_ns_cb(), deferred */
		memcpy(edge->ns_name, msg->data, sizeof(edge->ns_name) - 1);
		edge->ns_name[sizeof(edge->ns_name) - 1] = '\0';
		edge->ns_addr = msg->src;
		edge->ns_destroy = msg->len == RPMX_NS_DESTROY;
		schedule_work(&edge->ns_work);
	} else if (edge->has_pending) {
		for (i = 0; i < RPMX_MAX_EPT; i++)
			if (edge->epts[i] && edge->epts[i]->addr == msg->dst)
				ept = edge->epts[i];
	}
	edge->has_pending = false;

	if (ept) {
		mutex_lock(&ept->cb_lock);
		if (ept->cb)
			ept->cb(ept->rpdev, msg->data, msg->len, ept->priv,
				msg->src);
		mutex_unlock(&ept->cb_lock);
	}
	mutex_unlock(&edge->ept_lock);
}

static int rpmx_edge_add(struct rpmx_edge *edge, struct rpmx_device *rpdev)
{
	int i;

	for (i = 0; i < RPMX_MAX_CHAN; i++) {
		if (!edge->chans[i]) {
			edge->chans[i] = rpdev;
			return 0;
		}
	}
	return -ENOSPC;
}

/*
 * A channel made here and configured before device_add(), as
 * drivers/staging/vc04_services/interface/vchiq_arm/vchiq_bus.c:
 * vchiq_device_register(); only rpmx_subdev_start() calls it.
 */
static int rpmx_create_channel(struct rpmx_edge *edge, const char *name,
			       u32 dst)
{
	struct rpmx_device *rpdev;
	int ret;

	rpdev = rpmx_alloc_channel(edge->dev, edge, name, dst);
	if (!rpdev)
		return -ENOMEM;

	ret = of_dma_configure(&rpdev->dev, edge->np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (ret)
		goto put;

	ret = device_add(&rpdev->dev);
	if (ret)
		goto put;

	ret = rpmx_edge_add(edge, rpdev);
	if (ret) {
		device_unregister(&rpdev->dev);
		return ret;
	}
	return 0;

put:
	put_device(&rpdev->dev);
	return ret;
}

/* qcom_common.c:glink_subdev_start(), run by rproc_start_subdevices() */
static int rpmx_subdev_start(struct rproc_subdev *subdev)
{
	struct rpmx_edge *edge = to_rpmx_edge(subdev);

	rpmx_edge_power(edge, true); /* EXPECT: device-lock-required */

	return rpmx_create_channel(edge, "rpmx-echo", 0x400);
}

static void rpmx_subdev_stop(struct rproc_subdev *subdev, bool crashed)
{
	struct rpmx_edge *edge = to_rpmx_edge(subdev);
	int i;

	for (i = 0; i < RPMX_MAX_CHAN; i++) {
		if (edge->chans[i]) {
			rpmx_unregister_channel(edge->chans[i]);
			edge->chans[i] = NULL;
		}
	}
}

/*
 * Name-service announcement from the remote side, as
 * drivers/rpmsg/rpmsg_ns.c:rpmsg_ns_cb(), deferred to a work.  This one
 * holds the new channel's lock around its DMA setup.
 */
static void rpmx_ns_work(struct work_struct *work)
{
	struct rpmx_edge *edge = container_of(work, struct rpmx_edge, ns_work);
	struct rpmx_device *rpdev;
	int ret = 0;
	int i;

	if (edge->ns_destroy) {
		for (i = 0; i < RPMX_MAX_CHAN; i++) {
			rpdev = edge->chans[i];
			if (rpdev && rpdev->dst == edge->ns_addr) {
				edge->chans[i] = NULL;
				rpmx_unregister_channel(rpdev);
			}
		}
		return;
	}

	rpdev = rpmx_alloc_channel(edge->dev, edge, edge->ns_name,
				   edge->ns_addr);
	if (!rpdev)
		return;

	scoped_guard(device, &rpdev->dev)
		ret = of_dma_configure(&rpdev->dev, edge->np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	if (ret || device_add(&rpdev->dev)) {
		put_device(&rpdev->dev);
		return;
	}
	if (rpmx_edge_add(edge, rpdev))
		device_unregister(&rpdev->dev);
}

static int rpmx_rproc_start(struct rproc *rproc)
{
	return 0;
}

static int rpmx_rproc_stop(struct rproc *rproc)
{
	return 0;
}

static void rpmx_rproc_kick(struct rproc *rproc, int vqid)
{
	struct rpmx_edge *edge = rproc->priv;

	schedule_work(&edge->rx_work);
}

static const struct rproc_ops rpmx_rproc_ops = {
	.start	= rpmx_rproc_start,
	.stop	= rpmx_rproc_stop,
	.kick	= rpmx_rproc_kick,
};

static int rpmx_rproc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *dma_np;
	struct rpmx_edge *edge;
	struct rproc *rproc;
	int ret;

	edge = devm_kzalloc(dev, sizeof(*edge), GFP_KERNEL);
	if (!edge)
		return -ENOMEM;

	edge->dev = dev;
	edge->np = dev->of_node;
	mutex_init(&edge->ept_lock);
	INIT_WORK(&edge->rx_work, rpmx_rx_work);
	INIT_WORK(&edge->ns_work, rpmx_ns_work);

	/*
	 * The remote's carveout sits behind another bus master: re-point this
	 * (probed) device's DMA at it, as etnaviv_drv.c:etnaviv_pdev_probe().
	 * The platform probe holds device_lock(dev).
	 */
	dma_np = of_parse_phandle(dev->of_node, "rpmx,dma-master", 0);
	if (dma_np) {
		ret = of_dma_configure(dev, dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(dma_np);
		if (ret)
			return ret;
	}

	rproc = devm_rproc_alloc(dev, dev_name(dev), &rpmx_rproc_ops,
				 "rpmx.mbn", 0);
	if (!rproc)
		return -ENOMEM;
	rproc->priv = edge;
	edge->rproc = rproc;

	rpmx_edge_power(edge, false); /* EXPECT-NONE: device-lock-required */

	edge->subdev.start = rpmx_subdev_start;
	edge->subdev.stop = rpmx_subdev_stop;
	rproc_add_subdev(rproc, &edge->subdev);

	ret = rproc_add(rproc);
	if (ret) {
		rproc_remove_subdev(rproc, &edge->subdev);
		return ret;
	}

	platform_set_drvdata(pdev, edge);
	return 0;
}

static void rpmx_rproc_remove(struct platform_device *pdev)
{
	struct rpmx_edge *edge = platform_get_drvdata(pdev);

	rproc_del(edge->rproc);
	rproc_remove_subdev(edge->rproc, &edge->subdev);
	cancel_work_sync(&edge->ns_work);
	cancel_work_sync(&edge->rx_work);
}

static const struct of_device_id rpmx_rproc_of_match[] = {
	{ .compatible = "corpus,rpmx-rproc" },
	{ }
};
MODULE_DEVICE_TABLE(of, rpmx_rproc_of_match);

static struct platform_driver rpmx_rproc_driver = {
	.probe = rpmx_rproc_probe,
	.remove = rpmx_rproc_remove,
	.driver = {
		.name = "rpmx-rproc",
		.of_match_table = rpmx_rproc_of_match,
	},
};

int rpmx_rproc_init(void)
{
	return platform_driver_register(&rpmx_rproc_driver);
}

void rpmx_rproc_exit(void)
{
	platform_driver_unregister(&rpmx_rproc_driver);
}
