// A driver callback whose argument embeds its device one struct deep:
// struct phy_device embeds struct mdio_device mdio, which embeds the
// struct device (include/linux/phy.h, mdio.h).  The driver core holds
// device_lock(&phydev->mdio.dev) around phy_driver.probe and .remove
// (phy_probe() and phy_remove() are the device_driver's); .config_init
// runs from phy_init_hw() without it.  A struct embedding two devices that
// way names no single device: its probe is judged like any callback.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include <linux/device.h>

struct mdio_device {
	struct device dev;
	int addr;
};

struct phy_device {
	struct mdio_device mdio;
	int speed;
};

struct phy_driver {
	int (*probe)(struct phy_device *phydev);
	void (*remove)(struct phy_device *phydev);
	int (*config_init)(struct phy_device *phydev);
};

static void wol_arm(struct device *dev)
{
	device_lock_assert(dev);
}

static int nphy_probe(struct phy_device *phydev)
{
	struct device *dev = &phydev->mdio.dev;

	wol_arm(dev);
	return 0;
}

static void nphy_remove(struct phy_device *phydev)
{
	wol_arm(&phydev->mdio.dev);
}

static int nphy_config_init(struct phy_device *phydev)
{
	wol_arm(&phydev->mdio.dev); // expected-warning{{wol_arm() requires device_lock(&phydev->mdio.dev), which is not held on this path (from nphy_config_init())}}
	return 0;
}

struct phy_driver nphy_driver = {
	.probe = nphy_probe,
	.remove = nphy_remove,
	.config_init = nphy_config_init,
};

/* Two embedded devices: which one would the core lock? */
struct twin_device {
	struct mdio_device a;
	struct mdio_device b;
};

struct twin_driver {
	int (*probe)(struct twin_device *td);
};

static int twin_probe(struct twin_device *td)
{
	wol_arm(&td->a.dev); // expected-warning{{wol_arm() requires device_lock(&td->a.dev), which is not held on this path (from twin_probe())}}
	return 0;
}

struct twin_driver twin_driver = { .probe = twin_probe };
