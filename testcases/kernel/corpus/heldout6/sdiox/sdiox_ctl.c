// SPDX-License-Identifier: GPL-2.0
/*
 * sdiox helpers with a lock contract, the function's sysfs attributes and
 * its works.
 *
 * Contexts (6.12):
 *   dev_groups attributes (sdio_driver.drv.dev_groups, added by
 *   really_probe()): kernfs calls them without the device lock, which
 *   they take themselves, as drivers/usb/core/sysfs.c and
 *   drivers/base/dd.c:state_synced_store()
 *   sdiox_rx_work(), sdiox_reset_work(): work items, no device lock
 */
#include <linux/cleanup.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/kstrtox.h>
#include <linux/mmc/sdio_func.h>
#include <linux/serdev.h>
#include <linux/sysfs.h>

#include "sdiox.h"

/*
 * Program the function's operating mode.  The mode is also written by
 * probe, remove and shutdown, which the driver core runs under the
 * function's device lock: every writer holds it.
 */
int sdiox_apply_mode(struct sdiox *sx, u8 mode)
{
	struct sdio_func *func = sx->func;
	struct device *dev = &func->dev;
	int ret;

	device_lock_assert(dev);

	sdio_claim_host(func);
	sdio_writeb(func, mode, SDIOX_REG_MODE, &ret);
	sdio_release_host(func);
	if (!ret)
		sx->mode = mode;
	return ret;
}

/* Reload the firmware; called with device_lock(&sx->func->dev) held. */
int sdiox_fw_reload_locked(struct sdiox *sx)
{
	int ret;

	device_lock_assert(&sx->func->dev);

	sx->fw_loaded = false;
	sdio_claim_host(sx->func);
	sdio_writeb(sx->func, 1, SDIOX_REG_PWR, &ret);
	sdio_release_host(sx->func);
	if (!ret)
		sx->fw_loaded = true;
	return ret;
}

/**
 * sdiox_quiesce() - stop the function's DMA and interrupts
 * @sx: the function
 *
 * Context: Process context, may sleep.  Caller holds the device lock of
 * the SDIO function, as the driver core does around probe, remove and
 * shutdown.
 */
void sdiox_quiesce(struct sdiox *sx)
{
	sdio_claim_host(sx->func);
	sdio_writeb(sx->func, SDIOX_MODE_OFF, SDIOX_REG_MODE, NULL);
	sdio_release_host(sx->func);
	sx->mode = SDIOX_MODE_OFF;
}

/*
 * Returns 0 with the function's device lock held, or a negative errno
 * without it, as drivers/usb/core/usb.c:usb_lock_device_for_reset();
 * callers unlock only after 0.
 */
int sdiox_lock_for_reset(struct sdiox *sx)
{
	struct device *dev = &sx->func->dev;
	unsigned long expire = jiffies + HZ;

	while (!device_trylock(dev)) {
		if (time_after(jiffies, expire))
			return -EBUSY;
		msleep(15);
		if (READ_ONCE(sx->removing))
			return -ENODEV;
	}
	if (sx->removing) {
		device_unlock(dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Program the companion UART's baud rate; the serdev device's lock
 * serialises it with the serdev driver's probe and shutdown.
 */
void sdiox_uart_sync_baud(struct sdiox_uart *u)
{
	device_lock_assert(&u->serdev->dev);
	u->baud = serdev_device_set_baudrate(u->serdev, u->baud);
}

/* scheduled by the SDIO irq handler: takes the lock only if it is free */
void sdiox_rx_work(struct work_struct *work)
{
	struct sdiox *sx = container_of(work, struct sdiox, rx_work);
	struct device *dev = &sx->func->dev;

	if (!device_trylock(dev)) {
		if (!READ_ONCE(sx->removing))
			schedule_work(&sx->rx_work);
		return;
	}
	sdiox_apply_mode(sx, SDIOX_MODE_IDLE); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
}

void sdiox_reset_work(struct work_struct *work)
{
	struct sdiox *sx = container_of(work, struct sdiox, reset_work);

	if (sdiox_lock_for_reset(sx))
		return;
	sdiox_fw_reload_locked(sx); /* EXPECT-NONE: device-lock-required */
	device_unlock(&sx->func->dev); /* EXPECT-NONE: lock-imbalance */
}

static int sdiox_set_clock(struct sdiox *sx, u32 hz)
{
	struct device *dev = &sx->func->dev;
	int ret;

	device_lock(dev);
	if (!sx->fw_loaded) {
		device_unlock(dev);
		return -EAGAIN;
	}
	ret = sdiox_apply_mode(sx, SDIOX_MODE_IDLE); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret; /* EXPECT: lock-imbalance */

	sdio_claim_host(sx->func);
	sdio_writeb(sx->func, hz / 1000000, SDIOX_REG_CLK, &ret);
	sdio_release_host(sx->func);
	if (!ret)
		sx->clock = hz;
	device_unlock(dev);
	return ret;
}

static int sdiox_set_power(struct sdiox *sx, u8 level)
{
	struct device *dev = &sx->func->dev;
	int ret;

	device_lock(dev);
	if (!sx->fw_loaded) {
		ret = -EAGAIN;
		goto out_unlock;
	}
	ret = sdiox_apply_mode(sx, SDIOX_MODE_IDLE); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto out_unlock;

	sdio_claim_host(sx->func);
	sdio_writeb(sx->func, level, SDIOX_REG_PWR, &ret);
	sdio_release_host(sx->func);
	if (!ret)
		sx->power = level;
out_unlock:
	device_unlock(dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

static int sdiox_set_width(struct sdiox *sx, u8 width)
{
	int ret;

	scoped_guard(device, &sx->func->dev) {
		if (!sx->fw_loaded)
			return -EAGAIN; /* EXPECT-NONE: lock-imbalance */
		ret = sdiox_apply_mode(sx, SDIOX_MODE_IDLE); /* EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;

		sdio_claim_host(sx->func);
		sdio_writeb(sx->func, width, SDIOX_REG_WIDTH, &ret);
		sdio_release_host(sx->func);
		if (!ret)
			sx->width = width;
	}
	return ret;
}

static struct sdiox *to_sdiox(struct device *dev)
{
	return sdio_get_drvdata(dev_to_sdio_func(dev));
}

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct sdiox *sx = to_sdiox(dev);
	u8 mode;
	int ret;

	ret = kstrtou8(buf, 0, &mode);
	if (ret)
		return ret;

	if (device_lock_interruptible(dev))
		return -EINTR;
	ret = sdiox_apply_mode(sx, mode); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(mode);

static ssize_t firmware_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct sdiox *sx = to_sdiox(dev);
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret) {
		device_unlock(dev); /* EXPECT: lock-imbalance */
		return ret;
	}
	ret = sdiox_fw_reload_locked(sx); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(firmware);

static ssize_t quiesce_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct sdiox *sx = to_sdiox(dev);

	guard(device)(dev); /* EXPECT-NONE: lock-imbalance */
	sdiox_quiesce(sx); /* EXPECT-NONE: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(quiesce);

static ssize_t clock_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	u32 hz;
	int ret;

	ret = kstrtou32(buf, 0, &hz);
	if (ret)
		return ret;
	ret = sdiox_set_clock(to_sdiox(dev), hz);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(clock);

static ssize_t power_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	u8 level;
	int ret;

	ret = kstrtou8(buf, 0, &level);
	if (ret)
		return ret;
	ret = sdiox_set_power(to_sdiox(dev), level);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(power);

static ssize_t width_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	u8 width;
	int ret;

	ret = kstrtou8(buf, 0, &width);
	if (ret)
		return ret;
	ret = sdiox_set_width(to_sdiox(dev), width);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(width);

static struct attribute *sdiox_attrs[] = {
	&dev_attr_mode.attr,
	&dev_attr_firmware.attr,
	&dev_attr_quiesce.attr,
	&dev_attr_clock.attr,
	&dev_attr_power.attr,
	&dev_attr_width.attr,
	NULL
};

static const struct attribute_group sdiox_group = {
	.attrs = sdiox_attrs,
};

const struct attribute_group *sdiox_groups[] = {
	&sdiox_group,
	NULL
};
