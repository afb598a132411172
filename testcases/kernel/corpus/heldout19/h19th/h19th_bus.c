// SPDX-License-Identifier: GPL-2.0
/*
 * h19th_bus.c: a bus of the module's own for the sink devices the output
 * driver creates and keeps in h19th_out.sink.
 *
 * .dma_configure is called only by really_probe() (drivers/base/dd.c),
 * under the device_lock(dev) taken by __device_attach()/__driver_attach();
 * .probe runs from call_driver_probe(), same lock.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "h19th.h"

static int h19th_bus_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

/*
 * Shape of amba_dma_configure() (drivers/amba/bus.c): the device's own
 * node, else its ACPI companion through the _id variant.
 */
static int h19th_bus_dma_configure(struct device *dev)
{
	struct h19th_sink *sink = to_h19th_sink(dev);
	u32 id = sink->out->thdev->id;

	if (dev->of_node)
		return of_dma_configure(dev, dev->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	if (has_acpi_companion(dev))
		return acpi_dma_configure_id(dev, acpi_get_dma_attr(ACPI_COMPANION(dev)), &id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return 0;
}

static int h19th_bus_probe(struct device *dev)
{
	/* call_driver_probe() <- really_probe(): lock held */
	h19th_commit(dev); /* EXPECT-NONE: device-lock-required */
	return h19th_mode_locked(dev, 0); /* EXPECT-NONE: device-lock-required */
}

const struct bus_type h19th_bus = {
	.name		= "h19th",
	.match		= h19th_bus_match,
	.probe		= h19th_bus_probe,
	.dma_configure	= h19th_bus_dma_configure,
};

static struct device_driver h19th_sink_driver = {
	.name	= "h19th-sink",
	.bus	= &h19th_bus,
	.owner	= THIS_MODULE,
};

static void h19th_sink_release(struct device *dev)
{
	struct h19th_sink *sink = to_h19th_sink(dev);

	of_node_put(dev->of_node);
	kfree(sink);
}

/*
 * Shape of ath11k_ahb_fw_resources_init() (drivers/net/wireless/ath/
 * ath11k/ahb.c): platform_device_register_full() then of_dma_configure()
 * on the new device.  device_register() has returned: nobody holds the
 * sink's lock.
 */
struct h19th_sink *h19th_sink_register(struct h19th_out *out)
{
	struct h19th_sink *sink;
	int ret;

	sink = kzalloc(sizeof(*sink), GFP_KERNEL);
	if (!sink)
		return ERR_PTR(-ENOMEM);
	sink->out = out;
	sink->dev.bus = &h19th_bus;
	sink->dev.parent = &out->thdev->dev;
	sink->dev.release = h19th_sink_release;
	sink->dev.of_node = of_node_get(out->dma_np);
	dev_set_name(&sink->dev, "%s-sink", dev_name(&out->thdev->dev));
	ret = device_register(&sink->dev);
	if (ret) {
		put_device(&sink->dev);
		return ERR_PTR(ret);
	}
	if (out->dma_np)
		of_dma_configure(&sink->dev, out->dma_np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	return sink;
}

/*
 * Later reconfiguration of the sink kept in out->sink, with its lock
 * taken: the twin of the call above.
 */
int h19th_sink_configure(struct h19th_out *out)
{
	int ret;

	if (IS_ERR_OR_NULL(out->sink) || !out->dma_np)
		return 0;
	device_lock(&out->sink->dev);
	ret = of_dma_configure(&out->sink->dev, out->dma_np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	device_unlock(&out->sink->dev);
	return ret;
}

void h19th_sink_unregister(struct h19th_sink *sink)
{
	if (!IS_ERR_OR_NULL(sink))
		device_unregister(&sink->dev);
}

int h19th_bus_init(void)
{
	int ret = bus_register(&h19th_bus);

	if (ret)
		return ret;
	ret = driver_register(&h19th_sink_driver);
	if (ret)
		bus_unregister(&h19th_bus);
	return ret;
}

void h19th_bus_exit(void)
{
	driver_unregister(&h19th_sink_driver);
	bus_unregister(&h19th_bus);
}
