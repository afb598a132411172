// SPDX-License-Identifier: GPL-2.0-only
/*
 * ssamx: SSAM client driver.  probe/remove are called by ssam_bus_probe()/
 * ssam_bus_remove() (drivers/platform/surface/aggregator/bus.c) from the
 * driver core with device_lock(&sdev->dev) held.  The event notifier runs
 * from the controller's event work queue, sysfs callbacks from the VFS,
 * both without it.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>

#include "ssamx.h"

#define SSAMX_EVENT_CID_CONNECTION	0x0c
#define SSAMX_CONNECT_DELAY		msecs_to_jiffies(2500)

/* ---- event notifier and work ------------------------------------------- */

static u32 ssamx_notif(struct ssam_event_notifier *nf, const struct ssam_event *event)
{
	struct ssamx *sx = container_of(nf, struct ssamx, notif);
	struct ssam_device *sdev = sx->sdev;
	struct device *ctrl_dev = ssam_controller_device(sdev->ctrl);

	if (event->command_id != SSAMX_EVENT_CID_CONNECTION || event->length < 1)
		return 0;

	sx->connected = event->data[0];

	ssamx_refresh_children(sdev); /* EXPECT: device-lock-required */

	/* The EC controller device belongs to the SSAM core driver. */
	if (ctrl_dev)
		of_dma_configure(ctrl_dev, sdev->dev.of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required */

	schedule_delayed_work(&sx->update_work, sx->connected ? SSAMX_CONNECT_DELAY : 0);
	schedule_work(&sx->ctrl_work);

	return SSAM_NOTIF_HANDLED;
}

static void ssamx_ctrl_workfn(struct work_struct *work)
{
	struct ssamx *sx = container_of(work, struct ssamx, ctrl_work);
	struct ssam_device *sdev = sx->sdev;
	struct device *ctrl_dev = ssam_controller_device(sdev->ctrl);

	if (!ctrl_dev)
		return;

	if (device_lock_interruptible(ctrl_dev))
		return;
	of_dma_configure(ctrl_dev, sdev->dev.of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
	device_unlock(ctrl_dev);

	if (ssamx_hub_lock(sx))
		return;
	ssamx_refresh_children(sdev); /* EXPECT-NONE: device-lock-required */
	ssamx_hub_unlock(sx);
}

/* ---- sysfs (driver dev_groups) ----------------------------------------- */

static ssize_t rescan_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct ssam_device *sdev = to_ssam_device(dev);
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		goto out;

	ssamx_refresh_children(sdev); /* EXPECT-NONE: device-lock-required */
out:
	device_unlock(dev); /* EXPECT: lock-imbalance */

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(rescan);

static ssize_t refresh_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct ssam_device *sdev = to_ssam_device(dev);
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	ssamx_refresh_children(sdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */

	return count;
}
static DEVICE_ATTR_WO(refresh);

static ssize_t connected_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	struct ssamx *sx = dev_get_drvdata(dev);
	bool connected;
	int ret;

	ret = ssamx_hub_state(sx, &connected);
	if (ret)
		return ret;

	return sysfs_emit(buf, "%d\n", connected);
}
static DEVICE_ATTR_RO(connected);

static ssize_t hub_flags_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	struct ssamx *sx = dev_get_drvdata(dev);
	unsigned long flags;
	int ret;

	ret = ssamx_hub_flags(sx, &flags);
	if (ret)
		return ret;

	return sysfs_emit(buf, "%#lx\n", flags);
}
static DEVICE_ATTR_RO(hub_flags);

static struct attribute *ssamx_attrs[] = {
	&dev_attr_rescan.attr,
	&dev_attr_refresh.attr,
	&dev_attr_connected.attr,
	&dev_attr_hub_flags.attr,
	NULL,
};
ATTRIBUTE_GROUPS(ssamx);

/* ---- ssam_device_driver ------------------------------------------------- */

static int ssamx_probe(struct ssam_device *sdev)
{
	struct device *d = &sdev->dev;
	struct ssamx *sx;
	int ret;

	sx = devm_kzalloc(d, sizeof(*sx), GFP_KERNEL);
	if (!sx)
		return -ENOMEM;

	sx->sdev = sdev;
	INIT_DELAYED_WORK(&sx->update_work, ssamx_update_workfn);
	INIT_WORK(&sx->ctrl_work, ssamx_ctrl_workfn);
	ssam_device_set_drvdata(sdev, sx);

	ret = acpi_dma_configure(d, device_get_dma_attr(d->parent)); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	ssamx_refresh_children(sdev); /* EXPECT-NONE: device-lock-required */

	ret = ssamx_fn_add(sx);
	if (ret)
		return ret;

	sx->notif.base.priority = INT_MAX;
	sx->notif.base.fn = ssamx_notif;
	sx->notif.event.reg = SSAM_EVENT_REGISTRY_SAM;
	sx->notif.event.id.target_category = SSAM_SSH_TC_BAS;
	sx->notif.event.id.instance = 0;
	sx->notif.event.mask = SSAM_EVENT_MASK_NONE;
	sx->notif.event.flags = SSAM_EVENT_SEQUENCED;

	ret = ssam_device_notifier_register(sdev, &sx->notif);
	if (ret) {
		ssamx_fn_remove(sx);
		return ret;
	}

	schedule_delayed_work(&sx->update_work, 0);
	return 0;
}

static void ssamx_remove(struct ssam_device *sdev)
{
	struct ssamx *sx = ssam_device_get_drvdata(sdev);

	ssam_device_notifier_unregister(sdev, &sx->notif);
	cancel_delayed_work_sync(&sx->update_work);
	cancel_work_sync(&sx->ctrl_work);

	ssamx_child_remove(sx);
	ssamx_fn_remove(sx);
}

static const struct ssam_device_id ssamx_match[] = {
	{ SSAM_SDEV(BAS, SAM, 0x00, 0x00) },
	{ },
};
MODULE_DEVICE_TABLE(ssam, ssamx_match);

static struct ssam_device_driver ssamx_driver = {
	.probe = ssamx_probe,
	.remove = ssamx_remove,
	.match_table = ssamx_match,
	.driver = {
		.name = "ssamx",
		.dev_groups = ssamx_groups,
		.probe_type = PROBE_PREFER_ASYNCHRONOUS,
	},
};

static int __init ssamx_init(void)
{
	int ret;

	ret = ssamx_fn_bus_register();
	if (ret)
		return ret;

	ret = ssam_device_driver_register(&ssamx_driver);
	if (ret)
		ssamx_fn_bus_unregister();

	return ret;
}
module_init(ssamx_init);

static void __exit ssamx_exit(void)
{
	ssam_device_driver_unregister(&ssamx_driver);
	ssamx_fn_bus_unregister();
}
module_exit(ssamx_exit);

MODULE_DESCRIPTION("heldout14: SSAM hub client with function bus");
MODULE_LICENSE("GPL");
