// SPDX-License-Identifier: GPL-2.0
/*
 * qbus: the bus_type, its device attributes and a client driver.  The
 * helpers called here are defined in qbus_cfg.c, each with its contract.
 */
#include <linux/acpi.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of_device.h>
#include "qbus.h"

static int qbus_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

/*
 * Shape: drivers/amba/bus.c:amba_dma_configure(): the bus's own
 * dma_configure, OF or ACPI.  drivers/base/dd.c:really_probe() calls it
 * under device_lock(dev).
 */
static int qbus_dma_configure(struct device *dev)
{
	enum dev_dma_attr attr;

	if (dev->of_node)
		return of_dma_configure(dev, dev->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	if (has_acpi_companion(dev)) {
		attr = acpi_get_dma_attr(to_acpi_device_node(dev->fwnode));
		return acpi_dma_configure(dev, attr); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	}
	return 0;
}

/*
 * Shape: drivers/net/netdevsim/bus.c:nsim_bus_probe(): the bus's probe
 * hands the device to its driver.  really_probe() runs it under
 * device_lock(dev).
 */
static int qbus_probe(struct device *dev)
{
	struct qbus_driver *drv = to_qbus_driver(dev->driver);

	qbus_dev_sync_state(dev); /* EXPECT-NONE: device-lock-required */
	return drv->probe ? drv->probe(to_qbus_device(dev)) : 0;
}

/*
 * Shape: drivers/net/netdevsim/bus.c:nsim_bus_remove();
 * drivers/base/dd.c:device_release_driver_internal() holds
 * device_lock(dev) around __device_release_driver().
 */
static void qbus_remove(struct device *dev)
{
	struct qbus_driver *drv = to_qbus_driver(dev->driver);

	if (drv->remove)
		drv->remove(to_qbus_device(dev));
	qbus_dev_set_power(to_qbus_device(dev), false); /* EXPECT-NONE: device-lock-required */
}

/*
 * Shape: drivers/amba/bus.c:amba_shutdown();
 * drivers/base/core.c:device_shutdown() calls bus_type.shutdown under
 * device_lock(dev).
 */
static void qbus_shutdown(struct device *dev)
{
	struct qbus_device *qd = container_of(dev, struct qbus_device, dev);

	if (dev->driver)
		qbus_dev_set_power(qd, false); /* EXPECT-NONE: device-lock-required */
}

/*
 * Shape: drivers/net/netdevsim/bus.c:nsim_bus_dev_numvfs_store() without
 * its device_lock(dev): a sysfs store runs with no device lock.
 */
static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct qbus_device *qd = to_qbus_device(dev);
	u32 mode;
	int ret;

	ret = kstrtou32(buf, 0, &mode);
	if (ret)
		return ret;
	ret = qbus_dev_apply_mode(qd, mode); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(mode);

/*
 * Shape: drivers/cxl/core/mbox.c:cxl_mem_sanitize(), reached from a sysfs
 * store: guard(device) for the rest of the function.
 */
static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct qbus_device *qd = to_qbus_device(dev);
	int ret;

	guard(device)(dev);
	ret = qbus_dev_reset_locked(qd); /* EXPECT-NONE: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(reset);

/*
 * Shape: drivers/cxl/core/ras.c:cxl_cor_error_detected(): scoped_guard()
 * on the device; here a second helper is called after the scope ends.
 */
static ssize_t power_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct qbus_device *qd = to_qbus_device(dev);
	bool on;
	int ret;

	ret = kstrtobool(buf, &on);
	if (ret)
		return ret;
	scoped_guard(device, dev) {
		ret = qbus_dev_set_power(qd, on); /* EXPECT-NONE: device-lock-required */
	}
	if (!ret)
		qbus_dev_sync_state(dev); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(power);

static struct attribute *qbus_dev_attrs[] = {
	&dev_attr_mode.attr,
	&dev_attr_reset.attr,
	&dev_attr_power.attr,
	NULL,
};
ATTRIBUTE_GROUPS(qbus_dev);

const struct bus_type qbus_bus_type = {
	.name		= "qbus",
	.dev_groups	= qbus_dev_groups,
	.match		= qbus_match,
	.probe		= qbus_probe,
	.remove		= qbus_remove,
	.shutdown	= qbus_shutdown,
	.dma_configure	= qbus_dma_configure,
};

/*
 * A client driver of the bus, in the shape of
 * drivers/net/netdevsim/dev.c:nsim_drv_probe()/nsim_drv_remove(): called by
 * qbus_probe()/qbus_remove() above, so under device_lock(&qd->dev).
 */
static int qbus_demo_probe(struct qbus_device *qd)
{
	return qbus_dev_apply_mode(qd, 1); /* EXPECT-NONE: device-lock-required */
}

static void qbus_demo_remove(struct qbus_device *qd)
{
	qbus_dev_reset_locked(qd); /* EXPECT-NONE: device-lock-required */
}

static struct qbus_driver qbus_demo_driver = {
	.driver = {
		.name	= "qbus-demo",
		.bus	= &qbus_bus_type,
	},
	.probe	= qbus_demo_probe,
	.remove	= qbus_demo_remove,
};

static int __init qbus_init(void)
{
	int ret;

	ret = bus_register(&qbus_bus_type);
	if (ret)
		return ret;
	ret = driver_register(&qbus_demo_driver.driver);
	if (ret)
		goto err_bus;
	ret = qbus_host_register();
	if (ret)
		goto err_drv;
	return 0;

err_drv:
	driver_unregister(&qbus_demo_driver.driver);
err_bus:
	bus_unregister(&qbus_bus_type);
	return ret;
}
module_init(qbus_init);

static void __exit qbus_exit(void)
{
	qbus_host_unregister();
	driver_unregister(&qbus_demo_driver.driver);
	bus_unregister(&qbus_bus_type);
}
module_exit(qbus_exit);

MODULE_DESCRIPTION("iommu-lockcheck held-out corpus 2: a private bus");
MODULE_LICENSE("GPL");
