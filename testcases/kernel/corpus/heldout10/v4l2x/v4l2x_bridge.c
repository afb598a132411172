// SPDX-License-Identifier: GPL-2.0
/*
 * v4l2x: the CSI-2 bridge, shaped on drivers/media/platform/renesas/
 * rcar-csi2.c (rcsi2_probe(), rcsi2_notify_bound(), rcsi2_irq_thread()),
 * with the DMA set-up of drivers/gpu/drm/etnaviv/etnaviv_drv.c:
 * etnaviv_pdev_probe() and drivers/gpu/drm/msm/adreno/a6xx_gmu.c:
 * a6xx_gmu_wrapper_init().
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <media/v4l2-async.h>
#include <media/v4l2-device.h>
#include <media/v4l2-subdev.h>
#include <media/videobuf2-v4l2.h>
#include <media/videobuf2-vmalloc.h>

#include "v4l2x.h"

static struct v4l2x_bridge *notifier_to_bridge(struct v4l2_async_notifier *n)
{
	return container_of(n, struct v4l2x_bridge, notifier);
}

/*
 * v4l2_async_notifier_operations.bound / .complete: v4l2-async.c:
 * v4l2_async_match_notify() and v4l2_async_nf_try_complete() call them
 * under list_lock, from whichever side registers last: the sensor's
 * v4l2_async_register_subdev() in its I2C probe (the sensor's device lock
 * held, not the bridge's) or v4l2_async_nf_register() in the bridge's
 * probe.  As with a component master's bind (vc4_drv.c:vc4_drm_bind()),
 * the bridge's lock is not held on the first path.
 */
static int v4l2x_notify_bound(struct v4l2_async_notifier *n,
			      struct v4l2_subdev *sd,
			      struct v4l2_async_connection *asc)
{
	struct v4l2x_bridge *b = notifier_to_bridge(n);

	b->sensor = sd;
	return 0;
}

static int v4l2x_notify_complete(struct v4l2_async_notifier *n)
{
	struct v4l2x_bridge *b = notifier_to_bridge(n);
	int ret;

	/* the sensor's DMA window applies to the bridge: re-point it */
	ret = of_dma_configure(b->dev, b->dev->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
	if (ret)
		return ret;
	return v4l2_device_register_subdev_nodes(&b->v4l2_dev);
}

static const struct v4l2_async_notifier_operations v4l2x_notify_ops = {
	.bound		= v4l2x_notify_bound,
	.complete	= v4l2x_notify_complete,
};

static int v4l2x_queue_setup(struct vb2_queue *q, unsigned int *nbuffers,
			     unsigned int *nplanes, unsigned int sizes[],
			     struct device *alloc_devs[])
{
	if (*nplanes)
		return sizes[0] < SZ_4K ? -EINVAL : 0;
	*nplanes = 1;
	sizes[0] = SZ_4K;
	return 0;
}

static void v4l2x_buf_queue(struct vb2_buffer *vb)
{
	vb2_buffer_done(vb, VB2_BUF_STATE_DONE);
}

/*
 * vb2_ops.start_streaming: videobuf2-core.c:vb2_start_streaming() from
 * VIDIOC_STREAMON (v4l2-ioctl.c, under the queue lock b->lock only).  No
 * device lock and no iommu group mutex; the sensor's .s_stream is called
 * from here through v4l2_subdev_call().
 */
static int v4l2x_start_streaming(struct vb2_queue *q, unsigned int count)
{
	struct v4l2x_bridge *b = vb2_get_drv_priv(q);
	int ret;

	ret = v4l2x_stream_attach(b->dev); /* EXPECT: group-mutex-required */
	if (ret)
		return ret;
	if (!b->sensor)
		return -ENODEV;
	return v4l2_subdev_call(b->sensor, video, s_stream, 1);
}

static void v4l2x_stop_streaming(struct vb2_queue *q)
{
	struct v4l2x_bridge *b = vb2_get_drv_priv(q);

	if (b->sensor)
		v4l2_subdev_call(b->sensor, video, s_stream, 0);
}

static const struct vb2_ops v4l2x_qops = {
	.queue_setup		= v4l2x_queue_setup,
	.buf_queue		= v4l2x_buf_queue,
	.start_streaming	= v4l2x_start_streaming,
	.stop_streaming		= v4l2x_stop_streaming,
};

/* iommu.c:iommu_group_for_each_dev() runs @fn under group->mutex */
static int v4l2x_attach_one(struct device *dev, void *data)
{
	return v4l2x_stream_attach(dev); /* EXPECT-NONE: group-mutex-required */
}

/*
 * The ISP companion is re-pointed under its own lock; one unlock on every
 * path.
 */
static int v4l2x_isp_reconfigure(struct v4l2x_bridge *b)
{
	struct device *isp = &b->isp->dev;
	int ret;

	device_lock(isp);
	ret = of_dma_configure(isp, isp->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	if (ret)
		goto out;
	b->status |= BIT(1);
out:
	device_unlock(isp); /* EXPECT-NONE: lock-imbalance */
	return ret;
}

/*
 * The positive twin: its error path unlocks and then falls into the
 * common unlock, dropping the ISP's lock a second time.
 */
static int v4l2x_isp_reset(struct v4l2x_bridge *b)
{
	struct device *isp = &b->isp->dev;
	int ret = 0;

	device_lock(isp);
	if (!isp->driver) {
		ret = -ENODEV;
		device_unlock(isp);
		goto out;
	}
	b->status &= ~BIT(1);
out:
	device_unlock(isp); /* EXPECT: lock-imbalance */
	return ret;
}

/* the error work: a kworker holding nothing */
static void v4l2x_err_work(struct work_struct *work)
{
	struct v4l2x_bridge *b = container_of(work, struct v4l2x_bridge, err_work);

	if (!b->isp)
		return;
	if (!v4l2x_isp_reset(b))
		v4l2x_isp_reconfigure(b);
}

/*
 * Threaded handler: kernel/irq/manage.c:irq_thread_fn(), no device lock,
 * as rcar-csi2.c:rcsi2_irq_thread().
 */
static irqreturn_t v4l2x_irq_thread(int irq, void *data)
{
	struct v4l2x_bridge *b = data;

	v4l2x_bridge_program(b); /* EXPECT: device-lock-required */
	schedule_work(&b->err_work);
	return IRQ_HANDLED;
}

static int v4l2x_init_queue(struct v4l2x_bridge *b)
{
	struct vb2_queue *q = &b->queue;

	q->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	q->io_modes = VB2_MMAP;
	q->drv_priv = b;
	q->buf_struct_size = sizeof(struct vb2_v4l2_buffer);
	q->ops = &v4l2x_qops;
	q->mem_ops = &vb2_vmalloc_memops;
	q->timestamp_flags = V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
	q->lock = &b->lock;
	q->dev = b->dev;
	return vb2_queue_init(q);
}

/*
 * platform_driver.probe: dd.c:really_probe() under device_lock(&pdev->dev);
 * the ISP found by phandle is another device whose lock is not held.
 */
static int v4l2x_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct fwnode_handle *ep;
	struct v4l2_async_connection *asc;
	struct device_node *np;
	struct iommu_group *group;
	struct v4l2x_bridge *b;
	int irq, ret;

	b = devm_kzalloc(dev, sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->dev = dev;
	mutex_init(&b->lock);
	INIT_WORK(&b->err_work, v4l2x_err_work);
	platform_set_drvdata(pdev, b);

	/* as etnaviv_pdev_probe(): DMA described by another node */
	np = of_parse_phandle(dev->of_node, "corpus,dma-node", 0);
	if (np) {
		ret = of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(np);
		if (ret)
			return ret;
	}

	/* as a6xx_gmu_wrapper_init(): a device found by node, not ours */
	np = of_parse_phandle(dev->of_node, "corpus,isp", 0);
	if (np) {
		b->isp = of_find_device_by_node(np);
		if (b->isp) {
			ret = of_dma_configure(&b->isp->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
			if (ret) {
				of_node_put(np);
				put_device(&b->isp->dev);
				return ret;
			}
		}
		of_node_put(np);
	}

	v4l2x_bridge_program(b); /* EXPECT-NONE: device-lock-required */

	group = iommu_group_get(dev);
	if (group) {
		ret = iommu_group_for_each_dev(group, b, v4l2x_attach_one);
		iommu_group_put(group);
		if (ret)
			goto err_isp;
	}

	irq = platform_get_irq_optional(pdev, 0);
	if (irq > 0) {
		ret = devm_request_threaded_irq(dev, irq, NULL, v4l2x_irq_thread,
						IRQF_ONESHOT, dev_name(dev), b);
		if (ret)
			goto err_isp;
	}

	ret = v4l2_device_register(dev, &b->v4l2_dev);
	if (ret)
		goto err_isp;
	ret = v4l2x_init_queue(b);
	if (ret)
		goto err_v4l2;

	v4l2_async_nf_init(&b->notifier, &b->v4l2_dev);
	ep = fwnode_graph_get_endpoint_by_id(dev_fwnode(dev), 0, 0, 0);
	if (!ep) {
		ret = -ENODEV;
		goto err_nf;
	}
	asc = v4l2_async_nf_add_fwnode_remote(&b->notifier, ep,
					      struct v4l2_async_connection);
	fwnode_handle_put(ep);
	if (IS_ERR(asc)) {
		ret = PTR_ERR(asc);
		goto err_nf;
	}
	b->notifier.ops = &v4l2x_notify_ops;
	ret = v4l2_async_nf_register(&b->notifier);
	if (ret)
		goto err_nf;
	return 0;

err_nf:
	v4l2_async_nf_cleanup(&b->notifier);
	vb2_queue_release(&b->queue);
err_v4l2:
	v4l2_device_unregister(&b->v4l2_dev);
err_isp:
	if (b->isp)
		put_device(&b->isp->dev);
	return ret;
}

static void v4l2x_remove(struct platform_device *pdev)
{
	struct v4l2x_bridge *b = platform_get_drvdata(pdev);

	v4l2_async_nf_unregister(&b->notifier);
	v4l2_async_nf_cleanup(&b->notifier);
	vb2_queue_release(&b->queue);
	v4l2_device_unregister(&b->v4l2_dev);
	cancel_work_sync(&b->err_work);
	if (b->isp)
		put_device(&b->isp->dev);
}

static const struct of_device_id v4l2x_of_match[] = {
	{ .compatible = "corpus,v4l2x-csi2" },
	{ }
};
MODULE_DEVICE_TABLE(of, v4l2x_of_match);

static struct platform_driver v4l2x_bridge_driver = {
	.probe	= v4l2x_probe,
	.remove	= v4l2x_remove,
	.driver	= {
		.name		= "v4l2x-csi2",
		.of_match_table	= v4l2x_of_match,
	},
};

static int __init v4l2x_init(void)
{
	int ret;

	ret = i2c_add_driver(&v4l2x_sensor_driver);
	if (ret)
		return ret;
	ret = platform_driver_register(&v4l2x_bridge_driver);
	if (ret)
		i2c_del_driver(&v4l2x_sensor_driver);
	return ret;
}
module_init(v4l2x_init);

static void __exit v4l2x_exit(void)
{
	platform_driver_unregister(&v4l2x_bridge_driver);
	i2c_del_driver(&v4l2x_sensor_driver);
}
module_exit(v4l2x_exit);

MODULE_DESCRIPTION("iommu-lockcheck corpus: CSI-2 bridge and sensor");
MODULE_LICENSE("GPL");
