// SPDX-License-Identifier: GPL-2.0
/*
 * h18pp_daisy.c - the daisy-chain device behind an h18pp port, on a bus of
 * its own, with a driver that has system-sleep callbacks.
 *
 * The bus imitates drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_dma_configure
 * (of_dma_configure_id with a requester id, acpi_dma_configure_id
 * otherwise).  The core calls bus_type.dma_configure only from
 * drivers/base/dd.c:really_probe, under device_lock(dev).
 *
 * The daisy driver's dev_pm_ops run from drivers/base/power/main.c:
 * device_suspend/device_resume under device_lock(dev) (no pm_domain, type
 * or class on the device, no pm on the bus).
 *
 * Creation imitates drivers/acpi/arm64/iort.c:iort_add_platform_device ->
 * arm_smmu_v3_dma_configure: acpi_dma_configure() with an attribute the
 * caller works out, from a static helper without a contract of its own.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include "h18pp.h"

static int h18pp_daisy_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

static int h18pp_daisy_dma_configure(struct device *dev)
{
	struct h18pp_daisy *d = to_h18pp_daisy(dev);
	u32 input_id = d->addr;
	int ret = 0;

	if (d->pp->np)
		ret = of_dma_configure_id(dev, d->pp->np, false, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	else if (has_acpi_companion(dev))
		ret = acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return ret;
}

static const struct bus_type h18pp_daisy_bus = {
	.name		= "h18pp-daisy",
	.match		= h18pp_daisy_match,
	.dma_configure	= h18pp_daisy_dma_configure,
};

static int h18pp_daisy_probe(struct device *dev)
{
	return 0;
}

static int h18pp_daisy_suspend(struct device *dev)
{
	h18pp_daisy_quiet_locked(dev, true); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int h18pp_daisy_resume(struct device *dev)
{
	h18pp_daisy_quiet_locked(dev, false); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(h18pp_daisy_pm, h18pp_daisy_suspend, h18pp_daisy_resume);

static struct device_driver h18pp_daisy_driver = {
	.name	= "h18pp-daisy",
	.bus	= &h18pp_daisy_bus,
	.probe	= h18pp_daisy_probe,
	.pm	= pm_sleep_ptr(&h18pp_daisy_pm),
};

int h18pp_daisy_bus_init(void)
{
	int ret;

	ret = bus_register(&h18pp_daisy_bus);
	if (ret)
		return ret;
	ret = driver_register(&h18pp_daisy_driver);
	if (ret)
		bus_unregister(&h18pp_daisy_bus);
	return ret;
}

void h18pp_daisy_bus_exit(void)
{
	driver_unregister(&h18pp_daisy_driver);
	bus_unregister(&h18pp_daisy_bus);
}

static void h18pp_daisy_release(struct device *dev)
{
	kfree(to_h18pp_daisy(dev));
}

/* no contract of its own: the site is here, reached from h18pp_daisy_add */
static void h18pp_daisy_dma(struct h18pp_daisy *d, bool coherent)
{
	d->dev.dma_mask = &d->dev.coherent_dma_mask;
	acpi_dma_configure(&d->dev, coherent ? DEV_DMA_COHERENT : DEV_DMA_NON_COHERENT); /* EXPECT: dma-configure-outside-bus created-device @pp_daisydma; EXPECT: device-lock-required @pp_daisydma_l */
}

int h18pp_daisy_add(struct h18pp *pp)
{
	struct h18pp_daisy *d;
	int ret;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->pp = pp;
	d->addr = pp->port->number;
	device_initialize(&d->dev);
	d->dev.parent = &pp->pardev->dev;
	d->dev.bus = &h18pp_daisy_bus;
	d->dev.release = h18pp_daisy_release;
	ret = dev_set_name(&d->dev, "%s.daisy", dev_name(&pp->pardev->dev));
	if (ret)
		goto err_put;
	if (pp->port->dev && has_acpi_companion(pp->port->dev))
		h18pp_daisy_dma(d, pp->port->modes & PARPORT_MODE_DMA); /* EXPECT: dma-configure-outside-bus created-device @pp_daisydma; EXPECT: device-lock-required @pp_daisydma_l */
	ret = device_add(&d->dev);
	if (ret)
		goto err_put;
	pp->daisy = d;
	return 0;

err_put:
	put_device(&d->dev);
	return ret;
}

void h18pp_daisy_del(struct h18pp *pp)
{
	if (pp->daisy) {
		device_unregister(&pp->daisy->dev);
		pp->daisy = NULL;
	}
}
