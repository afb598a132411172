// SPDX-License-Identifier: GPL-2.0
/*
 * cdxq core: the bus_type, its probe/remove, the device reset helper and
 * the reset/flr sysfs attributes (drivers/cdx/cdx.c, 6.12).
 */
#include <linux/module.h>
#include <linux/kstrtox.h>
#include <linux/sysfs.h>
#include "cdxq.h"

/**
 * cdxq_dev_reset() - reset a cdxq device
 * @dev: the device
 *
 * drivers/cdx/cdx.c:cdx_dev_reset(): calls the bound driver's
 * reset_prepare/reset_done around the controller's reset, so dev->driver
 * must not change under it.
 *
 * Context: Process context. Caller holds the device lock of @dev.
 */
int cdxq_dev_reset(struct device *dev)
{
	struct cdxq_dev *cdev = to_cdxq_dev(dev);
	const struct cdxq_driver *drv = dev->driver ? to_cdxq_driver(dev->driver) : NULL;
	int ret;

	device_lock_assert(dev);
	if (drv && drv->reset_prepare)
		drv->reset_prepare(cdev);
	ret = cdev->ctrl->ops->reset(cdev->ctrl, cdev->dev_num);
	if (drv && drv->reset_done)
		drv->reset_done(cdev);
	return ret;
}

static int cdxq_bus_match(struct device *dev, const struct device_driver *drv)
{
	return !to_cdxq_dev(dev)->is_bus;
}

/* drivers/cdx/cdx.c:cdx_probe(): bus_type.probe, under device_lock. */
static int cdxq_probe(struct device *dev)
{
	const struct cdxq_driver *drv = to_cdxq_driver(dev->driver);

	return drv->probe(to_cdxq_dev(dev));
}

static void cdxq_remove(struct device *dev)
{
	const struct cdxq_driver *drv = to_cdxq_driver(dev->driver);

	if (drv->remove)
		drv->remove(to_cdxq_dev(dev));
}

/*
 * device_for_each_child() callback of reset_store() below for a bus
 * device: cdx.c's reset_cdx_device() with the child's lock taken, as
 * drivers/pci/pci.c:pci_bus_lock() locks each child before resetting.
 */
static int cdxq_reset_child(struct device *child, void *data)
{
	guard(device)(child);
	return cdxq_dev_reset(child); /* EXPECT-NONE: device-lock-required */
}

/*
 * drivers/cdx/cdx.c:reset_store(): a device attribute's ->store holds no
 * device lock; a plain device is reset directly, without it.
 */
static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct cdxq_dev *cdev = to_cdxq_dev(dev);
	bool val;
	int ret;

	if (kstrtobool(buf, &val) < 0 || !val)
		return -EINVAL;

	if (cdev->is_bus)
		ret = device_for_each_child(dev, NULL, cdxq_reset_child);
	else
		ret = cdxq_dev_reset(dev); /* EXPECT: device-lock-required */
	return ret < 0 ? ret : count;
}
static DEVICE_ATTR_WO(reset);

/* The twin of the direct call: scoped_guard(device, dev) around it. */
static ssize_t flr_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	bool val;
	int ret = -ENODEV;

	if (kstrtobool(buf, &val) < 0 || !val)
		return -EINVAL;

	scoped_guard(device, dev)
		ret = cdxq_dev_reset(dev); /* EXPECT-NONE: device-lock-required */
	return ret < 0 ? ret : count;
}
static DEVICE_ATTR_WO(flr);

static struct attribute *cdxq_dev_attrs[] = {
	&dev_attr_reset.attr,
	&dev_attr_flr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(cdxq_dev);

const struct bus_type cdxq_bus_type = {
	.name = "cdxq",
	.match = cdxq_bus_match,
	.probe = cdxq_probe,
	.remove = cdxq_remove,
	.dma_configure = cdxq_dma_configure,
	.dma_cleanup = cdxq_dma_cleanup,
	.dev_groups = cdxq_dev_groups,
};

static int __init cdxq_init(void)
{
	int ret;

	ret = bus_register(&cdxq_bus_type);
	if (ret)
		return ret;
	ret = cdxq_ctrl_init();
	if (ret)
		goto err_bus;
	ret = cdxq_drv_init();
	if (ret)
		goto err_ctrl;
	return 0;

err_ctrl:
	cdxq_ctrl_exit();
err_bus:
	bus_unregister(&cdxq_bus_type);
	return ret;
}

static void __exit cdxq_exit(void)
{
	cdxq_drv_exit();
	cdxq_ctrl_exit();
	bus_unregister(&cdxq_bus_type);
}

module_init(cdxq_init);
module_exit(cdxq_exit);
MODULE_DESCRIPTION("held-out corpus: cdx/fsl-mc-like bus");
MODULE_LICENSE("GPL");
