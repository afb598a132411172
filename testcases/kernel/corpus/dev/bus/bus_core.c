// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_bus core: bus callbacks in the shape of drivers/cdx/cdx.c
 * (cdx_dma_configure(), cdx_probe(), cdx_remove()), device creation in
 * the shape of vchiq_device_register()
 * (drivers/staging/vc04_services/interface/vchiq_arm/vchiq_bus.c), and
 * bus attributes that find a device by name (cdx's rescan_store()).
 */
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include "bus.h"

/* Callers hold device_lock(dev): the bus core asserts it. */
void cbus_apply(struct device *dev)
{
	device_lock_assert(dev);
	to_cbus_device(dev)->state++;
}

static int cbus_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

/* The bus's own dma_configure: called by really_probe() under the lock. */
static int cbus_dma_configure(struct device *dev)
{
	struct cbus_device *cdev = to_cbus_device(dev);
	u32 input_id = cdev->id;

	return of_dma_configure_id(dev, dev->parent->of_node, true, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

static int cbus_probe(struct device *dev)
{
	const struct cbus_driver *drv = to_cbus_driver(dev->driver);

	cbus_apply(dev); /* EXPECT-NONE: device-lock-required */
	return drv->probe ? drv->probe(to_cbus_device(dev)) : 0;
}

static void cbus_remove(struct device *dev)
{
	const struct cbus_driver *drv = to_cbus_driver(dev->driver);

	if (drv->remove)
		drv->remove(to_cbus_device(dev));
	cbus_apply(dev); /* EXPECT-NONE: device-lock-required */
}

/* sysfs bus attributes run with no device lock held. */
static ssize_t rescan_store(const struct bus_type *bus, const char *buf, size_t count)
{
	struct device *dev = bus_find_device_by_name(bus, NULL, buf);

	if (!dev)
		return -ENODEV;
	cbus_apply(dev); /* EXPECT: device-lock-required */
	put_device(dev);
	return count;
}
static BUS_ATTR_WO(rescan);

static ssize_t reset_store(const struct bus_type *bus, const char *buf, size_t count)
{
	struct device *dev = bus_find_device_by_name(bus, NULL, buf);

	if (!dev)
		return -ENODEV;
	device_lock(dev);
	cbus_apply(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	put_device(dev);
	return count;
}
static BUS_ATTR_WO(reset);

static struct attribute *cbus_bus_attrs[] = {
	&bus_attr_rescan.attr,
	&bus_attr_reset.attr,
	NULL,
};
ATTRIBUTE_GROUPS(cbus_bus);

const struct bus_type cbus_type = {
	.name = "corpus-cbus",
	.match = cbus_match,
	.probe = cbus_probe,
	.remove = cbus_remove,
	.dma_configure = cbus_dma_configure,
	.bus_groups = cbus_bus_groups,
};

static void cbus_device_release(struct device *dev)
{
	kfree(to_cbus_device(dev));
}

static struct cbus_device *cbus_device_alloc(struct device *parent, u32 id)
{
	struct cbus_device *cdev = kzalloc(sizeof(*cdev), GFP_KERNEL);

	if (!cdev)
		return NULL;
	cdev->id = id;
	cdev->dev.parent = parent;
	cdev->dev.bus = &cbus_type;
	cdev->dev.dma_mask = &cdev->dev.coherent_dma_mask;
	cdev->dev.release = cbus_device_release;
	device_initialize(&cdev->dev);
	if (dev_set_name(&cdev->dev, "cbus%u", id)) {
		put_device(&cdev->dev);
		return NULL;
	}
	return cdev;
}

struct cbus_device *cbus_device_register(struct device *parent, u32 id)
{
	struct cbus_device *cdev = cbus_device_alloc(parent, id);

	if (!cdev)
		return NULL;
	of_dma_configure(&cdev->dev, parent->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (device_add(&cdev->dev)) {
		put_device(&cdev->dev);
		return NULL;
	}
	return cdev;
}
EXPORT_SYMBOL_GPL(cbus_device_register);

/* The lock is dropped before device_add(), whose probe takes it. */
struct cbus_device *cbus_device_register_guarded(struct device *parent, u32 id)
{
	struct cbus_device *cdev = cbus_device_alloc(parent, id);
	int ret;

	if (!cdev)
		return NULL;
	scoped_guard(device, &cdev->dev)
		ret = of_dma_configure(&cdev->dev, parent->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	if (ret || device_add(&cdev->dev)) {
		put_device(&cdev->dev);
		return NULL;
	}
	return cdev;
}
EXPORT_SYMBOL_GPL(cbus_device_register_guarded);

static int __init cbus_init(void)
{
	int ret = bus_register(&cbus_type);

	if (ret)
		return ret;
	ret = cbus_lock_init();
	if (ret)
		bus_unregister(&cbus_type);
	return ret;
}
module_init(cbus_init);

static void __exit cbus_exit(void)
{
	cbus_lock_exit();
	bus_unregister(&cbus_type);
}
module_exit(cbus_exit);

MODULE_DESCRIPTION("iommu-lockcheck corpus: bus_type shapes");
MODULE_LICENSE("GPL");
