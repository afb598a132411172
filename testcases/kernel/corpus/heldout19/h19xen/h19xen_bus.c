// SPDX-License-Identifier: GPL-2.0
/*
 * h19xen_bus.c: a bus of the module's own for the ring devices the
 * frontend creates and keeps in h19xen_front.ring.
 *
 * .dma_configure is called only by really_probe() (drivers/base/dd.c),
 * under the device_lock(dev) of __device_attach()/__driver_attach();
 * .probe from call_driver_probe() (same lock); .shutdown from
 * device_shutdown() (drivers/base/core.c), which locks the parent and
 * the device around it.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "h19xen.h"

static int h19xen_bus_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

/*
 * Shape of pci_dma_configure() (drivers/pci/pci-driver.c): the node of
 * the host (here the frontend the ring hangs off) or its ACPI companion.
 */
static int h19xen_bus_dma_configure(struct device *dev)
{
	struct h19xen_ring *ring = to_h19xen_ring(dev);
	struct device *host = dev->parent;

	if (host && host->of_node)
		return of_dma_configure_id(dev, host->of_node, true, &ring->index); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	if (host && has_acpi_companion(host))
		return acpi_dma_configure(dev, acpi_get_dma_attr(ACPI_COMPANION(host))); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return 0;
}

static int h19xen_bus_probe(struct device *dev)
{
	/* call_driver_probe() <- really_probe(): lock held */
	return h19xen_features_locked(dev, 0); /* EXPECT-NONE: device-lock-required */
}

static void h19xen_bus_shutdown(struct device *dev)
{
	/* device_shutdown(): device_lock(dev) held around ->shutdown */
	h19xen_commit(dev); /* EXPECT-NONE: device-lock-required */
}

const struct bus_type h19xen_bus = {
	.name		= "h19xen",
	.match		= h19xen_bus_match,
	.probe		= h19xen_bus_probe,
	.shutdown	= h19xen_bus_shutdown,
	.dma_configure	= h19xen_bus_dma_configure,
};

static struct device_driver h19xen_ring_driver = {
	.name	= "h19xen-ring",
	.bus	= &h19xen_bus,
	.owner	= THIS_MODULE,
};

static void h19xen_ring_release(struct device *dev)
{
	kfree(to_h19xen_ring(dev));
}

/*
 * Allocate and register a ring; its DMA is configured later from the
 * frontend's slots (h19xen_ring_setup() in h19xen_drv.c).
 */
struct h19xen_ring *h19xen_ring_add(struct h19xen_front *front)
{
	struct h19xen_ring *ring;
	int ret;

	ring = kzalloc(sizeof(*ring), GFP_KERNEL);
	if (!ring)
		return ERR_PTR(-ENOMEM);
	ring->front = front;
	device_initialize(&ring->dev);
	ring->dev.bus = &h19xen_bus;
	ring->dev.parent = &front->xdev->dev;
	ring->dev.release = h19xen_ring_release;
	ret = dev_set_name(&ring->dev, "%s-ring", dev_name(&front->xdev->dev));
	if (!ret)
		ret = device_add(&ring->dev);
	if (ret) {
		put_device(&ring->dev);
		return ERR_PTR(ret);
	}

	/* a locked first configuration, like the later h19xen_ring_setup() */
	scoped_guard(device, &ring->dev)
		of_dma_configure_id(&ring->dev, front->dma_np, true, &ring->index); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	return ring;
}

void h19xen_ring_del(struct h19xen_ring *ring)
{
	if (!IS_ERR_OR_NULL(ring))
		device_unregister(&ring->dev);
}

int h19xen_bus_init(void)
{
	int ret = bus_register(&h19xen_bus);

	if (ret)
		return ret;
	ret = driver_register(&h19xen_ring_driver);
	if (ret)
		bus_unregister(&h19xen_bus);
	return ret;
}

void h19xen_bus_exit(void)
{
	driver_unregister(&h19xen_ring_driver);
	bus_unregister(&h19xen_bus);
}
