// SPDX-License-Identifier: GPL-2.0-only
/*
 * tbx: Thunderbolt service driver.  probe/remove/shutdown are reached via
 * tb_service_probe()/_remove()/_shutdown() (drivers/thunderbolt/domain.c,
 * the tb_bus_type callbacks) with device_lock(&svc->dev) held.  The
 * protocol handler, the work items and debugfs run without it.
 */
#include <linux/acpi.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/thunderbolt.h>
#include <linux/uuid.h>
#include <linux/workqueue.h>

#include "tbx.h"

static const uuid_t tbx_proto_uuid =
	UUID_INIT(0x4e1a2f57, 0x1c3b, 0x4d5e, 0x9a, 0x7b, 0x31, 0x6c, 0x2e, 0x8d, 0x5f, 0x04);

/* ---- protocol handler and work items ------------------------------------ */

static int tbx_handle_packet(const void *buf, size_t size, void *data)
{
	struct tbx *tbx = data;

	if (size < sizeof(u32))
		return 0;

	schedule_work(&tbx->connected_work);
	return 1;
}

static void tbx_connected_work(struct work_struct *work)
{
	struct tbx *tbx = container_of(work, struct tbx, connected_work);
	struct tb_service *svc = tbx->svc;
	struct tb_xdomain *xd = tbx->xd;
	u32 hop = svc->id;

	tbx_update_paths(svc); /* EXPECT: device-lock-required */

	/* The XDomain is the service's parent, owned by the thunderbolt core. */
	if (acpi_dma_configure_id(&xd->dev, DEV_DMA_COHERENT, &hop)) /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required */
		dev_warn(&svc->dev, "XDomain DMA setup failed\n");

	if (tbx->ep && tbx_ep_rebind(tbx->ep)) /* EXPECT: device-lock-required */
		dev_warn(&svc->dev, "endpoint rebind failed\n");
}

static void tbx_login_work(struct work_struct *work)
{
	struct tbx *tbx = container_of(work, struct tbx, login_work);
	struct tb_xdomain *xd = tbx->xd;
	struct tb_service *svc;
	u32 hop = tbx->svc->id;

	svc = tbx_lookup_and_lock(xd, tbx->svc->key);
	if (!svc)
		return;

	tbx_update_paths(svc); /* EXPECT-NONE: device-lock-required */
	if (tbx_ring_setup_locked(svc))
		dev_warn(&svc->dev, "ring setup failed\n");
	device_unlock(&svc->dev);
	put_device(&svc->dev);

	device_lock(&xd->dev);
	if (acpi_dma_configure_id(&xd->dev, DEV_DMA_COHERENT, &hop)) /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
		dev_warn(&xd->dev, "XDomain DMA setup failed\n");
	device_unlock(&xd->dev);

	if (tbx->ep) {
		scoped_guard(device, &tbx->ep->dev) {
			if (tbx_ep_rebind(tbx->ep)) /* EXPECT-NONE: device-lock-required */
				dev_warn(&xd->dev, "endpoint rebind failed\n");
		}
	}
}

/* ---- debugfs ------------------------------------------------------------ */

/* The failure path unlocks, then falls through to the second unlock. */
static int tbx_rings_set(void *data, u64 val)
{
	struct tb_service *svc = data;
	struct device *d = &svc->dev;
	int ret;

	device_lock(d);
	ret = tbx_ring_setup_locked(svc); /* EXPECT-NONE: device-lock-required */
	if (ret) {
		device_unlock(d);
		dev_err(d, "ring setup failed: %d\n", ret);
	}
	device_unlock(d); /* EXPECT: lock-imbalance */

	return ret;
}
DEFINE_DEBUGFS_ATTRIBUTE(tbx_rings_fops, NULL, tbx_rings_set, "%llu\n");

static int tbx_paths_set(void *data, u64 val)
{
	struct tb_service *svc = data;
	struct device *d = &svc->dev;
	int ret;

	device_lock(d);
	ret = tbx_ring_setup_locked(svc);
	if (ret) {
		device_unlock(d);
		return ret;
	}
	tbx_update_paths(svc);
	device_unlock(d); /* EXPECT-NONE: lock-imbalance */

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tbx_paths_fops, NULL, tbx_paths_set, "%llu\n");

static int tbx_bound_get(void *data, u64 *val)
{
	struct tb_service *svc = data;
	struct tb_service *found;

	found = tbx_lookup_bound(tb_service_parent(svc), svc->key);
	*val = !!found;
	if (found)
		put_device(&found->dev);

	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tbx_bound_fops, tbx_bound_get, NULL, "%llu\n");

/* ---- tb_service_driver -------------------------------------------------- */

static int tbx_probe(struct tb_service *svc, const struct tb_service_id *id)
{
	struct tb_xdomain *xd = tb_service_parent(svc);
	struct tbx *tbx;
	int ret;

	tbx = devm_kzalloc(&svc->dev, sizeof(*tbx), GFP_KERNEL);
	if (!tbx)
		return -ENOMEM;

	tbx->svc = svc;
	tbx->xd = xd;
	mutex_init(&tbx->lock);
	INIT_WORK(&tbx->login_work, tbx_login_work);
	INIT_WORK(&tbx->connected_work, tbx_connected_work);
	tb_service_set_drvdata(svc, tbx);

	ret = acpi_dma_configure(&svc->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	tbx->ep = tbx_ep_create(tbx);
	if (IS_ERR(tbx->ep))
		return PTR_ERR(tbx->ep);

	tbx->handler.uuid = &tbx_proto_uuid;
	tbx->handler.callback = tbx_handle_packet;
	tbx->handler.data = tbx;
	ret = tb_register_protocol_handler(&tbx->handler);
	if (ret) {
		tbx_ep_destroy(tbx->ep);
		return ret;
	}

	tbx->debugfs_dir = debugfs_create_dir("tbx", svc->debugfs_dir);
	debugfs_create_file("rings", 0200, tbx->debugfs_dir, svc, &tbx_rings_fops);
	debugfs_create_file("paths", 0200, tbx->debugfs_dir, svc, &tbx_paths_fops);
	debugfs_create_file("bound", 0400, tbx->debugfs_dir, svc, &tbx_bound_fops);

	schedule_work(&tbx->login_work);
	return 0;
}

static void tbx_remove(struct tb_service *svc)
{
	struct tbx *tbx = tb_service_get_drvdata(svc);

	debugfs_remove_recursive(tbx->debugfs_dir);
	tb_unregister_protocol_handler(&tbx->handler);
	cancel_work_sync(&tbx->login_work);
	cancel_work_sync(&tbx->connected_work);

	scoped_guard(device, &tbx->ep->dev) /* EXPECT-NONE: lock-imbalance */
		tbx->ep->hopid = 0;

	tbx_ep_destroy(tbx->ep);
}

static void tbx_shutdown(struct tb_service *svc)
{
	struct tbx *tbx = tb_service_get_drvdata(svc);

	guard(device)(&svc->dev); /* EXPECT: lock-imbalance */
	tbx->rings_up = false;
}

static const struct tb_service_id tbx_ids[] = {
	{ TB_SERVICE("tbx", 1) },
	{ },
};
MODULE_DEVICE_TABLE(tbsvc, tbx_ids);

static struct tb_service_driver tbx_driver = {
	.driver = {
		.owner = THIS_MODULE,
		.name = "tbx",
	},
	.probe = tbx_probe,
	.remove = tbx_remove,
	.shutdown = tbx_shutdown,
	.id_table = tbx_ids,
};

static int __init tbx_init(void)
{
	int ret;

	ret = tbx_ep_bus_register();
	if (ret)
		return ret;

	ret = tb_register_service_driver(&tbx_driver);
	if (ret)
		tbx_ep_bus_unregister();

	return ret;
}
module_init(tbx_init);

static void __exit tbx_exit(void)
{
	tb_unregister_service_driver(&tbx_driver);
	tbx_ep_bus_unregister();
}
module_exit(tbx_exit);

MODULE_DESCRIPTION("heldout14: Thunderbolt service with endpoint bus");
MODULE_LICENSE("GPL");
