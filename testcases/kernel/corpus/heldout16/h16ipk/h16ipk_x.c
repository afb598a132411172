// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16ipk_x.c - private carrier bus (stands in for the PCI bus tpci200 sits
 * on), the helpers with a locking contract, and module init.
 *
 * Bus callback slots and what drivers/base/ of 6.12 holds around them:
 *   .probe         drivers/base/dd.c:call_driver_probe() from really_probe();
 *                  __device_attach()/__driver_attach()/device_driver_attach()
 *                  hold device_lock(dev) (parent too only for
 *                  need_parent_lock types, not ours).
 *   .remove        drivers/base/dd.c:device_remove() from
 *                  __device_release_driver(), under device_lock(dev) taken
 *                  by device_release_driver_internal().
 *   .dma_configure drivers/base/dd.c:really_probe(), before ->probe, same
 *                  device_lock(dev).
 */
#include <linux/acpi.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "h16ipk.h"

static int h16ipk_carrier_match(struct device *dev,
				const struct device_driver *drv)
{
	if (of_driver_match_device(dev, drv))
		return 1;
	return !strncmp(dev_name(dev), drv->name, strlen(drv->name));
}

/*
 * Slot: bus_type.probe (device_lock(dev) held, see above).
 * Shape: drivers/ipack/ipack.c:ipack_bus_probe.
 */
static int h16ipk_carrier_bus_probe(struct device *dev)
{
	struct h16ipk_carrier *c = to_h16ipk_carrier(dev);
	struct h16ipk_carrier_driver *cdrv = to_h16ipk_carrier_driver(dev->driver);

	h16ipk_dev_quiesce(dev); /* EXPECT-NONE: device-lock-required */
	return cdrv->probe(c);
}

/*
 * Slot: bus_type.remove (device_lock(dev) held).
 * Shape: drivers/ipack/ipack.c:ipack_bus_remove.
 */
static void h16ipk_carrier_bus_remove(struct device *dev)
{
	struct h16ipk_carrier_driver *cdrv = to_h16ipk_carrier_driver(dev->driver);

	if (cdrv->remove)
		cdrv->remove(to_h16ipk_carrier(dev));
}

/*
 * Static helpers reached only from h16ipk_carrier_dma_configure() below.
 * Shapes: drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_dma_configure (an input id
 * per child, OF or ACPI) and drivers/pci/pci-driver.c:pci_dma_configure
 * (take the DMA description of the parent's node).
 */
static int h16ipk_carrier_dma_window(struct device *dev, u32 input_id)
{
	struct device *host = dev->parent ? dev->parent : dev;

	if (dev_of_node(host))
		return of_dma_configure_id(dev, dev_of_node(host), false, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

static int h16ipk_carrier_dma_from_parent(struct device *dev)
{
	struct device *bridge = dev->parent;

	if (!bridge || !bridge->of_node)
		return 0;
	return of_dma_configure(dev, bridge->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

/*
 * Slot: bus_type.dma_configure (really_probe(), device_lock(dev) held).
 * Shape: drivers/base/platform.c:platform_dma_configure.
 */
static int h16ipk_carrier_dma_configure(struct device *dev)
{
	struct h16ipk_carrier *c = to_h16ipk_carrier(dev);
	struct fwnode_handle *fwnode = dev_fwnode(dev);
	int ret = 0;

	if (c->shared_window)
		return h16ipk_carrier_dma_window(dev, c->index);

	if (is_of_node(fwnode)) {
		ret = of_dma_configure(dev, to_of_node(fwnode), true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	} else if (is_acpi_device_node(fwnode)) {
		ret = acpi_dma_configure(dev, device_get_dma_attr(dev)); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	} else {
		ret = h16ipk_carrier_dma_from_parent(dev);
	}

	return ret;
}

const struct bus_type h16ipk_carrier_bus = {
	.name		= "h16ipk-carrier",
	.match		= h16ipk_carrier_match,
	.probe		= h16ipk_carrier_bus_probe,
	.remove		= h16ipk_carrier_bus_remove,
	.dma_configure	= h16ipk_carrier_dma_configure,
};

/*
 * h16ipk_dev_quiesce - stop a carrier or a slot from starting new transfers
 * @dev: carrier or slot device
 *
 * Reads dev->driver, which the driver core protects with the device lock,
 * so it asserts that lock.  Shape: drivers/cxl/core/port.c:reap_dports and
 * drivers/base/core.c:kill_device (device_lock_assert() on entry).
 */
void h16ipk_dev_quiesce(struct device *dev)
{
	device_lock_assert(dev);

	if (dev->driver)
		dev_dbg(dev, "quiescing (%s)\n", dev->driver->name);
}

struct h16ipk_carrier *h16ipk_slot_to_carrier(struct ipack_device *idev)
{
	/* drivers/ipack/carriers/tpci200.c:check_slot */
	if (!idev || !idev->bus || !idev->bus->parent)
		return NULL;
	if (idev->slot >= H16IPK_NB_SLOT)
		return NULL;
	return to_h16ipk_carrier(idev->bus->parent);
}

/*
 * h16ipk_slot_reset_locked - pulse the reset line of one IP slot
 * @idev: the slot; the caller holds device_lock(&idev->dev)
 *
 * Naming follows drivers/pci/pci.c:__pci_reset_function_locked.
 */
int h16ipk_slot_reset_locked(struct ipack_device *idev)
{
	struct h16ipk_carrier *c = h16ipk_slot_to_carrier(idev);
	unsigned long flags;

	if (!c)
		return -EINVAL;

	spin_lock_irqsave(&c->regs_lock, flags);
	c->mode |= BIT(idev->slot + 4);
	udelay(10);
	c->mode &= ~BIT(idev->slot + 4);
	spin_unlock_irqrestore(&c->regs_lock, flags);

	return 0;
}

/**
 * h16ipk_carrier_set_mode - program the carrier's clock/IRQ mode register
 * @c: the carrier
 * @mode: one of H16IPK_MODE_*
 *
 * Context: Process context. Caller holds the device lock of @c->dev.
 *
 * Return: 0 on success, -EINVAL for an unknown mode.
 */
int h16ipk_carrier_set_mode(struct h16ipk_carrier *c, unsigned int mode)
{
	unsigned long flags;

	if (mode > H16IPK_MODE_32MHZ)
		return -EINVAL;

	spin_lock_irqsave(&c->regs_lock, flags);
	c->mode = (c->mode & ~0xfU) | mode;
	spin_unlock_irqrestore(&c->regs_lock, flags);

	return 0;
}

/**
 * h16ipk_carrier_lock - take a carrier's device lock for reconfiguration
 * @c: the carrier
 *
 * Shape: drivers/usb/core/usb.c:usb_lock_device_for_reset.
 *
 * Return: 0 with device_lock(&c->dev) held, or a negative errno with the
 * lock not held.
 */
int h16ipk_carrier_lock(struct h16ipk_carrier *c)
{
	unsigned long jiffies_expire = jiffies + HZ;

	if (READ_ONCE(c->dead))
		return -ENODEV;

	while (!device_trylock(&c->dev)) {
		if (time_after(jiffies, jiffies_expire))
			return -EBUSY;
		msleep(15);
		if (READ_ONCE(c->dead))
			return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * h16ipk_slot_lock_for_reset - the slot flavour of h16ipk_carrier_lock(),
 * meant to return 0 with the slot locked; the "unbound" check added after
 * the trylock returns an error with the lock still held.
 */
int h16ipk_slot_lock_for_reset(struct ipack_device *idev)
{
	if (!device_trylock(&idev->dev))
		return -EBUSY;

	if (!idev->dev.driver)
		return -ENODEV; /* EXPECT: lock-imbalance */

	return 0;
}

static struct h16ipk_carrier *h16ipk_carriers[2];

static void h16ipk_carrier_release(struct device *dev)
{
	struct h16ipk_carrier *c = to_h16ipk_carrier(dev);

	of_node_put(dev->of_node);
	kfree(c);
}

/*
 * Create one carrier on the private bus and give it its DMA window from
 * the creator.  Shape: drivers/net/wireless/ath/ath10k/snoc.c:ath10k_fw_init
 * (register a device, then of_dma_configure() it).  Nothing holds the new
 * device's lock here (module init).
 */
static struct h16ipk_carrier *h16ipk_carrier_add(unsigned int index,
						 struct device_node *np)
{
	struct h16ipk_carrier *c;
	int ret;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return ERR_PTR(-ENOMEM);

	c->index = index;
	c->irq = -1;
	c->shared_window = of_property_read_bool(np, "h16,shared-window");
	mutex_init(&c->mutex);
	spin_lock_init(&c->regs_lock);

	c->dev.bus = &h16ipk_carrier_bus;
	c->dev.release = h16ipk_carrier_release;
	device_initialize(&c->dev);
	device_set_node(&c->dev, of_fwnode_handle(of_node_get(np)));
	dev_set_name(&c->dev, "h16ipk-tpci.%u", index);

	ret = device_add(&c->dev);
	if (ret) {
		put_device(&c->dev);
		return ERR_PTR(ret);
	}

	if (np) {
		ret = of_dma_configure(&c->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
		if (ret)
			dev_warn(&c->dev, "no DMA window: %d\n", ret);
	}

	return c;
}

static int __init h16ipk_init(void)
{
	struct device_node *np;
	unsigned int i;
	int ret;

	ret = bus_register(&h16ipk_carrier_bus);
	if (ret)
		return ret;

	ret = driver_register(&h16ipk_tpci_driver.driver);
	if (ret)
		goto err_bus;

	np = of_find_compatible_node(NULL, NULL, "h16,ipk-tpci");
	for (i = 0; i < ARRAY_SIZE(h16ipk_carriers); i++) {
		struct h16ipk_carrier *c = h16ipk_carrier_add(i, np);

		h16ipk_carriers[i] = IS_ERR(c) ? NULL : c;
	}
	of_node_put(np);

	/*
	 * The IP-module driver goes last: its probes then run from
	 * driver_attach(), never nested in a carrier's probe.
	 */
	ret = ipack_driver_register(&h16ipk_mod_driver, THIS_MODULE,
				    KBUILD_MODNAME);
	if (ret)
		goto err_carriers;

	return 0;

err_carriers:
	for (i = 0; i < ARRAY_SIZE(h16ipk_carriers); i++)
		if (h16ipk_carriers[i])
			device_unregister(&h16ipk_carriers[i]->dev);
	driver_unregister(&h16ipk_tpci_driver.driver);
err_bus:
	bus_unregister(&h16ipk_carrier_bus);
	return ret;
}

static void __exit h16ipk_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(h16ipk_carriers); i++) {
		if (h16ipk_carriers[i]) {
			WRITE_ONCE(h16ipk_carriers[i]->dead, true);
			device_unregister(&h16ipk_carriers[i]->dev);
		}
	}
	ipack_driver_unregister(&h16ipk_mod_driver);
	driver_unregister(&h16ipk_tpci_driver.driver);
	bus_unregister(&h16ipk_carrier_bus);
}

module_init(h16ipk_init);
module_exit(h16ipk_exit);

MODULE_DESCRIPTION("IndustryPack carrier/module pair (lock-rule corpus)");
MODULE_LICENSE("GPL");
