// Entry contexts: bus_type dma_configure/probe/remove and driver probe/remove
// callbacks
// (named in an initializer or an assignment in the TU) hold device_lock()
// of their own device; component bind and other callbacks hold nothing.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/acpi.h>
#include <linux/platform_device.h>
#include <linux/pci.h>
#include <linux/i2c.h>
#include <linux/amba/bus.h>
#include <linux/spi/spi.h>
#include <linux/component.h>

struct device *find_dev(void);
struct device_node *np;

static int my_bus_dma_configure(struct device *dev)
{
	return of_dma_configure(dev, np, true);
}

/* bus_type.probe runs under device_lock() too (really_probe()). */
static int my_bus_probe(struct device *dev)
{
	return of_dma_configure(dev, np, true);
}

const struct bus_type my_bus = {
	.name = "my",
	.probe = my_bus_probe,
	.dma_configure = my_bus_dma_configure,
};

/* Bus callback: only its own device is locked. */
static int other_bus_dma_configure(struct device *dev)
{
	of_dma_configure(dev->parent, np, true); // expected-warning{{requires device_lock(dev->parent)}}
	return acpi_dma_configure(dev, 0);
}

static void set_ops(struct bus_type *bus)
{
	bus->dma_configure = other_bus_dma_configure;
}

static int plat_probe(struct platform_device *pdev)
{
	struct device *other = find_dev();

	of_dma_configure(&pdev->dev, np, true);
	return of_dma_configure(other, np, true); // expected-warning{{requires device_lock(other)}}
}

static void plat_remove(struct platform_device *pdev)
{
	of_dma_configure(&pdev->dev, np, true);
}

static struct platform_driver plat_driver = {
	.probe = plat_probe,
	.remove = plat_remove,
};

static int pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return of_dma_configure(&pdev->dev, np, true);
}

static struct pci_driver my_pci_driver = {
	.probe = pci_probe,
};

static int i2c_probe(struct i2c_client *client)
{
	return of_dma_configure(&client->dev, np, true);
}

static struct i2c_driver my_i2c_driver = {
	.probe = i2c_probe,
};

static int amba_probe(struct amba_device *adev, const struct amba_id *id)
{
	return of_dma_configure(&adev->dev, np, true);
}

static struct amba_driver my_amba_driver = {
	.probe = amba_probe,
};

static int spi_probe(struct spi_device *spi)
{
	return of_dma_configure(&spi->dev, np, true);
}

static struct spi_driver my_spi_driver = {
	.probe = spi_probe,
};

static int drv_probe(struct device *dev)
{
	return of_dma_configure(dev, np, true);
}

static struct device_driver my_driver = {
	.probe = drv_probe,
};

/* Component bind: reached from another device's probe, holds nothing. */
static int comp_bind(struct device *dev, struct device *master, void *data)
{
	return of_dma_configure(dev, np, true); // expected-warning{{requires device_lock(dev), which is not held on this path (from comp_bind())}}
}

static const struct component_ops comp_ops = {
	.bind = comp_bind,
};

/* Probe calls a static helper (inlined): still the probed device's lock. */
static void probe_helper(struct device *dev, struct device *other)
{
	of_dma_configure(dev, np, true);
	of_dma_configure(other, np, true); // expected-warning{{requires device_lock(other), which is not held on this path (from helper_probe())}}
}

static int helper_probe(struct platform_device *pdev)
{
	probe_helper(&pdev->dev, find_dev());
	return 0;
}

static struct platform_driver helper_driver = {
	.probe = helper_probe,
};

/* Double lock of the probed device: the driver core already holds it. */
static int relock_probe(struct platform_device *pdev)
{
	device_lock(&pdev->dev); // expected-warning{{'&pdev->dev' acquired while already held on this path [lock-imbalance]}}
	device_unlock(&pdev->dev);
	return 0;
}

static struct platform_driver relock_driver = {
	.probe = relock_probe,
};
