// SPDX-License-Identifier: GPL-2.0
/*
 * hidx hub: the hid_driver.  probe/remove run as hid-core.c:
 * hid_device_probe()/hid_device_remove(), the hid bus callbacks, with
 * device_lock(&hdev->dev) held by the driver core; raw_event and the HID
 * suspend/resume/reset_resume hooks run without it.
 *
 * Shapes: drivers/hid/hid-sensor-hub.c:sensor_hub_probe(),
 * sensor_hub_raw_event(), sensor_hub_suspend(), sensor_hub_resume(),
 * sensor_hub_reset_resume().
 */
#include <linux/device.h>
#include <linux/hid.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "hidx.h"

int hidx_hub_register_cell(struct hidx_hub *hub, struct hidx_cell *cell)
{
	unsigned long flags;
	unsigned int i;
	int ret = -ENOSPC;

	mutex_lock(&hub->cfg_lock);
	spin_lock_irqsave(&hub->cell_lock, flags);
	for (i = 0; i < HIDX_MAX_CELLS; i++) {
		if (!hub->cells[i]) {
			hub->cells[i] = cell;
			ret = 0;
			break;
		}
	}
	spin_unlock_irqrestore(&hub->cell_lock, flags);
	mutex_unlock(&hub->cfg_lock);

	return ret;
}

void hidx_hub_unregister_cell(struct hidx_hub *hub, struct hidx_cell *cell)
{
	unsigned long flags;
	unsigned int i;

	mutex_lock(&hub->cfg_lock);
	spin_lock_irqsave(&hub->cell_lock, flags);
	for (i = 0; i < HIDX_MAX_CELLS; i++)
		if (hub->cells[i] == cell)
			hub->cells[i] = NULL;
	spin_unlock_irqrestore(&hub->cell_lock, flags);
	mutex_unlock(&hub->cfg_lock);
}

/*
 * A devm action on the hub's HID device.  hid-core.c:hid_device_remove()
 * releases the HID devres group (and __hid_device_probe() does on a
 * failed probe), both under device_lock(&hdev->dev) held by
 * dd.c:__device_release_driver() or really_probe().  That is the hub's
 * lock: the cells are devices of their own, and none of their locks is
 * held here.
 */
static void hidx_hub_release_cells(void *data)
{
	struct hidx_hub *hub = data;

	while (hub->npdevs) {
		struct platform_device *pdev = hub->pdevs[--hub->npdevs];
		struct hidx_cell *cell = platform_get_drvdata(pdev);

		/* stop a streaming cell before its device goes away */
		if (cell)
			hidx_cell_stop_locked(cell); /* EXPECT: device-lock-required */

		platform_device_unregister(pdev);
	}
}

static int hidx_hub_add_cells(struct hidx_hub *hub)
{
	static const u32 usages[] = { 0x200073, 0x200076, 0x200083 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(usages); i++) {
		struct hidx_cell_pdata pdata = {
			.hub	= hub,
			.usage	= usages[i],
		};
		struct platform_device_info info = {
			.parent		= &hub->hdev->dev,
			.name		= "hidx-cell",
			.id		= PLATFORM_DEVID_AUTO,
			.data		= &pdata,
			.size_data	= sizeof(pdata),
		};
		struct platform_device *pdev;

		pdev = platform_device_register_full(&info);
		if (IS_ERR(pdev))
			return PTR_ERR(pdev);

		hub->pdevs[hub->npdevs++] = pdev;
	}

	return 0;
}

static int hidx_probe(struct hid_device *hdev, const struct hid_device_id *id)
{
	struct hidx_hub *hub;
	int ret;

	hub = devm_kzalloc(&hdev->dev, sizeof(*hub), GFP_KERNEL);
	if (!hub)
		return -ENOMEM;

	hub->buf = devm_kzalloc(&hdev->dev, HID_MIN_BUFFER_SIZE, GFP_KERNEL);
	if (!hub->buf)
		return -ENOMEM;

	hub->hdev = hdev;
	mutex_init(&hub->cfg_lock);
	spin_lock_init(&hub->cell_lock);
	INIT_WORK(&hub->event_work, hidx_event_work);
	hid_set_drvdata(hdev, hub);

	ret = hid_parse(hdev);
	if (ret)
		return ret;

	ret = hid_hw_start(hdev, HID_CONNECT_DEFAULT);
	if (ret)
		return ret;

	ret = hid_hw_open(hdev);
	if (ret)
		goto err_stop;

	/*
	 * hid_device_probe() is the hid bus probe: dd.c:really_probe() calls
	 * it with device_lock(&hdev->dev) held.
	 */
	ret = hidx_hub_set_rate(hub, HIDX_DEFAULT_RATE); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto err_close;

	ret = devm_add_action_or_reset(&hdev->dev, hidx_hub_release_cells, hub);
	if (ret)
		goto err_close;

	ret = hidx_hub_add_cells(hub);
	if (ret)
		goto err_close;

	ret = devm_device_add_group(&hdev->dev, &hidx_hub_group);
	if (ret)
		goto err_close;

	return 0;

err_close:
	hid_hw_close(hdev);
err_stop:
	hid_hw_stop(hdev);
	return ret;
}

static void hidx_remove(struct hid_device *hdev)
{
	struct hidx_hub *hub = hid_get_drvdata(hdev);

	cancel_work_sync(&hub->event_work);

	/*
	 * Turn the sensors off.  hid_device_remove() runs under
	 * device_lock(&hdev->dev) (dd.c:__device_release_driver()).
	 */
	hub->rate = 0;
	hidx_hub_commit_locked(hub); /* EXPECT-NONE: device-lock-required */

	hid_hw_close(hdev);
	hid_hw_stop(hdev);
}

/*
 * hid-core.c:__hid_input_report() calls ->raw_event holding only the
 * driver_input_lock semaphore (down_trylock()); usbhid calls it from the
 * URB completion and i2c-hid from its IRQ thread.  No device lock.
 */
static int hidx_raw_event(struct hid_device *hdev, struct hid_report *report,
			  u8 *data, int size)
{
	struct hidx_hub *hub = hid_get_drvdata(hdev);
	unsigned long flags;
	unsigned int i;

	if (size < 2)
		return 0;

	switch (report->id) {
	case HIDX_REPORT_SAMPLE:
		spin_lock_irqsave(&hub->cell_lock, flags);
		for (i = 0; i < HIDX_MAX_CELLS; i++) {
			struct hidx_cell *cell = hub->cells[i];

			if (cell && cell->usage == data[1] && cell->ops->capture_sample)
				cell->ops->capture_sample(cell, data + 2, size - 2);
		}
		spin_unlock_irqrestore(&hub->cell_lock, flags);
		break;
	case HIDX_REPORT_STATUS:
		/* the FIFO overflowed: flush it before the next sample */
		if (data[1] & HIDX_STATUS_OVERFLOW)
			hidx_hub_reset_fifo(hub); /* EXPECT: device-lock-required */
		if (data[1] & HIDX_STATUS_RECONFIG) {
			hub->pending = data[1];
			schedule_work(&hub->event_work);
		}
		break;
	}

	return 0;
}

/*
 * hid-core.c:hid_driver_suspend()/hid_driver_resume(), called by
 * usbhid/hid-core.c:hid_suspend()/hid_resume() (USB interface PM, run by
 * usb_suspend_both()/usb_resume_both() under the usb_device's lock) and by
 * i2c-hid-core.c:i2c_hid_core_suspend() from the I2C client's dev_pm_ops
 * (device_suspend() holds the client's lock).  The HID device's lock and
 * the cells' locks are not held.  Shape: sensor_hub_suspend().
 */
static int hidx_suspend(struct hid_device *hdev, pm_message_t message)
{
	struct hidx_hub *hub = hid_get_drvdata(hdev);
	unsigned int i;

	mutex_lock(&hub->cfg_lock);
	for (i = 0; i < HIDX_MAX_CELLS; i++) {
		struct hidx_cell *cell = hub->cells[i];

		if (cell && cell->ops->suspend)
			cell->ops->suspend(cell);
	}
	mutex_unlock(&hub->cfg_lock);

	return 0;
}

/*
 * hid-core.c:hid_driver_resume(), from usbhid/hid-core.c:hid_resume_common()
 * or surface_hid_core.c: no HID device lock, so it is taken here with
 * guard(device), as cxl/pci.c:cxl_reset_done().  Shape: sensor_hub_resume().
 */
static int hidx_resume(struct hid_device *hdev)
{
	struct hidx_hub *hub = hid_get_drvdata(hdev);
	unsigned int i;
	int ret;

	/* the hub forgets its rate in suspend: commit it under the lock */
	guard(device)(&hdev->dev);

	ret = hidx_hub_commit_locked(hub); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	mutex_lock(&hub->cfg_lock);
	for (i = 0; i < HIDX_MAX_CELLS; i++) {
		struct hidx_cell *cell = hub->cells[i];

		if (cell && cell->ops->resume)
			cell->ops->resume(cell);
	}
	mutex_unlock(&hub->cfg_lock);

	return 0;
}

/*
 * hid-core.c:hid_driver_reset_resume(), from usbhid/hid-core.c:
 * hid_reset_resume() (usb_resume_interface() under the usb_device's lock)
 * or i2c-hid-core.c:i2c_hid_core_resume(): the HID device's lock is not
 * held.  The device was reset and lost its configuration.
 */
static int hidx_reset_resume(struct hid_device *hdev)
{
	struct hidx_hub *hub = hid_get_drvdata(hdev);

	return hidx_hub_commit_locked(hub); /* EXPECT: device-lock-required */
}

static const struct hid_device_id hidx_ids[] = {
	{ HID_DEVICE(HID_BUS_ANY, HID_GROUP_SENSOR_HUB, 0x04d8, 0xf2a1) },
	{ }
};
MODULE_DEVICE_TABLE(hid, hidx_ids);

static struct hid_driver hidx_driver = {
	.name		= "hidx-hub",
	.id_table	= hidx_ids,
	.probe		= hidx_probe,
	.remove		= hidx_remove,
	.raw_event	= hidx_raw_event,
	.suspend	= pm_ptr(hidx_suspend),
	.resume		= pm_ptr(hidx_resume),
	.reset_resume	= pm_ptr(hidx_reset_resume),
};

static int __init hidx_init(void)
{
	int ret;

	ret = platform_driver_register(&hidx_cell_driver);
	if (ret)
		return ret;

	ret = hid_register_driver(&hidx_driver);
	if (ret)
		platform_driver_unregister(&hidx_cell_driver);

	return ret;
}
module_init(hidx_init);

static void __exit hidx_exit(void)
{
	hid_unregister_driver(&hidx_driver);
	platform_driver_unregister(&hidx_cell_driver);
}
module_exit(hidx_exit);

MODULE_DESCRIPTION("hidx HID sensor hub (iommu-lockcheck corpus)");
MODULE_LICENSE("GPL");
