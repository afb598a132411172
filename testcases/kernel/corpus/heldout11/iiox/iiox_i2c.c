// SPDX-License-Identifier: GPL-2.0
/*
 * iiox_i2c.c - the iiox I2C driver: probe, remove, system sleep and the
 * FIFO DMA companions.  Probe is shaped on drivers/iio/imu/bmi160/
 * bmi160_i2c.c:bmi160_i2c_probe() and bmi160_core.c:bmi160_core_probe();
 * the companions on drivers/gpu/drm/msm/adreno/a6xx_gmu.c:
 * a6xx_gmu_wrapper_init() (a device found by phandle, then configured);
 * the sensor's own device re-pointed at the FIFO's node on
 * drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe().
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/iio/iio.h>
#include <linux/iio/trigger_consumer.h>
#include <linux/iio/triggered_buffer.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include "iiox.h"

/*
 * Companions found by phandle (a6xx_gmu.c:a6xx_gmu_wrapper_init()):
 * devices of another driver.  Reached only from iiox_probe(), which holds
 * the I2C client's lock, not the companions'.
 */
static int iiox_bind_companions(struct iiox_data *data)
{
	struct device_node *np = data->dev->of_node;
	struct device_node *cnp;
	int ret;

	cnp = of_parse_phandle(np, "corpus,fifo-dma", 0);
	if (!cnp)
		return 0;
	data->fifo = of_find_device_by_node(cnp);
	if (!data->fifo) {
		of_node_put(cnp);
		return -EPROBE_DEFER;
	}
	/* a6xx_gmu_wrapper_init(): configured without the companion's lock */
	ret = of_dma_configure(&data->fifo->dev, cnp, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required @iioxcmp */
	of_node_put(cnp);
	if (ret)
		return ret;

	cnp = of_parse_phandle(np, "corpus,fifo-dma", 1);
	if (!cnp)
		return 0;
	data->fifo_aux = of_find_device_by_node(cnp);
	if (!data->fifo_aux) {
		of_node_put(cnp);
		return -EPROBE_DEFER;
	}
	/* the same found device, configured under its own lock */
	device_lock(&data->fifo_aux->dev);
	ret = of_dma_configure(&data->fifo_aux->dev, cnp, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(&data->fifo_aux->dev);
	of_node_put(cnp);
	return ret;
}

/*
 * Re-point the sensor's own device at the FIFO's node, from the rebind
 * work only (process_one_work(): no device lock).  data->dev is the
 * device probe kept.
 */
static void iiox_follow_fifo(struct iiox_data *data)
{
	int ret;

	ret = of_dma_configure(data->dev, data->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required @iioxrp */
	if (ret)
		dev_warn(data->dev, "DMA reconfiguration failed: %d\n", ret);
}

/*
 * Work item: kernel/workqueue.c:process_one_work() runs it with no device
 * lock.  Queued by iiox_trigger_handler() when a FIFO read fails.
 */
static void iiox_rebind_work(struct work_struct *work)
{
	struct iiox_data *data = container_of(work, struct iiox_data, rebind_work);

	iiox_follow_fifo(data); /* EXPECT: device-lock-required @iioxrp */
}

static void iiox_put_companions(void *arg)
{
	struct iiox_data *data = arg;

	cancel_work_sync(&data->rebind_work);
	if (data->fifo_aux)
		put_device(&data->fifo_aux->dev);
	if (data->fifo)
		put_device(&data->fifo->dev);
	of_node_put(data->dma_np);
}

/*
 * i2c_driver.probe: drivers/i2c/i2c-core-base.c:i2c_device_probe() is
 * i2c_bus_type.probe, which drivers/base/dd.c:really_probe() calls under
 * device_lock(&client->dev).
 */
static int iiox_probe(struct i2c_client *client)
{
	struct device *dev = &client->dev;
	struct iio_dev *indio_dev;
	struct iiox_data *data;
	int ret;

	indio_dev = devm_iio_device_alloc(dev, sizeof(*data));
	if (!indio_dev)
		return -ENOMEM;

	data = iio_priv(indio_dev);
	data->dev = dev;
	data->client = client;
	mutex_init(&data->lock);
	INIT_WORK(&data->rebind_work, iiox_rebind_work);
	i2c_set_clientdata(client, indio_dev);

	ret = devm_add_action_or_reset(dev, iiox_put_companions, data);
	if (ret)
		return ret;

	ret = iiox_bind_companions(data); /* EXPECT: device-lock-required @iioxcmp */
	if (ret)
		return ret;

	/* etnaviv_pdev_probe(): the probed device follows another node */
	data->dma_np = of_parse_phandle(dev->of_node, "corpus,fifo-dma", 0);
	if (data->dma_np) {
		ret = of_dma_configure(dev, data->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}

	ret = iiox_regs_power_locked(dev, true); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	ret = iiox_regs_set_odr(dev, 100); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	indio_dev->name = "iiox";
	indio_dev->info = &iiox_info;
	indio_dev->channels = iiox_channels;
	indio_dev->num_channels = iiox_num_channels;
	indio_dev->modes = INDIO_DIRECT_MODE;

	ret = devm_iio_triggered_buffer_setup(dev, indio_dev,
					      iio_pollfunc_store_time,
					      iiox_trigger_handler, NULL);
	if (ret)
		return ret;

	if (client->irq > 0) {
		ret = devm_request_threaded_irq(dev, client->irq, NULL,
						iiox_drdy_thread, IRQF_ONESHOT,
						"iiox-drdy", indio_dev);
		if (ret)
			return ret;
	}

	return devm_iio_device_register(dev, indio_dev);
}

/*
 * i2c_driver.remove: i2c_device_remove() is i2c_bus_type.remove, called
 * by drivers/base/dd.c:device_remove() from __device_release_driver()
 * under device_lock(&client->dev).
 */
static void iiox_remove(struct i2c_client *client)
{
	iiox_regs_fifo_drain(&client->dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * System sleep .suspend: drivers/base/power/main.c:device_suspend() runs
 * it (i2c_bus_type has no pm ops: the driver's) under device_lock(dev).
 */
static int iiox_suspend(struct device *dev)
{
	iiox_regs_fifo_drain(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/* System sleep .resume: main.c:device_resume() runs it under device_lock(dev). */
static int iiox_resume(struct device *dev)
{
	return iiox_regs_power_locked(dev, true); /* EXPECT-NONE: device-lock-required */
}

/*
 * .suspend_noirq: main.c:device_suspend_noirq() runs it through
 * dpm_run_callback() with no device lock.
 */
static int iiox_suspend_noirq(struct device *dev)
{
	return iiox_regs_power_locked(dev, false); /* EXPECT: device-lock-required */
}

static const struct dev_pm_ops iiox_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(iiox_suspend, iiox_resume)
	NOIRQ_SYSTEM_SLEEP_PM_OPS(iiox_suspend_noirq, NULL)
};

static const struct of_device_id iiox_of_match[] = {
	{ .compatible = "corpus,iiox" },
	{ }
};
MODULE_DEVICE_TABLE(of, iiox_of_match);

static const struct i2c_device_id iiox_id[] = {
	{ "iiox" },
	{ }
};
MODULE_DEVICE_TABLE(i2c, iiox_id);

static struct i2c_driver iiox_driver = {
	.driver = {
		.name = "iiox",
		.of_match_table = iiox_of_match,
		.pm = pm_sleep_ptr(&iiox_pm_ops),
	},
	.probe = iiox_probe,
	.remove = iiox_remove,
	.id_table = iiox_id,
};
module_i2c_driver(iiox_driver);

MODULE_DESCRIPTION("iommu-lockcheck corpus: IIO I2C sensor");
MODULE_LICENSE("GPL");
