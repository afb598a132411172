// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16dsi_x.c - the private host bus, helpers with a locking contract and
 * module init.
 *
 * Bus callback slots and what drivers/base/ of 6.12 holds around them:
 *   .probe         drivers/base/dd.c:call_driver_probe() from really_probe(),
 *                  device_lock(dev) held by __device_attach()/__driver_attach().
 *   .remove        drivers/base/dd.c:device_remove() from
 *                  __device_release_driver(), device_lock(dev) held.
 *   .shutdown      drivers/base/core.c:device_shutdown() takes
 *                  device_lock(dev->parent) (if any) and device_lock(dev)
 *                  around bus->shutdown.
 *   .dma_configure drivers/base/dd.c:really_probe(), device_lock(dev) held.
 */
#include <linux/acpi.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "h16dsi.h"

static int h16dsi_host_match(struct device *dev,
			     const struct device_driver *drv)
{
	if (of_driver_match_device(dev, drv))
		return 1;
	return !strncmp(dev_name(dev), drv->name, strlen(drv->name));
}

/* Slot: bus_type.probe (device_lock(dev) held). */
static int h16dsi_host_bus_probe(struct device *dev)
{
	struct h16dsi_host_driver *hdrv = to_h16dsi_host_driver(dev->driver);

	return hdrv->probe(to_h16dsi_hdev(dev));
}

/* Slot: bus_type.remove (device_lock(dev) held). */
static void h16dsi_host_bus_remove(struct device *dev)
{
	struct h16dsi_host_driver *hdrv = to_h16dsi_host_driver(dev->driver);

	if (hdrv->remove)
		hdrv->remove(to_h16dsi_hdev(dev));
}

/*
 * Slot: bus_type.shutdown (device_shutdown() holds device_lock(dev)).
 * Shape: drivers/spmi/spmi.c:spmi_drv_shutdown.
 */
static void h16dsi_host_bus_shutdown(struct device *dev)
{
	if (dev->driver) {
		struct h16dsi_host_driver *hdrv =
			to_h16dsi_host_driver(dev->driver);

		if (hdrv->shutdown)
			hdrv->shutdown(to_h16dsi_hdev(dev));
	}
	h16dsi_host_quiesce(dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * Static helpers reached only from h16dsi_host_dma_configure().
 * Shape: drivers/cdx/cdx.c:cdx_dma_configure (of_dma_configure_id() with
 * the device's stream id) and drivers/bus/fsl-mc/fsl-mc-bus.c:
 * fsl_mc_dma_configure (acpi_dma_configure_id()).
 */
static int h16dsi_host_dma_acpi_stream(struct device *dev, u32 sid)
{
	return acpi_dma_configure_id(dev, device_get_dma_attr(dev), &sid); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

static int h16dsi_host_dma_stream(struct device *dev, u32 sid)
{
	if (dev->of_node)
		return of_dma_configure_id(dev, dev->of_node, true, &sid); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return h16dsi_host_dma_acpi_stream(dev, sid);
}

/*
 * Slot: bus_type.dma_configure (really_probe(), device_lock(dev) held).
 * Shape: drivers/amba/bus.c:amba_dma_configure, with the parent fallback
 * of drivers/pci/pci-driver.c:pci_dma_configure.
 */
static int h16dsi_host_dma_configure(struct device *dev)
{
	struct h16dsi_hdev *h = to_h16dsi_hdev(dev);

	if (h->stream_id)
		return h16dsi_host_dma_stream(dev, h->stream_id);

	if (dev->of_node)
		return of_dma_configure(dev, dev->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	if (has_acpi_companion(dev))
		return acpi_dma_configure(dev, device_get_dma_attr(dev)); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	if (dev->parent && dev->parent->of_node)
		return of_dma_configure(dev, dev->parent->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	return 0;
}

const struct bus_type h16dsi_host_bus = {
	.name		= "h16dsi-host",
	.match		= h16dsi_host_match,
	.probe		= h16dsi_host_bus_probe,
	.remove		= h16dsi_host_bus_remove,
	.shutdown	= h16dsi_host_bus_shutdown,
	.dma_configure	= h16dsi_host_dma_configure,
};

/*
 * h16dsi_host_quiesce - stop the host's command engine
 * @dev: the host controller device
 *
 * Looks at dev->driver, hence asserts the device lock.  Shape:
 * drivers/cxl/core/port.c:find_dport / add_dport (device_lock_assert()).
 */
void h16dsi_host_quiesce(struct device *dev)
{
	struct h16dsi_hdev *h = to_h16dsi_hdev(dev);

	device_lock_assert(dev);
	if (dev->driver)
		h->powered = false;
}

/**
 * h16dsi_panel_set_mode - switch a DSI panel between command and video mode
 * @dsi: the panel's DSI device
 * @mode: one of H16DSI_MODE_*
 *
 * Context: Process context. The caller holds the device lock of @dsi->dev;
 * the panel's drvdata and @dsi->mode_flags are only stable under it.
 * Modelled on the kernel-doc of drivers/usb/core/message.c:usb_set_configuration.
 *
 * The DCS traffic for the new mode is sent later by the panel's ESD work;
 * this only updates the mode bookkeeping.
 *
 * Return: 0, or -ENODEV if @dsi has no panel state.
 */
int h16dsi_panel_set_mode(struct mipi_dsi_device *dsi, unsigned int mode)
{
	struct h16dsi_panel *p = mipi_dsi_get_drvdata(dsi);

	if (!p)
		return -ENODEV;

	if (mode == H16DSI_MODE_VIDEO)
		dsi->mode_flags |= MIPI_DSI_MODE_VIDEO;
	else
		dsi->mode_flags &= ~MIPI_DSI_MODE_VIDEO;
	if (mode == H16DSI_MODE_OFF)
		dsi->mode_flags |= MIPI_DSI_MODE_LPM;
	p->mode = mode;
	return 0;
}

/**
 * h16dsi_host_lock_active - lock a powered host
 * @h: the host
 *
 * Shape: device_lock_interruptible() as in
 * drivers/usb/core/sysfs.c:supports_autosuspend_show, and dropping the lock
 * again when the second condition fails as drivers/pci/pci.c:pci_dev_trylock.
 *
 * Return: 0 with device_lock(&h->dev) held; -EINTR or -EAGAIN without it.
 */
int h16dsi_host_lock_active(struct h16dsi_hdev *h)
{
	int ret;

	ret = device_lock_interruptible(&h->dev);
	if (ret)
		return ret;

	if (!h->powered) {
		device_unlock(&h->dev);
		return -EAGAIN;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * h16dsi_host_lock_powered - same contract as h16dsi_host_lock_active(),
 * but the "dead" check added later returns without dropping the lock.
 */
int h16dsi_host_lock_powered(struct h16dsi_hdev *h)
{
	int ret;

	ret = device_lock_interruptible(&h->dev);
	if (ret)
		return ret;

	if (READ_ONCE(h->dead))
		return -ENODEV; /* EXPECT: lock-imbalance */

	if (!h->powered) {
		device_unlock(&h->dev);
		return -EAGAIN;
	}
	return 0;
}

static struct h16dsi_hdev *h16dsi_hosts[2];

static void h16dsi_hdev_release(struct device *dev)
{
	of_node_put(dev->of_node);
	kfree(to_h16dsi_hdev(dev));
}

static struct h16dsi_hdev *h16dsi_hdev_create(unsigned int index,
					      struct device_node *np)
{
	struct h16dsi_hdev *h;
	int ret;

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return ERR_PTR(-ENOMEM);

	h->index = index;
	mutex_init(&h->xfer_lock);
	h->dev.bus = &h16dsi_host_bus;
	h->dev.release = h16dsi_hdev_release;
	device_set_node(&h->dev, of_fwnode_handle(of_node_get(np)));
	if (np)
		of_property_read_u32(np, "h16,stream-id", &h->stream_id);
	dev_set_name(&h->dev, "h16dsi-host.%u", index);

	ret = device_register(&h->dev);
	if (ret) {
		put_device(&h->dev);
		return ERR_PTR(ret);
	}
	return h;
}

static int __init h16dsi_init(void)
{
	struct device_node *np;
	unsigned int i;
	int ret;

	ret = bus_register(&h16dsi_host_bus);
	if (ret)
		return ret;

	ret = mipi_dsi_driver_register(&h16dsi_panel_driver);
	if (ret)
		goto err_bus;

	ret = driver_register(&h16dsi_host_driver.driver);
	if (ret)
		goto err_panel;

	np = of_find_compatible_node(NULL, NULL, "h16,dsi-host");
	for (i = 0; i < ARRAY_SIZE(h16dsi_hosts); i++) {
		struct h16dsi_hdev *h = h16dsi_hdev_create(i, np);

		h16dsi_hosts[i] = IS_ERR(h) ? NULL : h;
		np = of_find_compatible_node(np, NULL, "h16,dsi-host");
	}
	of_node_put(np);
	return 0;

err_panel:
	mipi_dsi_driver_unregister(&h16dsi_panel_driver);
err_bus:
	bus_unregister(&h16dsi_host_bus);
	return ret;
}

static void __exit h16dsi_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(h16dsi_hosts); i++) {
		if (h16dsi_hosts[i]) {
			WRITE_ONCE(h16dsi_hosts[i]->dead, true);
			device_unregister(&h16dsi_hosts[i]->dev);
		}
	}
	driver_unregister(&h16dsi_host_driver.driver);
	mipi_dsi_driver_unregister(&h16dsi_panel_driver);
	bus_unregister(&h16dsi_host_bus);
}

module_init(h16dsi_init);
module_exit(h16dsi_exit);

MODULE_DESCRIPTION("MIPI DSI host/panel pair (lock-rule corpus)");
MODULE_LICENSE("GPL");
