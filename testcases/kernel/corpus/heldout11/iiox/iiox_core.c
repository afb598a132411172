// SPDX-License-Identifier: GPL-2.0
/*
 * iiox_core.c - the iiox iio_info callbacks, the triggered-buffer handler
 * and the data-ready interrupt, shaped on drivers/iio/imu/bmi160/
 * bmi160_core.c and drivers/iio/adc/ti-ads1015.c.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/iio/buffer.h>
#include <linux/iio/iio.h>
#include <linux/iio/trigger.h>
#include <linux/iio/trigger_consumer.h>
#include "iiox.h"

const struct iio_chan_spec iiox_channels[] = {
	{
		.type = IIO_ACCEL,
		.modified = 1,
		.channel2 = IIO_MOD_X,
		.info_mask_separate = BIT(IIO_CHAN_INFO_RAW),
		.info_mask_shared_by_type = BIT(IIO_CHAN_INFO_SAMP_FREQ) |
					    BIT(IIO_CHAN_INFO_SCALE),
		.scan_index = 0,
		.scan_type = {
			.sign = 's',
			.realbits = 16,
			.storagebits = 16,
			.endianness = IIO_CPU,
		},
	},
	IIO_CHAN_SOFT_TIMESTAMP(1),
};
const unsigned int iiox_num_channels = ARRAY_SIZE(iiox_channels);

/*
 * iio_info.read_raw: drivers/iio/industrialio-core.c:iio_read_channel_info()
 * calls it from a sysfs show (kernfs, no device lock), and drivers/iio/
 * inkern.c:iio_channel_read() for consumers under info_exist_lock only;
 * nothing holds the I2C client's device lock.  The driver mutex is taken
 * as in ti-ads1015.c:ads1015_read_raw(); one error return forgets it.
 */
static int iiox_read_raw(struct iio_dev *indio_dev,
			 struct iio_chan_spec const *chan,
			 int *val, int *val2, long mask)
{
	struct iiox_data *data = iio_priv(indio_dev);
	int ret;

	switch (mask) {
	case IIO_CHAN_INFO_RAW:
		ret = iiox_regs_power_locked(data->dev, true); /* EXPECT: device-lock-required */
		if (ret)
			return ret;
		mutex_lock(&data->lock);
		ret = iiox_regs_read_accel(data, val);
		if (ret < 0)
			return ret; /* EXPECT: lock-imbalance */
		mutex_unlock(&data->lock);
		return IIO_VAL_INT;
	case IIO_CHAN_INFO_SAMP_FREQ:
		*val = data->odr;
		return IIO_VAL_INT;
	case IIO_CHAN_INFO_SCALE:
		*val = 0;
		*val2 = 598;
		return IIO_VAL_INT_PLUS_MICRO;
	default:
		return -EINVAL;
	}
}

/*
 * The twin of the raw read above: the same sample read under the driver
 * mutex, unwinding through one unlock as ti-ads1015.c:ads1015_read_raw()
 * does with its release_direct label.
 */
static int iiox_read_sample(struct iiox_data *data, int *val)
{
	int ret;

	mutex_lock(&data->lock);
	ret = iiox_regs_read_accel(data, val);
	if (ret < 0)
		goto out_unlock;
	ret = IIO_VAL_INT;
out_unlock:
	mutex_unlock(&data->lock);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/*
 * iio_info.write_raw: industrialio-core.c:iio_write_channel_info() calls it
 * from a sysfs store with no device lock; it takes the client's lock by
 * guard(device), as drivers/cxl/pci.c:cxl_reset_done().
 */
static int iiox_write_raw(struct iio_dev *indio_dev,
			  struct iio_chan_spec const *chan,
			  int val, int val2, long mask)
{
	struct iiox_data *data = iio_priv(indio_dev);

	if (mask != IIO_CHAN_INFO_SAMP_FREQ)
		return -EINVAL;

	guard(device)(data->dev);
	return iiox_regs_set_odr(data->dev, val); /* EXPECT-NONE: device-lock-required */
}

const struct iio_info iiox_info = {
	.read_raw = iiox_read_raw,
	.write_raw = iiox_write_raw,
};

/*
 * The triggered buffer's bottom half: industrialio-trigger.c:
 * iio_trigger_attach_poll_func() requests it as the threaded handler of the
 * poll function's irq, so it runs in an IRQ thread with no device lock.
 * Shaped on bmi160_core.c:bmi160_trigger_handler().
 */
irqreturn_t iiox_trigger_handler(int irq, void *p)
{
	struct iio_poll_func *pf = p;
	struct iio_dev *indio_dev = pf->indio_dev;
	struct iiox_data *data = iio_priv(indio_dev);
	int val;

	if (iiox_read_sample(data, &val) < 0) {
		iiox_regs_fifo_drain(data->dev); /* EXPECT: device-lock-required */
		schedule_work(&data->rebind_work);
		goto done;
	}
	data->scan.accel = val;
	iio_push_to_buffers_with_timestamp(indio_dev, &data->scan, pf->timestamp);
done:
	iio_trigger_notify_done(indio_dev->trig);
	return IRQ_HANDLED;
}

/*
 * The data-ready interrupt's thread (devm_request_threaded_irq() in probe;
 * kernel/irq/manage.c:irq_thread(), no device lock), draining the FIFO only
 * when it gets the device lock, as drivers/pci/pci.c:pci_dev_trylock()'s
 * callers do.
 */
irqreturn_t iiox_drdy_thread(int irq, void *p)
{
	struct iio_dev *indio_dev = p;
	struct iiox_data *data = iio_priv(indio_dev);

	if (!device_trylock(data->dev))
		return IRQ_HANDLED;
	iiox_regs_fifo_drain(data->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(data->dev);
	return IRQ_HANDLED;
}
