// SPDX-License-Identifier: GPL-2.0-only
/*
 * fslmcx - port child devices, their bus and the DPMAC endpoints
 */
#include <linux/acpi.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fsl/mc.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "fslmcx.h"

/* The device the firmware ICIDs are translated against: the MC itself. */
static struct device *fslmcx_dma_root(struct fslmcx_sw *sw)
{
	struct device *dma_dev = &sw->mc_dev->dev;

	while (dev_is_fsl_mc(dma_dev))
		dma_dev = dma_dev->parent;

	return dma_dev;
}

static int fslmcx_port_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

static int fslmcx_port_dma_configure(struct device *dev)
{
	struct fslmcx_port *port = to_fslmcx_port(dev);
	struct device *dma_dev = fslmcx_dma_root(port->sw);
	u32 input_id = port->icid;

	if (dev_of_node(dma_dev))
		return of_dma_configure_id(dev, dma_dev->of_node, true, &input_id);	/* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */

	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &input_id);	/* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */
}

const struct bus_type fslmcx_port_bus = {
	.name		= "fslmcx-port",
	.match		= fslmcx_port_match,
	.dma_configure	= fslmcx_port_dma_configure,
};

static int fslmcx_port_probe(struct device *dev)
{
	struct fslmcx_port *port = to_fslmcx_port(dev);

	port->link_up = false;
	return fslmcx_port_sync_locked(port);	/* EXPECT-NONE: device-lock-required */
}

static int fslmcx_port_remove(struct device *dev)
{
	struct fslmcx_port *port = to_fslmcx_port(dev);

	cancel_work_sync(&port->link_work);
	port->link_up = false;
	fslmcx_port_apply(port);	/* EXPECT-NONE: device-lock-required */
	return 0;
}

struct device_driver fslmcx_port_driver = {
	.name	= "fslmcx-port",
	.bus	= &fslmcx_port_bus,
	.probe	= fslmcx_port_probe,
	.remove	= fslmcx_port_remove,
};

static void fslmcx_port_link_work(struct work_struct *work)
{
	struct fslmcx_port *port = container_of(work, struct fslmcx_port,
						link_work);

	port->link_up = !port->link_up;
	fslmcx_port_apply(port);	/* EXPECT: device-lock-required */
}

/* Re-point the DPMAC at the MC's DMA domain once it shows up. */
static void fslmcx_port_ep_work(struct work_struct *work)
{
	struct fslmcx_port *port = container_of(work, struct fslmcx_port,
						ep_work);
	struct fsl_mc_device *ep = port->ep;
	struct device *dma_dev = fslmcx_dma_root(port->sw);
	u32 icid;
	int err;

	if (!ep)
		return;

	icid = ep->icid;
	err = of_dma_configure_id(&ep->dev, dma_dev->of_node, true, &icid);	/* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required */
	if (err)
		dev_warn(&port->dev, "endpoint DMA setup failed: %d\n", err);
}

static void fslmcx_port_ep_bind_work(struct work_struct *work)
{
	struct fslmcx_port *port = container_of(work, struct fslmcx_port,
						ep_bind_work);
	struct fsl_mc_device *ep = port->ep;
	struct device *dma_dev = fslmcx_dma_root(port->sw);
	u32 icid;
	int err;

	if (!ep)
		return;

	err = fslmcx_lock_obj(ep, false);
	if (err)
		return;

	icid = ep->icid;
	err = of_dma_configure_id(&ep->dev, dma_dev->of_node, true, &icid);	/* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
	device_unlock(&ep->dev);
	if (err)
		dev_warn(&port->dev, "endpoint DMA setup failed: %d\n", err);
}

static void fslmcx_port_release(struct device *dev)
{
	kfree(to_fslmcx_port(dev));
}

struct fslmcx_port *fslmcx_port_create(struct fslmcx_sw *sw, u16 idx)
{
	struct fsl_mc_device *mc_dev = sw->mc_dev;
	struct device *dma_dev = fslmcx_dma_root(sw);
	struct fslmcx_port *port;
	int err;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return ERR_PTR(-ENOMEM);

	port->sw = sw;
	port->idx = idx;
	port->icid = mc_dev->icid;
	INIT_WORK(&port->link_work, fslmcx_port_link_work);
	INIT_WORK(&port->ep_work, fslmcx_port_ep_work);
	INIT_WORK(&port->ep_bind_work, fslmcx_port_ep_bind_work);

	port->dev.parent = &mc_dev->dev;
	port->dev.bus = &fslmcx_port_bus;
	port->dev.release = fslmcx_port_release;
	dev_set_name(&port->dev, "%s.p%u", dev_name(&mc_dev->dev), idx);

	err = device_register(&port->dev);
	if (err) {
		put_device(&port->dev);
		return ERR_PTR(err);
	}

	/* Firmware older than 10.x needs the stream set before the link. */
	if (sw->flags & FSLMCX_F_EARLY_DMA) {
		u32 icid = port->icid;

		err = of_dma_configure_id(&port->dev, dma_dev->of_node, true, &icid);	/* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT: device-lock-required */
		if (err)
			goto err_unregister;
	}

	return port;

err_unregister:
	device_unregister(&port->dev);
	return ERR_PTR(err);
}

static int fslmcx_port_redo_dma(struct fslmcx_port *port)
{
	struct device *dma_dev = fslmcx_dma_root(port->sw);
	u32 icid = port->icid;
	int err = 0;

	scoped_guard(device, &port->dev)
		err = of_dma_configure_id(&port->dev, dma_dev->of_node, true, &icid);	/* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */

	return err;
}

static int fslmcx_ep_quiesce(struct fsl_mc_device *ep)
{
	int err;

	err = fslmcx_lock_obj(ep, true);
	if (err)
		goto out_unlock;

	err = fslmcx_obj_reset_locked(ep);

out_unlock:
	device_unlock(&ep->dev);		/* EXPECT: lock-imbalance */
	return err;
}

void fslmcx_port_destroy(struct fslmcx_port *port)
{
	cancel_work_sync(&port->ep_work);
	cancel_work_sync(&port->ep_bind_work);
	cancel_work_sync(&port->link_work);
	if (port->ep) {
		fslmcx_ep_quiesce(port->ep);
		put_device(&port->ep->dev);
	}
	device_unregister(&port->dev);
}

int fslmcx_port_connect(struct fslmcx_port *port)
{
	struct fsl_mc_device *ep;

	ep = fsl_mc_get_endpoint(port->sw->mc_dev, port->idx);
	if (IS_ERR(ep))
		return PTR_ERR(ep) == -ENOTCONN ? 0 : PTR_ERR(ep);

	if (!is_fsl_mc_bus_dpmac(ep)) {
		put_device(&ep->dev);
		return 0;
	}

	port->ep = ep;
	if (!(port->sw->flags & FSLMCX_F_EP_DMA))
		return 0;

	if (port->sw->flags & FSLMCX_F_EARLY_DMA) {
		schedule_work(&port->ep_work);
		return 0;
	}

	schedule_work(&port->ep_bind_work);
	return fslmcx_port_redo_dma(port);
}

/* device_for_each_child() walks the children without locking them. */
int fslmcx_port_quiesce_one(struct device *dev, void *data)
{
	struct fslmcx_port *port;

	if (dev->bus != &fslmcx_port_bus)
		return 0;

	port = to_fslmcx_port(dev);
	port->link_up = false;
	return fslmcx_port_sync_locked(port);	/* EXPECT: device-lock-required */
}

int fslmcx_port_resync_one(struct device *dev, void *data)
{
	struct fslmcx_port *port;
	int err = 0;

	if (dev->bus != &fslmcx_port_bus)
		return 0;

	port = to_fslmcx_port(dev);
	scoped_guard(device, dev)
		err = fslmcx_port_sync_locked(port);	/* EXPECT-NONE: device-lock-required */

	return err;
}

int fslmcx_port_bus_init(void)
{
	int err;

	err = bus_register(&fslmcx_port_bus);
	if (err)
		return err;

	err = driver_register(&fslmcx_port_driver);
	if (err)
		bus_unregister(&fslmcx_port_bus);

	return err;
}

void fslmcx_port_bus_exit(void)
{
	driver_unregister(&fslmcx_port_driver);
	bus_unregister(&fslmcx_port_bus);
}
