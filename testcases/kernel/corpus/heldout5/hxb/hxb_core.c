// SPDX-License-Identifier: GPL-2.0
/*
 * hxb core: the bus, the host controller creating logical devices, client
 * registration and the helpers with a locking contract.
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "hxb.h"

static DEFINE_MUTEX(hxb_clients_lock);
static LIST_HEAD(hxb_clients);
static DEFINE_MUTEX(hxb_drivers_lock);
static LIST_HEAD(hxb_drivers);
static LIST_HEAD(hxb_devices);

/* as host1x_device_match(): the logical device is named after its driver */
static int hxb_bus_match(struct device *dev, const struct device_driver *drv)
{
	return strcmp(dev_name(dev) + strcspn(dev_name(dev), ":") + 1,
		      drv->name) == 0;
}

/* as host1x_bus_type: no .probe/.remove, no .dma_configure */
static const struct bus_type hxb_bus_type = {
	.name = "hxb",
	.match = hxb_bus_match,
};

/*
 * device_driver.probe, set by hxb_driver_register() as
 * host1x_driver_register_full() sets host1x_device_probe(): with no bus
 * probe, really_probe() -> call_driver_probe() calls drv->probe(dev) with
 * device_lock(dev) held.
 */
static int hxb_driver_probe(struct device *dev)
{
	const struct hxb_driver *drv = to_hxb_driver(dev->driver);

	return drv->probe ? drv->probe(to_hxb_device(dev)) : 0;
}

/* device_driver.remove: device_remove() under device_lock(dev) */
static int hxb_driver_remove(struct device *dev)
{
	const struct hxb_driver *drv = to_hxb_driver(dev->driver);

	return drv->remove ? drv->remove(to_hxb_device(dev)) : 0;
}

int hxb_driver_register(struct hxb_driver *drv)
{
	drv->driver.bus = &hxb_bus_type;
	drv->driver.owner = THIS_MODULE;
	drv->driver.probe = hxb_driver_probe;
	drv->driver.remove = hxb_driver_remove;

	mutex_lock(&hxb_drivers_lock);
	list_add_tail(&drv->list, &hxb_drivers);
	mutex_unlock(&hxb_drivers_lock);

	return driver_register(&drv->driver);
}

void hxb_driver_unregister(struct hxb_driver *drv)
{
	driver_unregister(&drv->driver);
	mutex_lock(&hxb_drivers_lock);
	list_del(&drv->list);
	mutex_unlock(&hxb_drivers_lock);
}

int hxb_client_register(struct hxb_client *client)
{
	mutex_lock(&hxb_clients_lock);
	list_add_tail(&client->list, &hxb_clients);
	mutex_unlock(&hxb_clients_lock);
	return 0;
}

void hxb_client_unregister(struct hxb_client *client)
{
	mutex_lock(&hxb_clients_lock);
	list_del(&client->list);
	mutex_unlock(&hxb_clients_lock);
}

/*
 * Requires the logical device's lock, asserted (drivers/cxl/core/port.c
 * style).
 */
void hxb_device_sync(struct hxb_device *hd)
{
	device_lock_assert(&hd->dev);
	hd->syncs++;
}

/**
 * hxb_device_set_active - mark a logical device (in)active
 * @hd: the logical device
 * @on: the new state
 *
 * Context: Process context.  Caller holds the device lock of @hd.
 */
void hxb_device_set_active(struct hxb_device *hd, bool on)
{
	hd->active = on;
}

/**
 * hxb_device_init - initialize the clients of a logical device
 * @hd: the logical device
 *
 * As drivers/gpu/host1x/bus.c:host1x_device_init(), called by the logical
 * driver's &hxb_driver.probe (and only there): each registered client's
 * ->init runs from here.
 *
 * Context: Process context.  Caller holds the device lock of @hd (it is
 * called from the probe of @hd).
 *
 * Return: 0 or the first client's error.
 */
int hxb_device_init(struct hxb_device *hd)
{
	struct hxb_client *client;
	int err = 0;

	mutex_lock(&hxb_clients_lock);
	list_for_each_entry(client, &hxb_clients, list) {
		client->hd = hd;
		if (client->ops && client->ops->init) {
			err = client->ops->init(client);
			if (err)
				break;
		}
	}
	mutex_unlock(&hxb_clients_lock);
	return err;
}

/**
 * hxb_device_exit - tear the clients of a logical device down
 * @hd: the logical device
 *
 * Context: Process context.  Caller holds the device lock of @hd (it is
 * called from the remove of @hd).
 *
 * Return: 0 or the last client's error.
 */
int hxb_device_exit(struct hxb_device *hd)
{
	struct hxb_client *client;
	int err = 0;

	mutex_lock(&hxb_clients_lock);
	list_for_each_entry_reverse(client, &hxb_clients, list) {
		if (client->hd == hd && client->ops && client->ops->exit)
			err = client->ops->exit(client);
		client->hd = NULL;
	}
	mutex_unlock(&hxb_clients_lock);
	return err;
}

static void hxb_device_release(struct device *dev)
{
	kfree(to_hxb_device(dev));
}

/*
 * As host1x_device_add(): the logical device is created with the host as
 * parent; device_add() probes it (its DMA set-up is left to the driver's
 * probe, hxb_drm.c).
 */
static int hxb_device_add(struct platform_device *host, struct hxb_driver *drv)
{
	struct hxb_device *hd;
	int err;

	hd = kzalloc(sizeof(*hd), GFP_KERNEL);
	if (!hd)
		return -ENOMEM;

	device_initialize(&hd->dev);
	hd->driver = drv;
	hd->dma_mask = DMA_BIT_MASK(32);
	hd->dev.dma_mask = &hd->dma_mask;
	hd->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	hd->dev.parent = &host->dev;
	hd->dev.bus = &hxb_bus_type;
	hd->dev.release = hxb_device_release;
	dev_set_name(&hd->dev, "%s:%s", dev_name(&host->dev), drv->driver.name);

	err = device_add(&hd->dev);
	if (err) {
		put_device(&hd->dev);
		return err;
	}
	list_add_tail(&hd->list, &hxb_devices);
	return 0;
}

static int hxb_host_probe(struct platform_device *pdev)
{
	struct hxb_driver *drv;
	int err = 0;

	mutex_lock(&hxb_drivers_lock);
	list_for_each_entry(drv, &hxb_drivers, list) {
		err = hxb_device_add(pdev, drv);
		if (err)
			break;
	}
	mutex_unlock(&hxb_drivers_lock);
	return err;
}

static void hxb_host_remove(struct platform_device *pdev)
{
	struct hxb_device *hd, *tmp;

	mutex_lock(&hxb_drivers_lock);
	list_for_each_entry_safe(hd, tmp, &hxb_devices, list) {
		if (hd->dev.parent != &pdev->dev)
			continue;
		list_del(&hd->list);
		device_unregister(&hd->dev);
	}
	mutex_unlock(&hxb_drivers_lock);
}

static const struct of_device_id hxb_host_of_match[] = {
	{ .compatible = "corpus,hxb-host" },
	{ }
};
MODULE_DEVICE_TABLE(of, hxb_host_of_match);

static struct platform_driver hxb_host_driver = {
	.probe = hxb_host_probe,
	.remove = hxb_host_remove,
	.driver = {
		.name = "hxb-host",
		.of_match_table = hxb_host_of_match,
	},
};

static int __init hxb_init(void)
{
	int err;

	err = bus_register(&hxb_bus_type);
	if (err)
		return err;
	err = hxb_amba_init();
	if (err)
		goto err_bus;
	err = hxb_drm_init();
	if (err)
		goto err_amba;
	err = platform_driver_register(&hxb_host_driver);
	if (err)
		goto err_drm;
	return 0;

err_drm:
	hxb_drm_exit();
err_amba:
	hxb_amba_exit();
err_bus:
	bus_unregister(&hxb_bus_type);
	return err;
}

static void __exit hxb_exit(void)
{
	platform_driver_unregister(&hxb_host_driver);
	hxb_drm_exit();
	hxb_amba_exit();
	bus_unregister(&hxb_bus_type);
}

module_init(hxb_init);
module_exit(hxb_exit);
MODULE_DESCRIPTION("corpus: host1x-like logical device bus");
MODULE_LICENSE("GPL");
