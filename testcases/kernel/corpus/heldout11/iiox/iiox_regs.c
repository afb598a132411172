// SPDX-License-Identifier: GPL-2.0
/*
 * iiox_regs.c - register helpers of the iiox sensor.  The first three work
 * on the sensor's struct device and state their locking contract on it:
 * lockdep_assert_held(&dev->mutex) (what device_lock_assert() of
 * include/linux/device.h expands to, open-coded), a _locked name
 * (drivers/cxl/core/port.c:cxl_decoder_add_locked()) and a kernel-doc Context: line
 * (drivers/usb/core/message.c:usb_set_configuration()).  Their callers are
 * in iiox_core.c and iiox_i2c.c.
 */
#include <linux/device.h>
#include <linux/iio/iio.h>
#include <linux/lockdep.h>
#include "iiox.h"

static struct iiox_data *iiox_dev_data(struct device *dev)
{
	struct iio_dev *indio_dev = dev_get_drvdata(dev);

	return indio_dev ? iio_priv(indio_dev) : NULL;
}

/**
 * iiox_regs_set_odr - program the output data rate
 * @dev: the sensor's I2C client device
 * @odr: rate in Hz
 *
 * Return: 0 or a negative errno.
 */
int iiox_regs_set_odr(struct device *dev, u32 odr)
{
	struct iiox_data *data = iiox_dev_data(dev);

	lockdep_assert_held(&dev->mutex);

	if (!data)
		return -ENODEV;
	if (!odr || odr > 1600)
		return -EINVAL;
	data->odr = odr;
	return 0;
}

/* Power the sensor up or down; the device lock of @dev is held by the caller. */
int iiox_regs_power_locked(struct device *dev, bool on)
{
	struct iiox_data *data = iiox_dev_data(dev);

	if (!data)
		return -ENODEV;
	data->powered = on;
	return 0;
}

/**
 * iiox_regs_fifo_drain - throw away the samples queued in the FIFO
 * @dev: the sensor's I2C client device
 *
 * Context: Process context.  Takes data->lock.  The device lock of @dev
 * must be held by the caller.
 */
void iiox_regs_fifo_drain(struct device *dev)
{
	struct iiox_data *data = iiox_dev_data(dev);

	if (!data)
		return;
	mutex_lock(&data->lock);
	data->drained++;
	mutex_unlock(&data->lock);
}

/* Read one sample; data->lock is held by the caller (no device-lock contract). */
int iiox_regs_read_accel(struct iiox_data *data, int *val)
{
	int ret;

	lockdep_assert_held(&data->lock);

	ret = i2c_smbus_read_word_data(data->client, 0x02);
	if (ret < 0)
		return ret;
	*val = sign_extend32(ret, 15);
	return 0;
}
