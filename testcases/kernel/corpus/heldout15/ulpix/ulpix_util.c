// SPDX-License-Identifier: GPL-2.0-only
/*
 * ulpix - register helpers, controller lookup and the ulpix function bus
 */
#include <linux/acpi.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/ulpi/driver.h>
#include <linux/ulpi/regs.h>

#include "ulpix.h"

/**
 * ulpix_phy_write_locked() - write a PHY register
 * @ulpi: the ULPI device
 * @reg: register address
 * @val: value
 *
 * Context: Process context. Caller holds device_lock(&@ulpi->dev), which
 * keeps the PHY bound while the controller's viewport is in use.
 * Return: 0 on success or a negative errno.
 */
int ulpix_phy_write_locked(struct ulpi *ulpi, u8 reg, u8 val)
{
	device_lock_assert(&ulpi->dev);

	if (!ulpi->dev.driver)
		return -ENODEV;

	return ulpi_write(ulpi, reg, val);
}

/**
 * ulpix_phy_calibrate_locked() - run the PHY's scratch register self test
 * @uphy: the PHY
 *
 * Context: Process context. Caller holds device_lock(&@uphy->ulpi->dev).
 * Return: 0 on success, -EAGAIN when the PHY was not ready yet.
 */
int ulpix_phy_calibrate_locked(struct ulpix_phy *uphy)
{
	struct ulpi *ulpi = uphy->ulpi;
	int ret;

	device_lock_assert(&ulpi->dev);

	ret = ulpi_write(ulpi, ULPI_SCRATCH, 0x5a);
	if (ret)
		return ret;

	ret = ulpi_read(ulpi, ULPI_SCRATCH);
	if (ret < 0)
		return ret;

	return ret == 0x5a ? 0 : -EAGAIN;
}

/**
 * ulpix_phy_set_mode() - switch the PHY between host, device and OTG
 * @uphy: the PHY
 * @mode: one of ULPIX_MODE_*
 *
 * Context: Process context. Must be called with the device lock of the
 * ULPI device (@uphy->ulpi->dev) held.
 * Return: 0 on success or a negative errno.
 */
int ulpix_phy_set_mode(struct ulpix_phy *uphy, u8 mode)
{
	u8 otg = uphy->otg_ctrl & ~(ULPI_OTG_CTRL_DRVVBUS | ULPI_OTG_CTRL_ID_PULLUP);
	int ret;

	if (mode == ULPIX_MODE_HOST)
		otg |= ULPI_OTG_CTRL_DRVVBUS;
	else if (mode == ULPIX_MODE_OTG)
		otg |= ULPI_OTG_CTRL_ID_PULLUP;

	ret = ulpix_phy_write_locked(uphy->ulpi, ULPI_OTG_CTRL, otg);	/* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	uphy->otg_ctrl = otg;
	uphy->mode = mode;
	return 0;
}

static int ulpix_match_ulpi(struct device *dev, void *data)
{
	const char *name = dev_name(dev);
	size_t len = strlen(name);

	return len > 5 && !strcmp(name + len - 5, ".ulpi") && dev->driver;
}

/**
 * ulpix_ulpi_get_locked() - find the bound ULPI PHY below a controller
 * @ctrl: the controller device
 *
 * Return: the ULPI device with a reference and its device lock held, or
 * an ERR_PTR() with neither.
 */
struct ulpi *ulpix_ulpi_get_locked(struct device *ctrl)
{
	struct device *dev;

	dev = device_find_child(ctrl, NULL, ulpix_match_ulpi);
	if (!dev)
		return ERR_PTR(-ENODEV);

	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		put_device(dev);
		return ERR_PTR(-EAGAIN);
	}

	return to_ulpi_dev(dev);		/* EXPECT-NONE: lock-imbalance */
}

void ulpix_ulpi_put_unlock(struct ulpi *ulpi)
{
	device_unlock(&ulpi->dev);
	put_device(&ulpi->dev);
}

/* ---- ulpix function bus ---- */

static int ulpix_bus_match(struct device *dev, const struct device_driver *drv)
{
	return !strcmp(dev_name(dev) + strcspn(dev_name(dev), ":") + 1,
		       drv->name);
}

static int ulpix_bus_dma_configure(struct device *dev)
{
	struct ulpix_fn *fn = to_ulpix_fn(dev);
	struct device *ctrl = fn->uphy->ulpi->dev.parent;

	if (dev_of_node(ctrl))
		return of_dma_configure(dev, ctrl->of_node, true);	/* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */

	if (has_acpi_companion(ctrl))
		return acpi_dma_configure(dev, acpi_get_dma_attr(ACPI_COMPANION(ctrl)));	/* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */

	return 0;
}

static const struct bus_type ulpix_bus = {
	.name		= "ulpix",
	.match		= ulpix_bus_match,
	.dma_configure	= ulpix_bus_dma_configure,
};

static int ulpix_fn_enable_locked(struct ulpix_fn *fn)
{
	struct ulpix_phy *uphy = fn->uphy;

	device_lock_assert(&fn->dev);

	uphy->func_ctrl |= ULPI_FUNC_CTRL_SUSPENDM;
	fn->enabled = true;
	return 0;
}

static int ulpix_chg_probe(struct device *dev)
{
	return ulpix_fn_enable_locked(to_ulpix_fn(dev));	/* EXPECT-NONE: device-lock-required */
}

static struct device_driver ulpix_chg_driver = {
	.name	= "chg",
	.bus	= &ulpix_bus,
	.probe	= ulpix_chg_probe,
};

static void ulpix_fn_release(struct device *dev)
{
	kfree(to_ulpix_fn(dev));
}

struct ulpix_fn *ulpix_fn_create(struct ulpix_phy *uphy)
{
	struct ulpix_fn *fn;
	int ret;

	fn = kzalloc(sizeof(*fn), GFP_KERNEL);
	if (!fn)
		return ERR_PTR(-ENOMEM);

	fn->uphy = uphy;
	fn->dev.parent = &uphy->ulpi->dev;
	fn->dev.bus = &ulpix_bus;
	fn->dev.release = ulpix_fn_release;
	dev_set_name(&fn->dev, "%s:chg", dev_name(&uphy->ulpi->dev));

	ret = device_register(&fn->dev);
	if (ret) {
		put_device(&fn->dev);
		return ERR_PTR(ret);
	}

	return fn;
}

void ulpix_fn_destroy(struct ulpix_fn *fn)
{
	device_unregister(&fn->dev);
}

int ulpix_bus_init(void)
{
	int ret;

	ret = bus_register(&ulpix_bus);
	if (ret)
		return ret;

	ret = driver_register(&ulpix_chg_driver);
	if (ret)
		bus_unregister(&ulpix_bus);

	return ret;
}

void ulpix_bus_exit(void)
{
	driver_unregister(&ulpix_chg_driver);
	bus_unregister(&ulpix_bus);
}
