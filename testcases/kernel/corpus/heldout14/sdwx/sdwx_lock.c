// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdwx lock helpers: the lock function, the snapshot readers used by the
 * sysfs attributes, and the helpers whose contract is "device lock held".
 */
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/soundwire/sdw.h>

#include "sdwx.h"

/*
 * Lock function: returns 0 with the device lock of @slave held, or a
 * negative errno without it.
 */
int sdwx_slave_lock(struct sdw_slave *slave)
{
	struct device *dev = &slave->dev;
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}

	return 0; /* EXPECT-NONE: lock-imbalance */
}

void sdwx_slave_unlock(struct sdw_slave *slave)
{
	device_unlock(&slave->dev);
}

/* Reader used by dev_num_show(): the "not probed" exit forgets the unlock. */
int sdwx_slave_devnum(struct sdw_slave *slave, u16 *dev_num)
{
	device_lock(&slave->dev);

	if (!slave->probed)
		return -EAGAIN; /* EXPECT: lock-imbalance */

	*dev_num = slave->dev_num;
	device_unlock(&slave->dev);

	return 0;
}

/* Same reader for the status attribute, done right. */
int sdwx_slave_status(struct sdw_slave *slave, enum sdw_slave_status *st)
{
	device_lock(&slave->dev);

	if (!slave->probed) {
		device_unlock(&slave->dev);
		return -EAGAIN; /* EXPECT-NONE: lock-imbalance */
	}

	*st = slave->status;
	device_unlock(&slave->dev);

	return 0;
}

void sdwx_apply_prop(struct sdw_slave *slave)
{
	struct sdwx_priv *priv = dev_get_drvdata(&slave->dev);

	device_lock_assert(&slave->dev);

	if (slave->prop.clk_stop_timeout == 0)
		dev_dbg(&slave->dev, "no clock stop timeout, using default\n");

	if (priv)
		priv->hw_init = true;
}

int sdwx_stream_reset_locked(struct sdw_slave *slave)
{
	struct sdwx_priv *priv = dev_get_drvdata(&slave->dev);

	if (!priv)
		return -ENODEV;

	mutex_lock(&priv->state_lock);
	priv->stream_id = 0;
	priv->hw_init = false;
	mutex_unlock(&priv->state_lock);

	return 0;
}

/**
 * sdwx_dma_rebind() - point the peripheral's DMA configuration at a node
 * @slave: the SoundWire peripheral bound to this driver
 * @np: device-tree node of the DMA master (normally the manager's node)
 *
 * Context: Process context. Caller holds the device lock of @slave.
 * Return: 0 on success or a negative errno.
 */
int sdwx_dma_rebind(struct sdw_slave *slave, struct device_node *np)
{
	if (!np)
		return -ENOENT;

	return of_dma_configure(&slave->dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
}
