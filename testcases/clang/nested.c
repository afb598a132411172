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
//
// A helper of another file that asserts that lock (Inputs/nphylib.c)
// requires it of the callers in this one, and that file's lock functions
// take and drop it: its summary names the member path.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/nphylib.c
// RUN: grep -h '^nphy_\|^@acquires\|^@releases' %t/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: @acquires nphy_trylock 0 DEV_MUTEX TRY mdio.dev
// SUM-NEXT: @releases nphy_unlock 0 DEV_MUTEX mdio.dev
// SUM-NEXT: nphy_cal_check 0 DEV_MUTEX mdio.dev
// SUM-NEXT: nphy_cal_load 0 DEV_MUTEX mdio.dev
// SUM-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=expected,sum %s
#include "Inputs/nphy.h"
#include <linux/cleanup.h>

static void wol_arm(struct device *dev)
{
	device_lock_assert(dev);
}

static int nphy_probe(struct phy_device *phydev)
{
	struct device *dev = &phydev->mdio.dev;

	wol_arm(dev);
	return nphy_cal_load(phydev) + nphy_cal_check(phydev);
}

static void nphy_remove(struct phy_device *phydev)
{
	wol_arm(&phydev->mdio.dev);
}

static int nphy_config_init(struct phy_device *phydev)
{
	wol_arm(&phydev->mdio.dev); // expected-warning{{wol_arm() requires device_lock(&phydev->mdio.dev), which is not held on this path (from nphy_config_init())}}
	nphy_cal_check(phydev); // sum-warning{{nphy_cal_check() requires device_lock(&phydev->mdio.dev), which is not held on this path (from nphy_config_init())}}
	return nphy_cal_load(phydev); // sum-warning{{nphy_cal_load() requires device_lock(&phydev->mdio.dev), which is not held on this path (from nphy_config_init())}}
}

// .config_aneg holds nothing of the device; it tries the lock
static int nphy_config_aneg(struct phy_device *phydev)
{
	if (!nphy_trylock(phydev))
		return nphy_cal_load(phydev); // sum-warning{{nphy_cal_load() requires device_lock(&phydev->mdio.dev), which is not held on this path (from nphy_config_aneg())}}
	nphy_cal_load(phydev);
	nphy_unlock(phydev);
	return 0;
}

// .read_status locks the PHY itself for one mode only: the other path
// holds nothing (no caller of a slot passes its lock along on some calls)
static int nphy_read_status(struct phy_device *phydev)
{
	int ret = 0;

	if (phydev->speed == 1000) {
		scoped_guard(device, &phydev->mdio.dev)
			ret = nphy_cal_load(phydev);
		return ret;
	}
	return nphy_cal_load(phydev); // sum-warning{{nphy_cal_load() requires device_lock(&phydev->mdio.dev), which is not held on this path (from nphy_read_status())}}
}

struct phy_driver nphy_driver = {
	.probe = nphy_probe,
	.remove = nphy_remove,
	.config_init = nphy_config_init,
	.config_aneg = nphy_config_aneg,
	.read_status = nphy_read_status,
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
