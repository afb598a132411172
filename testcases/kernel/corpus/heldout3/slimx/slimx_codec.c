// SPDX-License-Identifier: GPL-2.0
/*
 * slimx codec: a driver on the slimx bus.  Shape: drivers/mfd/wcd934x.c
 * (a slim_driver with probe/remove) and sound/soc/codecs/wsa881x.c
 * (runtime PM of a bus codec), calling the bus helpers of slimx_bus.c.
 */
#include <linux/module.h>
#include <linux/of.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include "slimx.h"

struct slimx_codec {
	struct slimx_device *sdev;
	struct timer_list poll_timer;
};

/*
 * A timer callback: softirq context, no device lock (and none can be
 * taken).  Shape: sound/soc/codecs/rt5645.c:rt5645_btn_check_callback()
 * (a button-poll timer), with drivers/slimbus/core.c:slim_report_absent()
 * as the call.
 */
static void slimx_codec_poll(struct timer_list *t)
{
	struct slimx_codec *codec = from_timer(codec, t, poll_timer);

	slimx_mark_absent_locked(codec->sdev); /* EXPECT: device-lock-required */
}

/*
 * slimx_driver.probe: called from slimx_drv_probe(), the bus_type.probe
 * that really_probe() calls under device_lock(&sdev->dev).  Shape:
 * drivers/mfd/wcd934x.c:wcd934x_slim_probe() via slim_device_probe().
 */
static int slimx_codec_probe(struct slimx_device *sdev)
{
	struct device *dev = &sdev->dev;
	struct slimx_codec *codec;

	codec = devm_kzalloc(dev, sizeof(*codec), GFP_KERNEL);
	if (!codec)
		return -ENOMEM;
	codec->sdev = sdev;
	timer_setup(&codec->poll_timer, slimx_codec_poll, 0);
	dev_set_drvdata(dev, codec);

	slimx_mark_absent_locked(sdev); /* EXPECT-NONE: device-lock-required */
	if (slimx_set_laddr(to_slimx_device(dev), sdev->ctrl->next_laddr)) /* EXPECT-NONE: device-lock-required */
		return -EBUSY;
	mod_timer(&codec->poll_timer, jiffies + HZ);
	return 0;
}

/* slimx_driver.remove: from slimx_drv_remove(), under the device lock. */
static void slimx_codec_remove(struct slimx_device *sdev)
{
	struct slimx_codec *codec = dev_get_drvdata(&sdev->dev);

	timer_delete_sync(&codec->poll_timer);
	slimx_mark_absent_locked(sdev); /* EXPECT-NONE: device-lock-required */
}

/*
 * slimx_driver.shutdown: from slimx_drv_shutdown(), the bus_type
 * .shutdown that device_shutdown() calls after device_lock(dev): locking
 * again is a self-deadlock.  Shape: drivers/soundwire/bus_type.c:
 * sdw_drv_shutdown() -> a driver's shutdown.
 */
static void slimx_codec_shutdown(struct slimx_device *sdev)
{
	struct slimx_codec *codec = dev_get_drvdata(&sdev->dev);

	timer_delete_sync(&codec->poll_timer);
	device_lock(&sdev->dev); /* EXPECT: lock-imbalance */
	slimx_mark_absent_locked(sdev);
	device_unlock(&sdev->dev);
}

/*
 * device_driver.coredump: drivers/base/dd.c:coredump_store() calls it
 * between device_lock(dev) and device_unlock(dev).  Shape: drivers/net/
 * wireless/marvell/mwifiex/sdio.c:mwifiex_sdio_coredump().
 */
static void slimx_codec_coredump(struct device *dev)
{
	slimx_report_present(to_slimx_device(dev)); /* EXPECT-NONE: device-lock-required */
}

/*
 * System sleep .suspend runs under device_lock(dev)
 * (drivers/base/power/main.c:device_suspend() locks the device, then
 * dpm_run_callback() with the driver's dev_pm_ops when the bus has none);
 * runtime PM callbacks do not (drivers/base/power/runtime.c:rpm_callback()
 * holds only the power.lock spinlock, dropped around the call).  Shape:
 * sound/soc/codecs/wsa881x.c:wsa881x_runtime_suspend().
 */
static int slimx_codec_suspend(struct device *dev)
{
	slimx_mark_absent_locked(to_slimx_device(dev)); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int slimx_codec_runtime_suspend(struct device *dev)
{
	struct slimx_device *sdev = to_slimx_device(dev);

	slimx_mark_absent_locked(sdev); /* EXPECT: device-lock-required */
	return 0;
}

static const struct dev_pm_ops slimx_codec_pm = {
	SYSTEM_SLEEP_PM_OPS(slimx_codec_suspend, NULL)
	RUNTIME_PM_OPS(slimx_codec_runtime_suspend, NULL, NULL)
};

static const struct of_device_id slimx_codec_of_match[] = {
	{ .compatible = "heldout3,slimx-codec" },
	{ }
};
MODULE_DEVICE_TABLE(of, slimx_codec_of_match);

static struct slimx_driver slimx_codec_driver = {
	.probe = slimx_codec_probe,
	.remove = slimx_codec_remove,
	.shutdown = slimx_codec_shutdown,
	.driver = {
		.name = "slimx-codec",
		.of_match_table = slimx_codec_of_match,
		.coredump = slimx_codec_coredump,
		.pm = pm_ptr(&slimx_codec_pm),
	},
};

int slimx_codec_init(void)
{
	return slimx_driver_register(&slimx_codec_driver);
}

void slimx_codec_exit(void)
{
	slimx_driver_unregister(&slimx_codec_driver);
}
