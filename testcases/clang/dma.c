// dma-configure-outside-bus: of/acpi_dma_configure*() anywhere but a
// bus_type.dma_configure callback, with the seed's pattern named.
// RUN: %clang -cc1 -analyze -load %plugin \
// RUN:   -analyzer-checker=core,kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/acpi.h>
#include <linux/platform_device.h>
#include <linux/component.h>
#include <linux/slab.h>

struct device *find_dev(void);
struct device_node *np;

/* The bus callback itself, and a static helper inlined into it. */
static int helper(struct device *dev)
{
	return of_dma_configure(dev, np, true);
}

static int bus_dma_configure(struct device *dev)
{
	if (acpi_dma_configure_id(dev, 0, NULL))
		return helper(dev);
	return 0;
}

const struct bus_type my_bus = {
	.dma_configure = bus_dma_configure,
};

/* Pattern 3: the probed device re-pointed at another node. */
static int repoint_probe(struct platform_device *pdev)
{
	return of_dma_configure(&pdev->dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a probed-device &pdev->dev, device_lock held by the driver core (probe) [dma-configure-outside-bus]}}
}

static struct platform_driver repoint_driver = {
	.probe = repoint_probe,
};

/* Pattern 2: a device created here. */
int create(void)
{
	struct platform_device *pdev = platform_device_alloc("child", 0);

	if (!pdev)
		return -12;
	return of_dma_configure(&pdev->dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a created-device &pdev->dev (by platform_device_alloc()), device_lock not held [dma-configure-outside-bus]}}
}

/* Pattern 1: someone else's device, from a component bind. */
static int steal_bind(struct device *dev, struct device *master, void *data)
{
	return of_dma_configure(master, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a foreign-device master, device_lock not held [dma-configure-outside-bus]}}
}

static const struct component_ops steal_ops = {
	.bind = steal_bind,
};

/* A static function whose callers decide is judged at its callers. */
static void static_helper(struct device *dev)
{
	of_dma_configure_id(dev, np, true, NULL); // expected-warning{{of_dma_configure_id() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]}}
}

void calls_static_helper(void)
{
	static_helper(find_dev());
}
