// SPDX-License-Identifier: GPL-2.0
/*
 * hidx sensor cell: a platform driver for the devices the hub creates.
 * Its callbacks are called by the hub (hidx_hub.c) from raw_event and
 * from the hub's HID suspend/resume; its own system-sleep dev_pm_ops run
 * under its device lock.
 *
 * Shapes: drivers/iio/accel/hid-sensor-accel-3d.c (probe registering hub
 * callbacks), drivers/iio/common/hid-sensors/hid-sensor-trigger.c
 * (DEFINE_SIMPLE_DEV_PM_OPS-style system sleep).
 */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "hidx.h"

/*
 * Stop the cell's sample stream.  The name is the contract: the caller
 * holds the cell's device lock, so that the stream state cannot change
 * under a concurrent remove().
 */
int hidx_cell_stop_locked(struct hidx_cell *cell)
{
	if (!cell->streaming)
		return 0;

	cell->streaming = false;
	dev_dbg(&cell->pdev->dev, "stopped after %u samples\n", cell->samples);
	return 0;
}

/* From hidx_raw_event(), under the hub's cell_lock spinlock. */
static void hidx_cell_capture(struct hidx_cell *cell, const u8 *data, int len)
{
	if (!cell->streaming)
		return;

	memcpy(cell->last, data, min_t(int, len, sizeof(cell->last)));
	cell->samples++;
}

/*
 * From hidx_suspend(), the hub's hid_driver.suspend (hid-sensor-hub.c:
 * sensor_hub_suspend() calling its callbacks->suspend): see there.
 * Neither the hub's HID device lock nor this cell's device lock is held.
 */
static int hidx_cell_hub_suspend(struct hidx_cell *cell)
{
	cell->want_stream = cell->streaming;
	return hidx_cell_stop_locked(cell); /* EXPECT: device-lock-required */
}

static int hidx_cell_hub_resume(struct hidx_cell *cell)
{
	cell->streaming = cell->want_stream;
	return 0;
}

static const struct hidx_cell_ops hidx_cell_ops = {
	.capture_sample	= hidx_cell_capture,
	.suspend	= hidx_cell_hub_suspend,
	.resume		= hidx_cell_hub_resume,
};

static int hidx_cell_probe(struct platform_device *pdev)
{
	struct hidx_cell_pdata *pdata = dev_get_platdata(&pdev->dev);
	struct hidx_cell *cell;

	if (!pdata || !pdata->hub)
		return -ENODEV;

	cell = devm_kzalloc(&pdev->dev, sizeof(*cell), GFP_KERNEL);
	if (!cell)
		return -ENOMEM;

	cell->pdev = pdev;
	cell->hub = pdata->hub;
	cell->usage = pdata->usage;
	cell->ops = &hidx_cell_ops;
	cell->streaming = true;
	platform_set_drvdata(pdev, cell);

	return hidx_hub_register_cell(cell->hub, cell);
}

static void hidx_cell_remove(struct platform_device *pdev)
{
	struct hidx_cell *cell = platform_get_drvdata(pdev);

	hidx_hub_unregister_cell(cell->hub, cell);

	/* platform_remove() from dd.c:__device_release_driver(), locked */
	hidx_cell_stop_locked(cell); /* EXPECT-NONE: device-lock-required */
}

/*
 * System sleep: platform_pm_suspend() from power/main.c:device_suspend(),
 * which holds device_lock(dev).
 */
static int hidx_cell_suspend(struct device *dev)
{
	struct hidx_cell *cell = dev_get_drvdata(dev);

	cell->want_stream = cell->streaming;
	return hidx_cell_stop_locked(cell); /* EXPECT-NONE: device-lock-required */
}

static int hidx_cell_resume(struct device *dev)
{
	struct hidx_cell *cell = dev_get_drvdata(dev);

	cell->streaming = cell->want_stream;
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(hidx_cell_pm_ops, hidx_cell_suspend,
				hidx_cell_resume);

struct platform_driver hidx_cell_driver = {
	.probe	= hidx_cell_probe,
	.remove	= hidx_cell_remove,
	.driver	= {
		.name	= "hidx-cell",
		.pm	= pm_sleep_ptr(&hidx_cell_pm_ops),
	},
};
