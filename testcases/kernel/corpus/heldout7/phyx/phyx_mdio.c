// SPDX-License-Identifier: GPL-2.0
/*
 * phyx_mdio.c - the platform MDIO controller of phyx, which creates its
 * PCS's mdio_device itself, and the mdio_driver binding that PCS.
 *
 * The controller is shaped as drivers/net/pcs/pcs-xpcs-plat.c
 * (xpcs_plat_probe(), xpcs_plat_init_dev()); the PCS driver as an
 * mdio_driver whose .probe/.remove/.shutdown drivers/net/phy/
 * mdio_device.c:mdio_probe(), mdio_remove(), mdio_shutdown() call: the
 * first two under device_lock(&mdiodev->dev) from the driver core,
 * mdio_shutdown() from drivers/base/core.c:device_shutdown(), which holds
 * device_lock(dev) too (mdio_bus_type has no .shutdown).
 */
#include <linux/device.h>
#include <linux/io.h>
#include <linux/kstrtox.h>
#include <linux/mdio.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_mdio.h>
#include <linux/phy.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "phyx.h"

static int phyx_mdio_read(struct mii_bus *bus, int addr, int regnum)
{
	struct phyx_mdio *pm = bus->priv;

	return readl(pm->base + (addr << 7) + (regnum << 2)) & 0xffff;
}

static int phyx_mdio_write(struct mii_bus *bus, int addr, int regnum, u16 val)
{
	struct phyx_mdio *pm = bus->priv;

	writel(val, pm->base + (addr << 7) + (regnum << 2));
	return 0;
}

/*
 * mii_bus.reset: drivers/net/phy/mdio_bus.c:__mdiobus_register() is its
 * only caller and calls it synchronously; here that is
 * devm_of_mdiobus_register() in phyx_mdio_probe(), which the driver core
 * runs under device_lock(&pdev->dev).
 */
static int phyx_mdio_reset(struct mii_bus *bus)
{
	struct phyx_mdio *pm = bus->priv;

	return phyx_bus_reset_locked(&pm->pdev->dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * pcs-xpcs-plat.c:xpcs_plat_init_dev(): the controller creates the PCS's
 * mdio_device with mdio_device_create() and points it at its own node;
 * nobody holds the new device's lock here (the probe holds the
 * controller's).
 */
static int phyx_pcs_create(struct phyx_mdio *pm)
{
	struct device *dev = &pm->pdev->dev;
	struct mdio_device *mdiodev;
	int ret;

	mdiodev = mdio_device_create(pm->bus, 0);
	if (IS_ERR(mdiodev))
		return PTR_ERR(mdiodev);

	device_set_node(&mdiodev->dev, fwnode_handle_get(dev_fwnode(dev)));
	mdiodev->dev.of_node_reused = true;

	ret = of_dma_configure(&mdiodev->dev, dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (ret)
		goto err_free;

	ret = mdio_device_register(mdiodev);
	if (ret)
		goto err_free;

	pm->pcs = mdiodev;
	return 0;

err_free:
	fwnode_handle_put(dev_fwnode(&mdiodev->dev));
	device_set_node(&mdiodev->dev, NULL);
	mdio_device_free(mdiodev);
	return ret;
}

/* pcs-xpcs-plat.c:xpcs_plat_probe(): under device_lock(&pdev->dev) */
static int phyx_mdio_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct phyx_mdio *pm;
	int ret;

	pm = devm_kzalloc(dev, sizeof(*pm), GFP_KERNEL);
	if (!pm)
		return -ENOMEM;

	pm->pdev = pdev;
	pm->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(pm->base))
		return PTR_ERR(pm->base);
	platform_set_drvdata(pdev, pm);

	pm->bus = devm_mdiobus_alloc(dev);
	if (!pm->bus)
		return -ENOMEM;

	pm->bus->name = "phyx-mdio";
	pm->bus->read = phyx_mdio_read;
	pm->bus->write = phyx_mdio_write;
	pm->bus->reset = phyx_mdio_reset;
	pm->bus->parent = dev;
	pm->bus->priv = pm;
	pm->bus->phy_mask = ~0;
	snprintf(pm->bus->id, MII_BUS_ID_SIZE, "%s", dev_name(dev));

	ret = devm_of_mdiobus_register(dev, pm->bus, dev->of_node);
	if (ret)
		return ret;

	return phyx_pcs_create(pm);
}

static void phyx_mdio_remove(struct platform_device *pdev)
{
	struct phyx_mdio *pm = platform_get_drvdata(pdev);

	if (pm->xpcs)
		mdio_device_remove(pm->xpcs);
	if (pm->pcs)
		mdio_device_remove(pm->pcs);
}

/*
 * Attributes of the controller (its platform_driver's dev_groups):
 * kernfs holds no device lock around show/store.
 */
static ssize_t bus_reset_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t size)
{
	int ret;

	ret = phyx_bus_reset_locked(dev); /* EXPECT: device-lock-required */
	return ret ? ret : size;
}
static DEVICE_ATTR_WO(bus_reset);

/*
 * "xpcs" creates a second PCS device at a given address and sets it up
 * under its own lock before anyone can bind it.
 */
static ssize_t xpcs_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t size)
{
	struct phyx_mdio *pm = dev_get_drvdata(dev);
	struct mdio_device *mdiodev;
	u8 addr;
	int ret;

	ret = kstrtou8(buf, 0, &addr);
	if (ret)
		return ret;
	if (addr >= PHY_MAX_ADDR || pm->xpcs)
		return -EINVAL;

	mdiodev = mdio_device_create(pm->bus, addr);
	if (IS_ERR(mdiodev))
		return PTR_ERR(mdiodev);

	device_lock(&mdiodev->dev);
	ret = of_dma_configure(&mdiodev->dev, dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	device_unlock(&mdiodev->dev);
	if (ret)
		goto err_free;

	ret = mdio_device_register(mdiodev);
	if (ret)
		goto err_free;

	pm->xpcs = mdiodev;
	return size;

err_free:
	mdio_device_free(mdiodev);
	return ret;
}
static DEVICE_ATTR_WO(xpcs);

/*
 * "an_restart" restarts the PCS's negotiation.  The PCS may be mid-probe:
 * only try its lock.  The error exit shares the unlock with the success
 * exit, so the busy path unlocks a lock it never took.
 */
static ssize_t an_restart_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t size)
{
	struct phyx_mdio *pm = dev_get_drvdata(dev);
	struct mdio_device *mdiodev = pm->pcs;
	int ret;

	if (!mdiodev)
		return -ENODEV;

	if (!device_trylock(&mdiodev->dev)) {
		ret = -EBUSY;
		goto out;
	}

	ret = phyx_pcs_reconfig(mdiodev); /* EXPECT-NONE: device-lock-required */
	if (!ret)
		ret = size;
out:
	device_unlock(&mdiodev->dev); /* EXPECT: lock-imbalance */
	return ret;
}
static DEVICE_ATTR_WO(an_restart);

/* the same attribute on the second PCS, with its exits right */
static ssize_t xpcs_an_restart_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t size)
{
	struct phyx_mdio *pm = dev_get_drvdata(dev);
	struct mdio_device *mdiodev = pm->xpcs;
	int ret;

	if (!mdiodev)
		return -ENODEV;

	if (!device_trylock(&mdiodev->dev)) {
		ret = -EBUSY;
		goto out;
	}

	ret = phyx_pcs_reconfig(mdiodev); /* EXPECT-NONE: device-lock-required */
	if (!ret)
		ret = size;
	device_unlock(&mdiodev->dev); /* EXPECT-NONE: lock-imbalance */
out:
	return ret;
}
static DEVICE_ATTR_WO(xpcs_an_restart);

static struct attribute *phyx_mdio_attrs[] = {
	&dev_attr_bus_reset.attr,
	&dev_attr_xpcs.attr,
	&dev_attr_an_restart.attr,
	&dev_attr_xpcs_an_restart.attr,
	NULL
};
ATTRIBUTE_GROUPS(phyx_mdio);

static const struct of_device_id phyx_mdio_of_match[] = {
	{ .compatible = "corpus,phyx-mdio" },
	{ }
};
MODULE_DEVICE_TABLE(of, phyx_mdio_of_match);

static struct platform_driver phyx_mdio_driver = {
	.probe = phyx_mdio_probe,
	.remove = phyx_mdio_remove,
	.driver = {
		.name = "phyx-mdio",
		.of_match_table = phyx_mdio_of_match,
		.dev_groups = phyx_mdio_groups,
	},
};

/* ---- the PCS's mdio_driver ---- */

/* a delayed work polling the PCS: holds nothing */
static void phyx_pcs_poll(struct work_struct *work)
{
	struct phyx_pcs *pcs = container_of(to_delayed_work(work),
					    struct phyx_pcs, poll);
	int bmsr;

	bmsr = mdiodev_read(pcs->mdiodev, MII_BMSR);
	if (bmsr >= 0 && !(bmsr & BMSR_ANEGCOMPLETE))
		phyx_pcs_reconfig(pcs->mdiodev); /* EXPECT: device-lock-required */

	schedule_delayed_work(&pcs->poll, HZ);
}

/*
 * mdio_probe() -> .probe, under device_lock(&mdiodev->dev).  The PCS's
 * DMA (its statistics ring) goes through the MAC's IOMMU: the probed
 * device is re-pointed at the MAC's node, as
 * drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe() re-points its device.
 */
static int phyx_pcs_probe(struct mdio_device *mdiodev)
{
	struct device *dev = &mdiodev->dev;
	struct device_node *mac_np;
	struct phyx_pcs *pcs;
	int ret;

	pcs = devm_kzalloc(dev, sizeof(*pcs), GFP_KERNEL);
	if (!pcs)
		return -ENOMEM;
	pcs->mdiodev = mdiodev;
	INIT_DELAYED_WORK(&pcs->poll, phyx_pcs_poll);
	dev_set_drvdata(dev, pcs);

	mac_np = of_parse_phandle(dev->of_node, "corpus,mac", 0);
	if (mac_np) {
		ret = of_dma_configure(dev, mac_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(mac_np);
		if (ret)
			return ret;
	}

	ret = phyx_pcs_reconfig(mdiodev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	schedule_delayed_work(&pcs->poll, HZ);
	return 0;
}

/* mdio_remove() -> .remove, under device_lock(&mdiodev->dev) */
static void phyx_pcs_remove(struct mdio_device *mdiodev)
{
	struct phyx_pcs *pcs = dev_get_drvdata(&mdiodev->dev);

	cancel_delayed_work_sync(&pcs->poll);
}

/* mdio_shutdown() -> .shutdown, from device_shutdown() under device_lock() */
static void phyx_pcs_shutdown(struct mdio_device *mdiodev)
{
	struct phyx_pcs *pcs = dev_get_drvdata(&mdiodev->dev);

	cancel_delayed_work_sync(&pcs->poll);
	phyx_pcs_reconfig(mdiodev); /* EXPECT-NONE: device-lock-required */
}

static const struct of_device_id phyx_pcs_of_match[] = {
	{ .compatible = "corpus,phyx-pcs" },
	{ }
};
MODULE_DEVICE_TABLE(of, phyx_pcs_of_match);

static struct mdio_driver phyx_pcs_driver = {
	.probe = phyx_pcs_probe,
	.remove = phyx_pcs_remove,
	.shutdown = phyx_pcs_shutdown,
	.mdiodrv.driver = {
		.name = "phyx-pcs",
		.of_match_table = phyx_pcs_of_match,
	},
};

static int __init phyx_init(void)
{
	int ret;

	ret = phyx_phy_register();
	if (ret)
		return ret;

	ret = mdio_driver_register(&phyx_pcs_driver);
	if (ret)
		goto err_phy;

	ret = platform_driver_register(&phyx_mdio_driver);
	if (ret)
		goto err_pcs;

	return 0;

err_pcs:
	mdio_driver_unregister(&phyx_pcs_driver);
err_phy:
	phyx_phy_unregister();
	return ret;
}
module_init(phyx_init);

static void __exit phyx_exit(void)
{
	platform_driver_unregister(&phyx_mdio_driver);
	mdio_driver_unregister(&phyx_pcs_driver);
	phyx_phy_unregister();
}
module_exit(phyx_exit);

MODULE_DESCRIPTION("corpus: PHY, MDIO controller and PCS drivers (heldout7)");
MODULE_LICENSE("GPL");
