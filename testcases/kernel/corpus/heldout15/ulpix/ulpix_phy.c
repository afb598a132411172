// SPDX-License-Identifier: GPL-2.0-only
/*
 * ulpix - ULPI PHY driver
 *
 * The controller glue (ulpix_glue.c) registers the ULPI interface; this
 * driver binds to the PHY behind it and exports a generic PHY for the
 * controller to power up.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/ulpi/driver.h>
#include <linux/phy/phy.h>
#include <linux/phy/ulpi_phy.h>
#include <linux/ulpi/regs.h>

#include "ulpix.h"

/* ---- generic PHY ops, called by the PHY core under phy->mutex only ---- */

static int ulpix_phy_power_on(struct phy *phy)
{
	struct ulpix_phy *uphy = phy_get_drvdata(phy);

	uphy->func_ctrl |= ULPI_FUNC_CTRL_SUSPENDM;
	return ulpix_phy_write_locked(uphy->ulpi, ULPI_FUNC_CTRL, uphy->func_ctrl);	/* EXPECT: device-lock-required */
}

static int ulpix_phy_power_off(struct phy *phy)
{
	struct ulpix_phy *uphy = phy_get_drvdata(phy);

	guard(device)(&uphy->ulpi->dev);
	uphy->func_ctrl &= ~ULPI_FUNC_CTRL_SUSPENDM;
	return ulpix_phy_write_locked(uphy->ulpi, ULPI_FUNC_CTRL, uphy->func_ctrl);	/* EXPECT-NONE: device-lock-required */
}

static int ulpix_phy_set_mode_op(struct phy *phy, enum phy_mode mode,
				 int submode)
{
	struct ulpix_phy *uphy = phy_get_drvdata(phy);
	struct device *dev = &uphy->ulpi->dev;
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	switch (mode) {
	case PHY_MODE_USB_HOST:
		ret = ulpix_phy_set_mode(uphy, ULPIX_MODE_HOST);
		break;
	case PHY_MODE_USB_DEVICE:
		ret = ulpix_phy_set_mode(uphy, ULPIX_MODE_DEVICE);
		break;
	case PHY_MODE_USB_OTG:
		ret = ulpix_phy_set_mode(uphy, ULPIX_MODE_OTG);
		break;
	default:
		return -EINVAL;			/* EXPECT: lock-imbalance */
	}

	device_unlock(dev);
	return ret;
}

static int ulpix_phy_calibrate_op(struct phy *phy)
{
	struct ulpix_phy *uphy = phy_get_drvdata(phy);
	struct device *dev = &uphy->ulpi->dev;
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	if (!uphy->vbus) {
		ret = -ENODEV;
		goto out_unlock;
	}

	ret = ulpix_phy_calibrate_locked(uphy);

out_unlock:
	device_unlock(dev);
	return ret;				/* EXPECT-NONE: lock-imbalance */
}

static const struct phy_ops ulpix_phy_ops = {
	.power_on	= ulpix_phy_power_on,
	.power_off	= ulpix_phy_power_off,
	.set_mode	= ulpix_phy_set_mode_op,
	.calibrate	= ulpix_phy_calibrate_op,
	.owner		= THIS_MODULE,
};

/* ---- sysfs on the ULPI device ---- */

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct ulpix_phy *uphy = ulpi_get_drvdata(to_ulpi_dev(dev));
	u8 mode;
	int ret;

	if (kstrtou8(buf, 0, &mode) || mode > ULPIX_MODE_OTG)
		return -EINVAL;

	ret = ulpix_phy_set_mode(uphy, mode);	/* EXPECT: device-lock-required */
	return ret ? ret : count;
}

static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct ulpix_phy *uphy = ulpi_get_drvdata(to_ulpi_dev(dev));

	return sysfs_emit(buf, "%u\n", uphy->mode);
}
static DEVICE_ATTR_RW(mode);

static ssize_t vbus_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct ulpix_phy *uphy = ulpi_get_drvdata(to_ulpi_dev(dev));
	bool on;
	int ret = 0;

	if (kstrtobool(buf, &on))
		return -EINVAL;

	scoped_guard(device, dev) {
		u8 otg = on ? uphy->otg_ctrl | ULPI_OTG_CTRL_DRVVBUS :
			      uphy->otg_ctrl & ~ULPI_OTG_CTRL_DRVVBUS;

		ret = ulpix_phy_write_locked(uphy->ulpi, ULPI_OTG_CTRL, otg);	/* EXPECT-NONE: device-lock-required */
		if (!ret)
			uphy->otg_ctrl = otg;
	}

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(vbus);

static struct attribute *ulpix_phy_attrs[] = {
	&dev_attr_mode.attr,
	&dev_attr_vbus.attr,
	NULL
};
ATTRIBUTE_GROUPS(ulpix_phy);

/* ---- ULPI driver ---- */

static void ulpix_phy_destroy_action(void *data)
{
	struct ulpix_phy *uphy = data;

	ulpi_phy_destroy(uphy->ulpi, uphy->phy);
}

static void ulpix_fn_destroy_action(void *data)
{
	ulpix_fn_destroy(data);
}

static int ulpix_phy_probe(struct ulpi *ulpi)
{
	struct device *dev = &ulpi->dev;
	struct ulpix_phy *uphy;
	int ret;

	uphy = devm_kzalloc(dev, sizeof(*uphy), GFP_KERNEL);
	if (!uphy)
		return -ENOMEM;

	uphy->ulpi = ulpi;
	uphy->func_ctrl = ULPI_FUNC_CTRL_OPMODE_NORMAL;
	ulpi_set_drvdata(ulpi, uphy);

	ret = ulpix_phy_set_mode(uphy, ULPIX_MODE_HOST);	/* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	uphy->phy = ulpi_phy_create(ulpi, &ulpix_phy_ops);
	if (IS_ERR(uphy->phy))
		return PTR_ERR(uphy->phy);
	phy_set_drvdata(uphy->phy, uphy);

	ret = devm_add_action_or_reset(dev, ulpix_phy_destroy_action, uphy);
	if (ret)
		return ret;

	uphy->fn = ulpix_fn_create(uphy);
	if (IS_ERR(uphy->fn))
		return PTR_ERR(uphy->fn);

	ret = devm_add_action_or_reset(dev, ulpix_fn_destroy_action, uphy->fn);
	if (ret)
		return ret;

	return 0;
}

static void ulpix_phy_remove(struct ulpi *ulpi)
{
	ulpix_phy_write_locked(ulpi, ULPI_CLR(ULPI_FUNC_CTRL), ULPI_FUNC_CTRL_SUSPENDM);	/* EXPECT-NONE: device-lock-required */
}

static const struct ulpi_device_id ulpix_phy_ids[] = {
	{ 0x0451, 0x1508 },
	{ },
};
MODULE_DEVICE_TABLE(ulpi, ulpix_phy_ids);

static struct ulpi_driver ulpix_phy_driver = {
	.id_table	= ulpix_phy_ids,
	.probe		= ulpix_phy_probe,
	.remove		= ulpix_phy_remove,
	.driver		= {
		.name		= "ulpix-phy",
		.owner		= THIS_MODULE,
		.dev_groups	= ulpix_phy_groups,
	},
};

static int __init ulpix_init(void)
{
	int ret;

	ret = ulpix_bus_init();
	if (ret)
		return ret;

	ret = ulpi_register_driver(&ulpix_phy_driver);
	if (ret)
		goto err_bus;

	ret = platform_driver_register(&ulpix_glue_driver);
	if (ret)
		goto err_ulpi;

	return 0;

err_ulpi:
	ulpi_unregister_driver(&ulpix_phy_driver);
err_bus:
	ulpix_bus_exit();
	return ret;
}
module_init(ulpix_init);

static void __exit ulpix_exit(void)
{
	platform_driver_unregister(&ulpix_glue_driver);
	ulpi_unregister_driver(&ulpix_phy_driver);
	ulpix_bus_exit();
}
module_exit(ulpix_exit);

MODULE_DESCRIPTION("ULPI PHY with controller glue and function devices");
MODULE_LICENSE("GPL");
