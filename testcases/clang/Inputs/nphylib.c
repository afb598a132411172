// Helpers of another file that state the lock of a device embedded one
// struct deep, by device_lock_assert() and by lockdep on its mutex; its
// lock functions, a trylock (as pci_dev_trylock()) and an unlock.
#include "nphy.h"

int nphy_cal_load(struct phy_device *phydev)
{
	device_lock_assert(&phydev->mdio.dev);
	return phydev->speed;
}

int nphy_cal_check(struct phy_device *phydev)
{
	lockdep_assert_held(&phydev->mdio.dev.mutex);
	return phydev->speed;
}

bool nphy_trylock(struct phy_device *phydev)
{
	if (!phydev->speed)
		return false;
	return device_trylock(&phydev->mdio.dev);
}

void nphy_unlock(struct phy_device *phydev)
{
	device_unlock(&phydev->mdio.dev);
}
