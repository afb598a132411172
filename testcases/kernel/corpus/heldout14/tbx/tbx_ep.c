// SPDX-License-Identifier: GPL-2.0-only
/*
 * tbx endpoint devices: a private bus whose dma_configure callback gives
 * the endpoint the ACPI DMA attributes (drivers/bus/fsl-mc/fsl-mc-bus.c),
 * and the driver-side creation that configures the new device itself
 * before adding it (vchiq_bus.c's vchiq_device_register()).
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/slab.h>

#include "tbx.h"

static int tbx_ep_match(struct device *dev, const struct device_driver *drv)
{
	return 0;
}

/* bus_type.dma_configure: called from really_probe() under the lock. */
static int tbx_ep_dma_configure(struct device *dev)
{
	struct tbx_ep *ep = to_tbx_ep(dev);

	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &ep->hopid); /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */
}

const struct bus_type tbx_ep_bus = {
	.name = "tbx-ep",
	.match = tbx_ep_match,
	.dma_configure = tbx_ep_dma_configure,
};

int tbx_ep_bus_register(void)
{
	return bus_register(&tbx_ep_bus);
}

void tbx_ep_bus_unregister(void)
{
	bus_unregister(&tbx_ep_bus);
}

static void tbx_ep_release(struct device *dev)
{
	kfree(to_tbx_ep(dev));
}

struct tbx_ep *tbx_ep_create(struct tbx *tbx)
{
	struct tbx_ep *ep;
	int ret;

	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return ERR_PTR(-ENOMEM);

	ep->tbx = tbx;
	ep->hopid = tbx->svc->id;
	ep->dev.parent = &tbx->svc->dev;
	ep->dev.bus = &tbx_ep_bus;
	ep->dev.release = tbx_ep_release;
	ep->dev.dma_mask = &ep->dev.coherent_dma_mask;
	device_initialize(&ep->dev);

	ret = dev_set_name(&ep->dev, "%s.ep", dev_name(&tbx->svc->dev));
	if (ret)
		goto err_put;

	ret = acpi_dma_configure(&ep->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT: device-lock-required */
	if (ret)
		goto err_put;

	ret = device_add(&ep->dev);
	if (ret)
		goto err_put;

	return ep;

err_put:
	put_device(&ep->dev);
	return ERR_PTR(ret);
}

void tbx_ep_destroy(struct tbx_ep *ep)
{
	device_unregister(&ep->dev);
}

/**
 * tbx_ep_rebind() - re-apply the ACPI DMA attributes of an endpoint
 * @ep: endpoint created by tbx_ep_create()
 *
 * Context: Process context. Caller holds the device lock of @ep.
 * Return: 0 on success or a negative errno.
 */
int tbx_ep_rebind(struct tbx_ep *ep)
{
	return acpi_dma_configure(&ep->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */
}
