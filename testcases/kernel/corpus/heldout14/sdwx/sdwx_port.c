// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdwx child devices: the data-port devices on a private bus whose
 * dma_configure callback sets them up (drivers/cdx/cdx.c,
 * drivers/bus/fsl-mc/fsl-mc-bus.c), and a DSP platform device the driver
 * allocates and configures itself (drivers/media/platform/samsung/
 * s5p-mfc/s5p_mfc.c, vchiq_bus.c).
 */
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "sdwx.h"

static int sdwx_port_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

/* Called by really_probe() with device_lock(dev) held. */
static int sdwx_port_dma_configure(struct device *dev)
{
	struct sdwx_port *port = to_sdwx_port(dev);
	struct device *parent = dev->parent;
	u32 input_id = port->num;

	if (!parent)
		return 0;

	return of_dma_configure_id(dev, parent->of_node, true, &input_id); /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */
}

const struct bus_type sdwx_port_bus = {
	.name = "sdwx-port",
	.match = sdwx_port_match,
	.dma_configure = sdwx_port_dma_configure,
};

int sdwx_port_bus_init(void)
{
	return bus_register(&sdwx_port_bus);
}

void sdwx_port_bus_exit(void)
{
	bus_unregister(&sdwx_port_bus);
}

static void sdwx_port_release(struct device *dev)
{
	kfree(to_sdwx_port(dev));
}

int sdwx_port_register(struct sdwx_priv *priv)
{
	struct sdw_slave *slave = priv->slave;
	struct sdwx_port *port;
	int ret;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;

	device_initialize(&port->dev);
	port->dev.bus = &sdwx_port_bus;
	port->dev.parent = &slave->dev;
	port->dev.release = sdwx_port_release;
	port->priv = priv;
	port->num = slave->dev_num;

	ret = dev_set_name(&port->dev, "sdwx-port.%u", port->num);
	if (ret)
		goto err_put;

	ret = device_add(&port->dev);
	if (ret)
		goto err_put;

	priv->port = port;
	return 0;

err_put:
	put_device(&port->dev);
	return ret;
}

void sdwx_port_unregister(struct sdwx_priv *priv)
{
	if (priv->port) {
		device_unregister(&priv->port->dev);
		priv->port = NULL;
	}
}

/* Called from probe: the new DSP device is not locked by anyone. */
int sdwx_dsp_create(struct sdwx_priv *priv)
{
	struct device *parent = &priv->slave->dev;
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc("sdwx-dsp", PLATFORM_DEVID_AUTO);
	if (!pdev)
		return -ENOMEM;

	pdev->dev.parent = parent;

	ret = of_dma_configure(&pdev->dev, parent->of_node, true); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT: device-lock-required */
	if (ret)
		goto err_put;

	ret = platform_device_add(pdev);
	if (ret)
		goto err_put;

	priv->dsp = pdev;
	return 0;

err_put:
	platform_device_put(pdev);
	return ret;
}

/* Called from the rebind work item once the DSP device exists. */
int sdwx_dsp_reconfigure(struct sdwx_priv *priv)
{
	struct platform_device *pdev = priv->dsp;
	int ret;

	if (!pdev)
		return -ENODEV;

	device_lock(&pdev->dev);
	ret = of_dma_configure(&pdev->dev, priv->slave->dev.of_node, true); /* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */
	device_unlock(&pdev->dev);

	return ret;
}

void sdwx_dsp_destroy(struct sdwx_priv *priv)
{
	if (priv->dsp) {
		platform_device_unregister(priv->dsp);
		priv->dsp = NULL;
	}
}
