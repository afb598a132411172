// SPDX-License-Identifier: GPL-2.0-only
/*
 * gbx - Greybus streaming bundle driver
 *
 * One CPort per bundle carries events from the module; the stream itself
 * is a child function device on the gbx bus.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/greybus.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "gbx.h"

#define GBX_BUNDLE_CLASS	0xfe

static struct device *gbx_dma_host(struct gb_bundle *bundle)
{
	return bundle->intf->hd->dev.parent;
}

/* ---- incoming requests, run from the connection's workqueue ---- */

static int gbx_request_handler(struct gb_operation *op)
{
	struct gb_connection *connection = op->connection;
	struct gbx_dev *gdev = gb_connection_get_data(connection);
	struct gb_bundle *bundle = connection->bundle;
	int ret;

	switch (op->type) {
	case GBX_TYPE_EVENT:
		return gbx_bundle_sync_locked(bundle);	/* EXPECT: device-lock-required */
	case GBX_TYPE_RESYNC:
		if (!gbx_bundle_trylock_bound(bundle)) {
			schedule_work(&gdev->event_work);
			return 0;
		}
		ret = gbx_bundle_sync_locked(bundle);	/* EXPECT-NONE: device-lock-required */
		device_unlock(&bundle->dev);
		return ret;
	case GBX_TYPE_REMAP:
		schedule_work(&gdev->intf_bind_work);
		return 0;
	case GBX_TYPE_REMAP_EARLY:
		schedule_work(&gdev->intf_work);
		return 0;
	default:
		return -EINVAL;
	}
}

/* ---- host CPort pinning ---- */

static int gbx_bundle_pin_cport(struct gbx_dev *gdev)
{
	struct gb_host_device *hd;
	int ret;

	hd = gbx_hd_lock(gdev->bundle);
	if (!hd)
		return -ENODEV;

	ret = gbx_hd_cport_setup_locked(hd, gdev->connection->hd_cport_id, true);
	if (ret)
		return ret;			/* EXPECT: lock-imbalance */

	device_unlock(&hd->dev);
	return 0;
}

static void gbx_bundle_unpin_cport(struct gbx_dev *gdev)
{
	struct gb_host_device *hd;

	hd = gbx_hd_lock(gdev->bundle);
	if (!hd)
		return;

	gbx_hd_cport_setup_locked(hd, gdev->connection->hd_cport_id, false);	/* EXPECT-NONE: device-lock-required */
	device_unlock(&hd->dev);		/* EXPECT-NONE: lock-imbalance */
}

/* ---- deferred work ---- */

/* Never waits on the bundle: disconnect holds its lock and cancels us. */
static void gbx_event_work(struct work_struct *work)
{
	struct gbx_dev *gdev = container_of(work, struct gbx_dev, event_work);
	struct gb_bundle *bundle = gdev->bundle;

	if (!gbx_bundle_trylock_bound(bundle))
		return;

	gbx_bundle_sync_locked(bundle);		/* EXPECT-NONE: device-lock-required */
	device_unlock(&bundle->dev);
}

/* Interface devices are locked by nobody while their bundles run. */
static void gbx_intf_work(struct work_struct *work)
{
	struct gbx_dev *gdev = container_of(work, struct gbx_dev, intf_work);
	struct gb_interface *intf = gdev->bundle->intf;
	struct device *host = gbx_dma_host(gdev->bundle);
	int ret;

	ret = of_dma_configure(&intf->dev, host->of_node, true);	/* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required */
	if (ret)
		dev_warn(&intf->dev, "DMA remap failed: %d\n", ret);
}

static void gbx_intf_bind_work(struct work_struct *work)
{
	struct gbx_dev *gdev = container_of(work, struct gbx_dev,
					    intf_bind_work);
	struct gb_interface *intf = gdev->bundle->intf;
	struct device *host = gbx_dma_host(gdev->bundle);
	int ret = 0;

	scoped_guard(device, &intf->dev)
		ret = of_dma_configure(&intf->dev, host->of_node, true);	/* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
	if (ret)
		dev_warn(&intf->dev, "DMA remap failed: %d\n", ret);
}

/* ---- sysfs on the bundle ---- */

static ssize_t stream_start_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	struct gbx_dev *gdev = greybus_get_drvdata(to_gb_bundle(dev));
	bool val;
	int ret;

	if (kstrtobool(buf, &val) || !val)
		return -EINVAL;

	ret = gbx_fn_activate(gdev->fn);	/* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(stream_start);

static ssize_t stream_restart_store(struct device *dev,
				    struct device_attribute *attr,
				    const char *buf, size_t count)
{
	struct gbx_dev *gdev = greybus_get_drvdata(to_gb_bundle(dev));
	bool val;
	int ret = 0;

	if (kstrtobool(buf, &val) || !val)
		return -EINVAL;

	scoped_guard(device, &gdev->fn->dev) {
		gbx_fn_set_active_locked(gdev->fn, false);
		ret = gbx_fn_activate(gdev->fn);	/* EXPECT-NONE: device-lock-required */
	}

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(stream_restart);

static ssize_t resync_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct gb_bundle *bundle = to_gb_bundle(dev);
	int ret;

	device_lock(dev);			/* EXPECT-NONE: lock-imbalance */
	ret = gbx_bundle_sync_locked(bundle);
	device_unlock(dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(resync);

static ssize_t remap_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct gb_bundle *bundle = to_gb_bundle(dev);
	struct device *host = gbx_dma_host(bundle);
	bool val;
	int ret;

	if (kstrtobool(buf, &val) || !val)
		return -EINVAL;

	ret = of_dma_configure(dev, host->of_node, true);	/* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(remap);

static struct attribute *gbx_bundle_attrs[] = {
	&dev_attr_stream_start.attr,
	&dev_attr_stream_restart.attr,
	&dev_attr_resync.attr,
	&dev_attr_remap.attr,
	NULL
};

static const struct attribute_group gbx_bundle_group = {
	.attrs = gbx_bundle_attrs,
};

/* ---- greybus driver ---- */

static int gbx_probe(struct gb_bundle *bundle,
		     const struct greybus_bundle_id *id)
{
	struct greybus_descriptor_cport *cport_desc;
	struct gb_connection *connection;
	struct device *host = gbx_dma_host(bundle);
	struct gbx_dev *gdev;
	int ret;

	if (bundle->num_cports != 1)
		return -ENODEV;

	cport_desc = &bundle->cport_desc[0];

	gdev = kzalloc(sizeof(*gdev), GFP_KERNEL);
	if (!gdev)
		return -ENOMEM;

	gdev->bundle = bundle;
	INIT_WORK(&gdev->event_work, gbx_event_work);
	INIT_WORK(&gdev->intf_work, gbx_intf_work);
	INIT_WORK(&gdev->intf_bind_work, gbx_intf_bind_work);

	connection = gb_connection_create(bundle, le16_to_cpu(cport_desc->id),
					  gbx_request_handler);
	if (IS_ERR(connection)) {
		ret = PTR_ERR(connection);
		goto err_free;
	}
	gb_connection_set_data(connection, gdev);
	gdev->connection = connection;
	greybus_set_drvdata(bundle, gdev);

	ret = gbx_bundle_sync_locked(bundle);	/* EXPECT-NONE: device-lock-required */
	if (ret)
		goto err_destroy;

	/* Bundles have no node of their own; use the host controller's. */
	if (dev_of_node(host)) {
		ret = of_dma_configure(&bundle->dev, host->of_node, true);	/* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
		if (ret)
			goto err_destroy;
	}

	ret = gb_connection_enable(connection);
	if (ret)
		goto err_destroy;

	ret = gbx_bundle_pin_cport(gdev);
	if (ret)
		goto err_disable;

	gdev->fn = gbx_fn_create(gdev);
	if (IS_ERR(gdev->fn)) {
		ret = PTR_ERR(gdev->fn);
		goto err_unpin;
	}

	ret = sysfs_create_group(&bundle->dev.kobj, &gbx_bundle_group);
	if (ret)
		goto err_fn;

	gb_pm_runtime_put_autosuspend(bundle);
	return 0;

err_fn:
	gbx_fn_destroy(gdev->fn);
err_unpin:
	gbx_bundle_unpin_cport(gdev);
err_disable:
	gb_connection_disable(connection);
err_destroy:
	gb_connection_destroy(connection);
err_free:
	kfree(gdev);
	return ret;
}

static void gbx_disconnect(struct gb_bundle *bundle)
{
	struct gbx_dev *gdev = greybus_get_drvdata(bundle);
	int ret;

	ret = gb_pm_runtime_get_sync(bundle);
	if (ret)
		gb_pm_runtime_get_noresume(bundle);

	sysfs_remove_group(&bundle->dev.kobj, &gbx_bundle_group);
	gbx_fn_destroy(gdev->fn);
	gbx_bundle_unpin_cport(gdev);
	gb_connection_disable(gdev->connection);
	cancel_work_sync(&gdev->intf_work);
	cancel_work_sync(&gdev->intf_bind_work);

	/* greybus_remove() runs under the bundle's device lock */
	device_lock(&bundle->dev);		/* EXPECT: lock-imbalance */
	gbx_bundle_sync_locked(bundle);
	device_unlock(&bundle->dev);

	cancel_work_sync(&gdev->event_work);
	gb_connection_destroy(gdev->connection);
	kfree(gdev);
}

static const struct greybus_bundle_id gbx_id_table[] = {
	{ GREYBUS_DEVICE_CLASS(GBX_BUNDLE_CLASS) },
	{ }
};
MODULE_DEVICE_TABLE(greybus, gbx_id_table);

static struct greybus_driver gbx_driver = {
	.name		= "gbx",
	.probe		= gbx_probe,
	.disconnect	= gbx_disconnect,
	.id_table	= gbx_id_table,
};

static int __init gbx_init(void)
{
	int ret;

	ret = gbx_bus_init();
	if (ret)
		return ret;

	ret = platform_driver_register(&gbx_host_driver);
	if (ret)
		goto err_bus;

	ret = greybus_register(&gbx_driver);
	if (ret)
		goto err_host;

	return 0;

err_host:
	platform_driver_unregister(&gbx_host_driver);
err_bus:
	gbx_bus_exit();
	return ret;
}
module_init(gbx_init);

static void __exit gbx_exit(void)
{
	greybus_deregister(&gbx_driver);
	platform_driver_unregister(&gbx_host_driver);
	gbx_bus_exit();
}
module_exit(gbx_exit);

MODULE_DESCRIPTION("Greybus streaming bundle driver with host controller");
MODULE_LICENSE("GPL");
