// SPDX-License-Identifier: GPL-2.0
/*
 * rpmx bus core, shaped as drivers/rpmsg/rpmsg_core.c (rpmsg_dev_probe(),
 * rpmsg_dev_remove(), rpmsg_register_device_override()) with a
 * dma_configure as drivers/cdx/cdx.c:cdx_dma_configure() and
 * drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_dma_configure().
 *
 * The driver core calls the bus callbacks below as follows:
 *   .probe, .dma_configure  drivers/base/dd.c:really_probe(), with
 *                           device_lock(dev) held by __driver_attach() /
 *                           __device_attach() / the async helpers
 *   .remove                 dd.c:device_remove() from
 *                           __device_release_driver(), dev locked by
 *                           device_release_driver_internal()
 *   .shutdown               drivers/base/core.c:device_shutdown(), which
 *                           takes device_lock(dev) (and the parent's)
 *                           around the call
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rpmx.h"

static int rpmx_match(struct device *dev, const struct device_driver *drv)
{
	struct rpmx_device *rpdev = to_rpmx_device(dev);
	const struct rpmx_driver *rpdrv = container_of_const(drv, struct rpmx_driver, drv);

	return rpdrv->name && !strcmp(rpdev->name, rpdrv->name);
}

/* only reached from rpmx_dma_configure(), the bus_type callback */
static int rpmx_of_dma(struct device *dev, struct device_node *np, u32 id)
{
	return of_dma_configure_id(dev, np, true, &id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

/* cdx.c:cdx_dma_configure(): the channel takes its edge's DMA setup */
static int rpmx_dma_configure(struct device *dev)
{
	struct rpmx_device *rpdev = to_rpmx_device(dev);
	struct device *parent = dev->parent;
	u32 input_id = rpdev->dst;

	if (!parent)
		return 0;
	if (dev_of_node(parent))
		return rpmx_of_dma(dev, parent->of_node, input_id);
	if (has_acpi_companion(parent))
		return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return 0;
}

/**
 * rpmx_announce_create() - tell the remote side a local service is up
 * @rpdev: the channel
 *
 * rpmsg's ->announce_create, called by rpmsg_dev_probe() with the
 * channel's device lock held; the assert says so.
 */
void rpmx_announce_create(struct rpmx_device *rpdev)
{
	struct device *d = &rpdev->dev;

	device_lock_assert(d);
	rpdev->announced = true;
}

/*
 * rpmx_set_state_locked() - move a channel to @state.  The caller holds
 * the channel's device lock (device_lock(&rpdev->dev)): the state is read
 * by the bus callbacks under it.
 */
void rpmx_set_state_locked(struct rpmx_device *rpdev, int state)
{
	if (rpdev->dead)
		return;
	rpdev->state = state;
}

/**
 * rpmx_release_ept() - drop the channel's endpoint
 * @rpdev: the channel
 *
 * Detaches the driver's callback from the edge.
 *
 * Context: Process context, may sleep.  Caller holds the device lock of
 * @rpdev.
 */
void rpmx_release_ept(struct rpmx_device *rpdev)
{
	struct rpmx_endpoint *ept = rpdev->ept;

	if (!ept)
		return;
	rpdev->ept = NULL;
	rpmx_edge_destroy_ept(rpdev->edge, ept);
}

/* rpmsg_core.c:rpmsg_dev_probe(): endpoint, driver probe, announce */
static int rpmx_dev_probe(struct device *dev)
{
	struct rpmx_device *rpdev = to_rpmx_device(dev);
	struct rpmx_driver *rpdrv = to_rpmx_driver(dev->driver);
	struct rpmx_endpoint *ept = NULL;
	int err;

	if (rpdrv->callback) {
		ept = rpmx_edge_create_ept(rpdev->edge, rpdev, rpdrv->callback,
					   rpdev->src);
		if (!ept)
			return -ENOMEM;
		rpdev->ept = ept;
	}

	err = rpdrv->probe(rpdev);
	if (err)
		goto destroy_ept;

	/* really_probe() holds device_lock(dev) */
	if (ept)
		rpmx_announce_create(rpdev); /* EXPECT-NONE: device-lock-required */
	return 0;

destroy_ept:
	if (ept) {
		rpdev->ept = NULL;
		rpmx_edge_destroy_ept(rpdev->edge, ept);
	}
	return err;
}

/* rpmsg_core.c:rpmsg_dev_remove(), under device_release_driver()'s lock */
static void rpmx_dev_remove(struct device *dev)
{
	struct rpmx_device *rpdev = to_rpmx_device(dev);
	struct rpmx_driver *rpdrv = to_rpmx_driver(dev->driver);

	if (rpdrv->remove)
		rpdrv->remove(rpdev);

	rpmx_release_ept(rpdev); /* EXPECT-NONE: device-lock-required */
}

/*
 * bus_type.shutdown: device_shutdown() already holds device_lock(dev)
 * here (core.c), so taking it again blocks for ever.
 */
static void rpmx_dev_shutdown(struct device *dev)
{
	struct rpmx_device *rpdev = to_rpmx_device(dev);
	struct rpmx_driver *rpdrv;

	if (!dev->driver)
		return;
	rpdrv = to_rpmx_driver(dev->driver);

	if (rpdrv->shutdown)
		rpdrv->shutdown(rpdev);

	device_lock(dev); /* EXPECT: lock-imbalance */
	rpdev->dead = true;
	device_unlock(dev);
}

const struct bus_type rpmx_bus = {
	.name		= "rpmx",
	.match		= rpmx_match,
	.probe		= rpmx_dev_probe,
	.remove		= rpmx_dev_remove,
	.shutdown	= rpmx_dev_shutdown,
	.dma_configure	= rpmx_dma_configure,
};

static void rpmx_release(struct device *dev)
{
	kfree(to_rpmx_device(dev));
}

/* allocated and initialised, not added: the caller configures and adds */
struct rpmx_device *rpmx_alloc_channel(struct device *parent,
				       struct rpmx_edge *edge,
				       const char *name, u32 dst)
{
	struct rpmx_device *rpdev;

	rpdev = kzalloc(sizeof(*rpdev), GFP_KERNEL);
	if (!rpdev)
		return NULL;

	strscpy(rpdev->name, name, sizeof(rpdev->name));
	rpdev->edge = edge;
	rpdev->dst = dst;
	rpdev->src = dst;
	rpdev->dev.parent = parent;
	rpdev->dev.bus = &rpmx_bus;
	rpdev->dev.release = rpmx_release;
	device_initialize(&rpdev->dev);
	if (dev_set_name(&rpdev->dev, "%s.%s.%u", dev_name(parent), name, dst)) {
		put_device(&rpdev->dev);
		return NULL;
	}
	return rpdev;
}

/*
 * rpmsg_core.c:rpmsg_unregister_device(): called from the edge's
 * subdevice stop and its name-service work, never under the channel's
 * own lock; marking it dead under that lock keeps the bus callbacks out.
 */
void rpmx_unregister_channel(struct rpmx_device *rpdev)
{
	device_lock(&rpdev->dev); /* EXPECT-NONE: lock-imbalance */
	rpdev->dead = true;
	device_unlock(&rpdev->dev);

	device_unregister(&rpdev->dev);
}

int rpmx_register_driver(struct rpmx_driver *rpdrv)
{
	rpdrv->drv.bus = &rpmx_bus;
	rpdrv->drv.name = rpdrv->name;
	return driver_register(&rpdrv->drv);
}

void rpmx_unregister_driver(struct rpmx_driver *rpdrv)
{
	driver_unregister(&rpdrv->drv);
}

static int __init rpmx_init(void)
{
	int ret;

	ret = bus_register(&rpmx_bus);
	if (ret)
		return ret;

	ret = rpmx_chan_init();
	if (ret)
		goto unregister_bus;

	ret = rpmx_rproc_init();
	if (ret)
		goto exit_chan;
	return 0;

exit_chan:
	rpmx_chan_exit();
unregister_bus:
	bus_unregister(&rpmx_bus);
	return ret;
}
module_init(rpmx_init);

static void __exit rpmx_exit(void)
{
	rpmx_rproc_exit();
	rpmx_chan_exit();
	bus_unregister(&rpmx_bus);
}
module_exit(rpmx_exit);

MODULE_DESCRIPTION("rpmsg-like private bus over an rproc subdevice (corpus)");
MODULE_LICENSE("GPL");
