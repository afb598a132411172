// The driver core's bus notifier events as drivers/base/dd.c and core.c
// (6.12) send them: dd.c's under the device lock that its callers take
// (__device_driver_lock(), a kernel-doc contract, static functions called
// only from those), core.c's device_add() and device_del() without it.
#include <linux/device.h>

int bus_for_each_drv(const struct bus_type *bus, struct device_driver *start,
		     void *data, int (*fn)(struct device_driver *, void *));

static void __device_driver_lock(struct device *dev, struct device *parent)
{
	if (parent)
		device_lock(parent);
	device_lock(dev);
}

static void __device_driver_unlock(struct device *dev, struct device *parent)
{
	device_unlock(dev);
	if (parent)
		device_unlock(parent);
}

static void driver_bound(struct device *dev)
{
	bus_notify(dev, BUS_NOTIFY_BOUND_DRIVER);
}

static int driver_sysfs_add(struct device *dev)
{
	bus_notify(dev, BUS_NOTIFY_BIND_DRIVER);
	return 0;
}

/**
 * device_bind_driver - bind a driver to one device.
 * @dev: device.
 *
 * Allow manual attachment of a driver to a device.
 *
 * This function must be called with the device lock held.
 */
int device_bind_driver(struct device *dev)
{
	int ret;

	ret = driver_sysfs_add(dev);
	if (!ret)
		driver_bound(dev);
	else
		bus_notify(dev, BUS_NOTIFY_DRIVER_NOT_BOUND);
	return ret;
}

static int really_probe(struct device *dev, struct device_driver *drv)
{
	int ret = driver_sysfs_add(dev);

	if (!ret && drv->probe)
		ret = drv->probe(dev);
	if (ret) {
		bus_notify(dev, BUS_NOTIFY_DRIVER_NOT_BOUND);
		return ret;
	}
	driver_bound(dev);
	return 0;
}

static int really_probe_debug(struct device *dev, struct device_driver *drv)
{
	return really_probe(dev, drv);
}

static int __driver_probe_device(struct device_driver *drv, struct device *dev)
{
	if (dev->platform_data)
		return really_probe_debug(dev, drv);
	return really_probe(dev, drv);
}

/**
 * driver_probe_device - attempt to bind device & driver together
 * @drv: driver to bind a device to
 * @dev: device to try to bind to the driver
 *
 * This function must be called with @dev lock held.  When called for a
 * USB interface, @dev->parent lock must be held as well.
 */
static int driver_probe_device(struct device_driver *drv, struct device *dev)
{
	return __driver_probe_device(drv, dev);
}

static int __device_attach_driver(struct device_driver *drv, void *data)
{
	struct device *dev = data;

	return driver_probe_device(drv, dev);
}

int device_attach(struct device *dev)
{
	int ret;

	device_lock(dev);
	ret = bus_for_each_drv(dev->bus, NULL, dev, __device_attach_driver);
	device_unlock(dev);
	return ret;
}

int device_driver_attach(struct device_driver *drv, struct device *dev)
{
	int ret;

	__device_driver_lock(dev, dev->parent);
	ret = __driver_probe_device(drv, dev);
	__device_driver_unlock(dev, dev->parent);
	return ret;
}

static void __device_release_driver(struct device *dev, struct device *parent)
{
	bus_notify(dev, BUS_NOTIFY_UNBIND_DRIVER);
	bus_notify(dev, BUS_NOTIFY_UNBOUND_DRIVER);
}

void device_release_driver_internal(struct device *dev,
				    struct device_driver *drv,
				    struct device *parent)
{
	__device_driver_lock(dev, parent);
	if (!drv || drv == dev->driver)
		__device_release_driver(dev, parent);
	__device_driver_unlock(dev, parent);
}

/* core.c */
int device_add(struct device *dev)
{
	bus_notify(dev, BUS_NOTIFY_ADD_DEVICE);
	return 0;
}

void device_del(struct device *dev)
{
	bus_notify(dev, BUS_NOTIFY_DEL_DEVICE);
	bus_notify(dev, BUS_NOTIFY_REMOVED_DEVICE);
}
