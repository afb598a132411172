// SPDX-License-Identifier: GPL-2.0
/*
 * wmix hwmon interface, shaped on dell/dell-wmi-ddv.c:dell_wmi_ddv_read()
 * and msi-wmi-platform.c:msi_wmi_platform_read() of Linux 6.12, and the
 * driver of the platform cell that wmix_drv.c creates.
 */
#include <linux/device.h>
#include <linux/hwmon.h>
#include <linux/platform_device.h>

#include "wmix.h"

static umode_t wmix_hwmon_is_visible(const void *drvdata, enum hwmon_sensor_types type,
				     u32 attr, int channel)
{
	if (type == hwmon_fan)
		return 0444;
	if (type == hwmon_pwm)
		return 0644;
	return 0;
}

/*
 * hwmon ops: drivers/hwmon/hwmon.c:hwmon_attr_show()/hwmon_attr_store()
 * call them from the hwmon device's sysfs attributes; no device lock of
 * the WMI device is held.
 */
static int wmix_hwmon_read(struct device *dev, enum hwmon_sensor_types type,
			   u32 attr, int channel, long *val)
{
	struct wmix_priv *priv = dev_get_drvdata(dev);
	u32 v;
	int ret;

	ret = wmix_ec_query(priv, 4 + channel, &v);
	if (ret)
		return ret;
	*val = v;
	return 0;
}

static int wmix_hwmon_write(struct device *dev, enum hwmon_sensor_types type,
			    u32 attr, int channel, long val)
{
	struct wmix_priv *priv = dev_get_drvdata(dev);
	int ret;

	if (type != hwmon_pwm)
		return -EOPNOTSUPP;

	if (attr == hwmon_pwm_mode)
		return wmix_ec_select_profile_locked(priv->wdev, val); /* EXPECT: device-lock-required */

	if (!device_trylock(priv->dev))
		return -EBUSY;
	ret = wmix_ec_write(priv, 8 + channel, val);
	if (!ret)
		wmix_ec_commit(priv->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(priv->dev);
	return ret;
}

static const struct hwmon_ops wmix_hwmon_ops = {
	.is_visible = wmix_hwmon_is_visible,
	.read = wmix_hwmon_read,
	.write = wmix_hwmon_write,
};

static const struct hwmon_channel_info * const wmix_hwmon_info[] = {
	HWMON_CHANNEL_INFO(fan, HWMON_F_INPUT, HWMON_F_INPUT),
	HWMON_CHANNEL_INFO(pwm, HWMON_PWM_INPUT | HWMON_PWM_MODE),
	NULL
};

static const struct hwmon_chip_info wmix_chip_info = {
	.ops = &wmix_hwmon_ops,
	.info = wmix_hwmon_info,
};

int wmix_hwmon_register(struct wmix_priv *priv)
{
	priv->hwmon = devm_hwmon_device_register_with_info(priv->dev, "wmix", priv,
							   &wmix_chip_info, NULL);
	return PTR_ERR_OR_ZERO(priv->hwmon);
}

/*
 * The cell's platform driver: really_probe() holds the cell's device
 * lock around probe.
 */
static int wmix_cell_probe(struct platform_device *pdev)
{
	struct wmix_priv *priv = dev_get_drvdata(pdev->dev.parent);

	if (!priv)
		return -EPROBE_DEFER;
	return wmix_cell_bind(&pdev->dev, priv); /* EXPECT-NONE: device-lock-required */
}

static struct platform_driver wmix_cell_driver = {
	.probe = wmix_cell_probe,
	.driver = {
		.name = "wmix-cell",
	},
};

int wmix_cell_driver_init(void)
{
	return platform_driver_register(&wmix_cell_driver);
}

void wmix_cell_driver_exit(void)
{
	platform_driver_unregister(&wmix_cell_driver);
}
