// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16spmi_x.c - the private arbiter bus, helpers with a locking contract,
 * module init.
 *
 * Bus callback slots and what drivers/base/ of 6.12 holds around them:
 *   .probe         drivers/base/dd.c:call_driver_probe() from really_probe(),
 *                  device_lock(dev) held by __device_attach()/__driver_attach().
 *   .remove        drivers/base/dd.c:device_remove() from
 *                  __device_release_driver(), device_lock(dev) held.
 *   .dma_configure drivers/base/dd.c:really_probe(), device_lock(dev) held.
 */
#include <linux/acpi.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm_runtime.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "h16spmi.h"

static int h16spmi_arb_match(struct device *dev,
			     const struct device_driver *drv)
{
	if (of_driver_match_device(dev, drv))
		return 1;
	return !strncmp(dev_name(dev), drv->name, strlen(drv->name));
}

/* Slot: bus_type.probe (device_lock(dev) held). */
static int h16spmi_arb_bus_probe(struct device *dev)
{
	struct h16spmi_arb_driver *adrv = to_h16spmi_arb_driver(dev->driver);

	return adrv->probe(to_h16spmi_arb(dev));
}

/* Slot: bus_type.remove (device_lock(dev) held). */
static void h16spmi_arb_bus_remove(struct device *dev)
{
	struct h16spmi_arb_driver *adrv = to_h16spmi_arb_driver(dev->driver);

	if (adrv->remove)
		adrv->remove(to_h16spmi_arb(dev));
}

/*
 * Static helper reached only from h16spmi_arb_dma_configure(): the
 * arbiter's "channel" id is the input id of the IOMMU map.  Shape:
 * drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_dma_configure.
 */
static int h16spmi_arb_dma_channel(struct device *dev, u32 chan)
{
	if (dev->of_node)
		return of_dma_configure_id(dev, dev->of_node, true, &chan); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &chan); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

/*
 * Slot: bus_type.dma_configure (really_probe(), device_lock(dev) held).
 * Shape: drivers/base/platform.c:platform_dma_configure.
 */
static int h16spmi_arb_dma_configure(struct device *dev)
{
	struct fwnode_handle *fwnode = dev_fwnode(dev);
	u32 chan;

	if (!device_property_read_u32(dev, "h16,channel", &chan))
		return h16spmi_arb_dma_channel(dev, chan);

	if (is_of_node(fwnode))
		return of_dma_configure(dev, to_of_node(fwnode), true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	if (is_acpi_device_node(fwnode))
		return acpi_dma_configure(dev, device_get_dma_attr(dev)); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return 0;
}

const struct bus_type h16spmi_arb_bus = {
	.name		= "h16spmi-arb",
	.match		= h16spmi_arb_match,
	.probe		= h16spmi_arb_bus_probe,
	.remove		= h16spmi_arb_bus_remove,
	.dma_configure	= h16spmi_arb_dma_configure,
};

/*
 * h16spmi_arb_quiesce - stop the arbiter's command engine
 * @dev: the arbiter device
 *
 * Checks dev->driver and therefore asserts the device lock.  Shape:
 * drivers/vfio/pci/vfio_pci_core.c:vfio_pci_core_sriov_configure
 * (device_lock_assert() before touching the bound state).
 */
void h16spmi_arb_quiesce(struct device *dev)
{
	struct h16spmi_arb *arb = to_h16spmi_arb(dev);
	unsigned long flags;

	device_lock_assert(dev);
	if (!dev->driver)
		return;

	spin_lock_irqsave(&arb->lock, flags);
	memset(arb->regs, 0, sizeof(arb->regs));
	spin_unlock_irqrestore(&arb->lock, flags);
}

/*
 * h16spmi_sdev_resync_locked - re-read a slave's cached registers
 * @sdev: the SPMI device; its device lock is held by the caller
 *
 * Naming as drivers/pci/pci.c:__pci_reset_function_locked.
 */
int h16spmi_sdev_resync_locked(struct spmi_device *sdev)
{
	struct h16spmi_ctrl_priv *priv = spmi_controller_get_drvdata(sdev->ctrl);
	struct h16spmi_arb *arb = priv->arb;
	unsigned long flags;

	if (sdev->usid >= SPMI_MAX_SLAVE_ID)
		return -EINVAL;

	/* refresh the slave's status byte in the arbiter's register cache */
	spin_lock_irqsave(&arb->lock, flags);
	arb->regs[0x10 * sdev->usid + 1] |= 0x80;
	spin_unlock_irqrestore(&arb->lock, flags);
	return 0;
}

/*
 * h16spmi_sdev_trylock - try to lock an SPMI device that is bound
 * @sdev: the device
 *
 * Shape: drivers/pci/pci.c:pci_dev_trylock.
 *
 * Return: 1 with device_lock(&sdev->dev) held, 0 without it.
 */
int h16spmi_sdev_trylock(struct spmi_device *sdev)
{
	if (device_trylock(&sdev->dev)) {
		if (sdev->dev.driver)
			return 1; /* EXPECT-NONE: lock-imbalance */
		device_unlock(&sdev->dev);
	}
	return 0;
}

/*
 * h16spmi_sdev_trylock_active - like h16spmi_sdev_trylock(), but reports
 * "not active" (0) for a suspended device after it has already taken the
 * lock, and does not drop it.
 */
int h16spmi_sdev_trylock_active(struct spmi_device *sdev)
{
	if (!device_trylock(&sdev->dev))
		return 0;
	if (pm_runtime_suspended(&sdev->dev))
		return 0; /* EXPECT: lock-imbalance */
	return 1;
}

static struct h16spmi_arb *h16spmi_arbs[2];

static void h16spmi_arb_release(struct device *dev)
{
	of_node_put(dev->of_node);
	kfree(to_h16spmi_arb(dev));
}

static struct h16spmi_arb *h16spmi_arb_create(unsigned int index,
					      struct device_node *np)
{
	struct h16spmi_arb *arb;
	int ret;

	arb = kzalloc(sizeof(*arb), GFP_KERNEL);
	if (!arb)
		return ERR_PTR(-ENOMEM);

	arb->index = index;
	spin_lock_init(&arb->lock);
	arb->dev.bus = &h16spmi_arb_bus;
	arb->dev.release = h16spmi_arb_release;
	device_set_node(&arb->dev, of_fwnode_handle(of_node_get(np)));
	dev_set_name(&arb->dev, "h16spmi-arb.%u", index);

	ret = device_register(&arb->dev);
	if (ret) {
		put_device(&arb->dev);
		return ERR_PTR(ret);
	}
	return arb;
}

static int __init h16spmi_init(void)
{
	struct device_node *np;
	unsigned int i;
	int ret;

	ret = bus_register(&h16spmi_arb_bus);
	if (ret)
		return ret;

	ret = spmi_driver_register(&h16spmi_pmic_driver);
	if (ret)
		goto err_bus;

	ret = driver_register(&h16spmi_arb_driver.driver);
	if (ret)
		goto err_pmic;

	np = of_find_compatible_node(NULL, NULL, "h16,spmi-arb");
	for (i = 0; i < ARRAY_SIZE(h16spmi_arbs); i++) {
		struct h16spmi_arb *arb = h16spmi_arb_create(i, np);

		h16spmi_arbs[i] = IS_ERR(arb) ? NULL : arb;
	}
	of_node_put(np);
	return 0;

err_pmic:
	spmi_driver_unregister(&h16spmi_pmic_driver);
err_bus:
	bus_unregister(&h16spmi_arb_bus);
	return ret;
}

static void __exit h16spmi_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(h16spmi_arbs); i++) {
		if (h16spmi_arbs[i]) {
			WRITE_ONCE(h16spmi_arbs[i]->dead, true);
			device_unregister(&h16spmi_arbs[i]->dev);
		}
	}
	driver_unregister(&h16spmi_arb_driver.driver);
	spmi_driver_unregister(&h16spmi_pmic_driver);
	bus_unregister(&h16spmi_arb_bus);
}

module_init(h16spmi_init);
module_exit(h16spmi_exit);

MODULE_DESCRIPTION("SPMI arbiter/PMIC pair (lock-rule corpus)");
MODULE_LICENSE("GPL");
