// SPDX-License-Identifier: GPL-2.0-only
/*
 * ntbx client bus.
 *
 * Mirrors drivers/ntb/ntb_transport.c:ntb_transport_bus (match/probe/remove,
 * ntb_transport_register_client_dev(), ntb_transport_register_client()),
 * with a dma_configure callback shaped like drivers/cdx/cdx.c:
 * cdx_dma_configure() (of_dma_configure_id() with a requester ID) and
 * drivers/pci/pci-driver.c:pci_dma_configure() (ACPI fallback from the
 * host bridge).
 *
 * What the core holds around each callback in 6.12:
 *  - bus_type.dma_configure, .probe, .remove: drivers/base/dd.c:
 *    __driver_attach()/__device_attach() hold device_lock(dev) around
 *    really_probe(), which calls dev->bus->dma_configure() and then
 *    call_driver_probe() -> dev->bus->probe(); device_release_driver_internal()
 *    holds it around __device_release_driver() -> device_remove() ->
 *    dev->bus->remove().
 *  - ntbx_register_client_dev(): exported, called by protocol modules from
 *    their module_init; no device lock of the new devices is held there.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pci.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "ntbx.h"

static LIST_HEAD(ntbx_ctx_list);
static DEFINE_MUTEX(ntbx_ctx_mutex);

static int ntbx_bus_match(struct device *dev, const struct device_driver *drv)
{
	return !strncmp(dev_name(dev), drv->name, strlen(drv->name));
}

/*
 * bus_type.dma_configure: called by dd.c:really_probe() with
 * device_lock(dev) held, before ntbx_bus_probe().  The client DMAs through
 * the NTB window, so it inherits the host bridge's translation with its
 * own requester ID, as cdx_dma_configure() does.
 */
static int ntbx_bus_dma_configure(struct device *dev)
{
	struct ntbx_client_dev *cdev = dev_to_ntbx_client(dev);
	struct pci_host_bridge *bridge;
	struct device_node *np;
	int ret = 0;

	bridge = pci_find_host_bridge(cdev->nt->ndev->pdev->bus);
	np = bridge->dev.parent ? bridge->dev.parent->of_node : NULL;

	if (IS_ENABLED(CONFIG_OF) && np) {
		ret = of_dma_configure_id(dev, np, true, &cdev->req_id); /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */
	} else if (has_acpi_companion(&bridge->dev)) {
		ret = acpi_dma_configure_id(dev, device_get_dma_attr(&bridge->dev), /* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */
					    &cdev->req_id);
	}

	if (ret && ret != -EPROBE_DEFER)
		dev_err(dev, "dma configure failed: %d\n", ret);

	return ret;
}

/* bus_type.probe: dd.c holds device_lock(dev) (see the header comment). */
static int ntbx_bus_probe(struct device *dev)
{
	const struct ntbx_client_driver *drv = drv_to_ntbx_client(dev->driver);
	struct ntbx_client_dev *cdev = dev_to_ntbx_client(dev);
	int rc;

	get_device(dev);

	ntbx_client_reset(dev); /* EXPECT-NONE: device-lock-required */

	rc = drv->probe(cdev);
	if (rc)
		put_device(dev);

	return rc;
}

/* bus_type.remove: dd.c holds device_lock(dev). */
static void ntbx_bus_remove(struct device *dev)
{
	const struct ntbx_client_driver *drv = drv_to_ntbx_client(dev->driver);

	drv->remove(dev_to_ntbx_client(dev));
	put_device(dev);
}

static const struct bus_type ntbx_bus = {
	.name		= "ntbx",
	.match		= ntbx_bus_match,
	.probe		= ntbx_bus_probe,
	.remove		= ntbx_bus_remove,
	.dma_configure	= ntbx_bus_dma_configure,
};

void ntbx_bus_add_ctx(struct ntbx_ctx *nt)
{
	INIT_LIST_HEAD(&nt->client_devs);
	mutex_lock(&ntbx_ctx_mutex);
	list_add_tail(&nt->entry, &ntbx_ctx_list);
	mutex_unlock(&ntbx_ctx_mutex);
}

/* ntb_transport.c:ntb_bus_remove() */
void ntbx_bus_remove_ctx(struct ntbx_ctx *nt)
{
	struct ntbx_client_dev *cdev, *tmp;

	mutex_lock(&ntbx_ctx_mutex);
	list_for_each_entry_safe(cdev, tmp, &nt->client_devs, entry) {
		dev_err(cdev->dev.parent, "%s still attached to bus, removing\n",
			dev_name(&cdev->dev));
		list_del(&cdev->entry);
		device_unregister(&cdev->dev);
	}
	list_del(&nt->entry);
	mutex_unlock(&ntbx_ctx_mutex);
}

static void ntbx_client_release(struct device *dev)
{
	kfree(dev_to_ntbx_client(dev));
}

void ntbx_unregister_client_dev(const char *name)
{
	struct ntbx_client_dev *cdev, *tmp;
	struct ntbx_ctx *nt;

	mutex_lock(&ntbx_ctx_mutex);
	list_for_each_entry(nt, &ntbx_ctx_list, entry)
		list_for_each_entry_safe(cdev, tmp, &nt->client_devs, entry)
			if (!strncmp(dev_name(&cdev->dev), name, strlen(name))) {
				list_del(&cdev->entry);
				device_unregister(&cdev->dev);
			}
	mutex_unlock(&ntbx_ctx_mutex);
}
EXPORT_SYMBOL_GPL(ntbx_unregister_client_dev);

/*
 * ntb_transport.c:ntb_transport_register_client_dev().  Called by protocol
 * modules; holds no device lock.  Once device_register() returns, a client
 * driver may already be bound to the new device, and the state reset below
 * races with its probe.
 */
int ntbx_register_client_dev(const char *name)
{
	struct ntbx_client_dev *cdev;
	struct ntbx_ctx *nt;
	int rc = -ENODEV, i = 0;

	mutex_lock(&ntbx_ctx_mutex);
	list_for_each_entry(nt, &ntbx_ctx_list, entry) {
		struct device *dev;

		cdev = kzalloc_node(sizeof(*cdev), GFP_KERNEL,
				    dev_to_node(&nt->ndev->dev));
		if (!cdev) {
			rc = -ENOMEM;
			goto err;
		}

		cdev->nt = nt;
		cdev->req_id = pci_dev_id(nt->ndev->pdev);
		dev = &cdev->dev;
		dev_set_name(dev, "%s%d", name, i);
		dev->bus = &ntbx_bus;
		dev->release = ntbx_client_release;
		dev->parent = &nt->ndev->dev;

		rc = device_register(dev);
		if (rc) {
			put_device(dev);
			goto err;
		}

		ntbx_client_reset(dev); /* EXPECT: device-lock-required */
		list_add_tail(&cdev->entry, &nt->client_devs);
		i++;
	}
	mutex_unlock(&ntbx_ctx_mutex);
	return i ? 0 : rc;

err:
	mutex_unlock(&ntbx_ctx_mutex);
	ntbx_unregister_client_dev(name);
	return rc;
}
EXPORT_SYMBOL_GPL(ntbx_register_client_dev);

int ntbx_register_client_driver(struct ntbx_client_driver *drv)
{
	drv->driver.bus = &ntbx_bus;
	return driver_register(&drv->driver);
}
EXPORT_SYMBOL_GPL(ntbx_register_client_driver);

void ntbx_unregister_client_driver(struct ntbx_client_driver *drv)
{
	driver_unregister(&drv->driver);
}
EXPORT_SYMBOL_GPL(ntbx_unregister_client_driver);

int ntbx_bus_init(void)
{
	return bus_register(&ntbx_bus);
}

void ntbx_bus_exit(void)
{
	bus_unregister(&ntbx_bus);
}
