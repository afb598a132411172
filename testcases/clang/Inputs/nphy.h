/* struct phy_device embeds struct mdio_device mdio, which embeds the
 * struct device (include/linux/phy.h, mdio.h). */
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
	int (*config_aneg)(struct phy_device *phydev);
	int (*read_status)(struct phy_device *phydev);
};

int nphy_cal_load(struct phy_device *phydev);
int nphy_cal_check(struct phy_device *phydev);
bool nphy_trylock(struct phy_device *phydev);
void nphy_unlock(struct phy_device *phydev);
