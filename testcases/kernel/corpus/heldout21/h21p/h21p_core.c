// SPDX-License-Identifier: GPL-2.0
/*
 * h21p_core.c - core of a private PECI-style bus: bus type, controllers,
 * client discovery, and a firmware-described virtual controller backend.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/peci/core.c: peci_controller_alloc(), devm_peci_controller_add(),
 *	peci_controller_scan_devices(), unregister_child(),
 *	peci_bus_device_match(), peci_bus_device_probe(),
 *	peci_bus_device_remove()
 *   drivers/peci/device.c: peci_device_create() (device_initialize() +
 *	device_add() of a client the core allocates), peci_device_destroy()
 *	(peci_device_del_lock), __peci_driver_register()
 *   drivers/peci/sysfs.c: rescan_store() (bus attribute), remove_store()
 *   drivers/bcma/main.c: bcma_of_fill_device() (of_dma_configure() on a
 *	freshly allocated child, here done by the backend's ->init_device())
 *
 * Core locking facts read in 6.12 (h21p_bus_type has no .dma_configure,
 * as peci_bus_type):
 *   drivers/base/dd.c:really_probe(): bus .probe HELD for the client.
 *   drivers/base/dd.c:device_release_driver_internal(): bus .remove HELD.
 *   drivers/base/bus.c:bus_attr_store() -> rescan_store(): NOT held;
 *	bus_for_each_dev() takes no device lock.
 *   fs/sysfs/file.c:sysfs_kf_write() -> dev_attr_store(): NOT held.
 *   drivers/base/core.c:device_for_each_child(): children NOT held.
 *   drivers/base/core.c:device_initialize()/device_add(): NOT held; the
 *	lock is only taken later by bus_probe_device() -> __device_attach().
 *   kernel/workqueue.c: the scan work runs with no device lock.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>

#include "h21p.h"

static DEFINE_IDA(h21p_controller_ida);
static DEFINE_MUTEX(h21p_device_del_lock);
static struct h21p_controller *h21p_ctl0;

static const struct device_type h21p_controller_type = {
	.name	= "h21p_controller",
};

int h21p_xfer(struct h21p_device *device, u8 cmd, u32 *val)
{
	struct h21p_controller *ctl = device->controller;
	int ret;

	mutex_lock(&ctl->bus_lock);
	ret = ctl->ops->xfer(ctl, device->addr, cmd, val);
	mutex_unlock(&ctl->bus_lock);

	return ret;
}

/* ------------------------------------------------------------------ */
/* client devices                                                      */

static void h21p_device_release(struct device *dev)
{
	kfree(to_h21p_device(dev));
}

static ssize_t remove_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count);
static DEVICE_ATTR_IGNORE_LOCKDEP(remove, 0200, NULL, remove_store);

static ssize_t revision_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	bool refresh;
	int ret;

	ret = kstrtobool(buf, &refresh);
	if (ret || !refresh)
		return ret ?: count;

	/* dev_attr_store(): the client's lock is NOT held */
	ret = h21p_device_info_init_locked(dev); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(revision);

static struct attribute *h21p_device_attrs[] = {
	&dev_attr_remove.attr,
	&dev_attr_revision.attr,
	NULL
};
ATTRIBUTE_GROUPS(h21p_device);

const struct device_type h21p_device_type = {
	.name	= "h21p_device",
	.groups	= h21p_device_groups,
	.release = h21p_device_release,
};

static int h21p_dev_exists(struct device *dev, void *data)
{
	u8 *addr = data;

	return dev->type == &h21p_device_type &&
	       to_h21p_device(dev)->addr == *addr ? -EBUSY : 0;
}

static int h21p_device_create(struct h21p_controller *ctl, u8 addr)
{
	struct h21p_device *device;
	u32 dib;
	int ret;

	ret = device_for_each_child(&ctl->dev, &addr, h21p_dev_exists);
	if (ret)
		return ret == -EBUSY ? 0 : ret;

	mutex_lock(&ctl->bus_lock);
	ret = ctl->ops->xfer(ctl, addr, H21P_CMD_GET_DIB, &dib);
	mutex_unlock(&ctl->bus_lock);
	if (ret)
		return 0;	/* nobody there */

	device = kzalloc(sizeof(*device), GFP_KERNEL);
	if (!device)
		return -ENOMEM;

	device_initialize(&device->dev);
	device->controller = ctl;
	device->addr = addr;
	device->dev.parent = &ctl->dev;
	device->dev.bus = &h21p_bus_type;
	device->dev.type = &h21p_device_type;

	ret = dev_set_name(&device->dev, "%d-%02x", ctl->id, addr);
	if (ret)
		goto err_put;

	/* backend hook on the client we just allocated, lock not taken */
	if (ctl->ops->init_device) {
		ret = ctl->ops->init_device(ctl, &device->dev);
		if (ret)
			goto err_put;
	}

	ret = device_add(&device->dev);
	if (ret)
		goto err_put;

	return 0;

err_put:
	put_device(&device->dev);
	return ret;
}

static void h21p_device_destroy(struct h21p_device *device)
{
	mutex_lock(&h21p_device_del_lock);
	if (!device->deleted) {
		scoped_guard(device, &device->dev)
			h21p_device_mark_deleted(device); /* EXPECT-NONE: device-lock-required */
		device_unregister(&device->dev);
	}
	mutex_unlock(&h21p_device_del_lock);
}

static ssize_t remove_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct h21p_device *device = to_h21p_device(dev);
	bool res;
	int ret;

	ret = kstrtobool(buf, &res);
	if (ret)
		return ret;

	if (res && device_remove_file_self(dev, attr))
		h21p_device_destroy(device);

	return count;
}

/* ------------------------------------------------------------------ */
/* controllers                                                         */

static int h21p_controller_scan_devices(struct h21p_controller *ctl)
{
	int ret;
	u8 addr;

	for (addr = H21P_BASE_ADDR; addr < H21P_BASE_ADDR + H21P_MAX_CPUS; addr++) {
		ret = h21p_device_create(ctl, addr);
		if (ret)
			return ret;
	}

	return 0;
}

static void h21p_controller_scan_work(struct work_struct *work)
{
	struct h21p_controller *ctl = container_of(to_delayed_work(work),
						   struct h21p_controller,
						   scan_work);

	if (h21p_controller_scan_devices(ctl))
		dev_warn(&ctl->dev, "client scan failed\n");
}

static int h21p_refresh_child_cb(struct device *dev, void *data)
{
	if (dev->type != &h21p_device_type)
		return 0;

	/* device_for_each_child(): the child's lock is NOT held */
	return h21p_device_info_init_locked(dev); /* EXPECT: device-lock-required */
}

static int h21p_reinit_child_cb(struct device *dev, void *data)
{
	struct h21p_controller *ctl = data;
	int ret;

	if (dev->type != &h21p_device_type)
		return 0;

	device_lock(dev);
	ret = h21p_device_info_init_locked(dev); /* EXPECT-NONE: device-lock-required */
	if (!ret && ctl->ops->reinit_device)
		ret = ctl->ops->reinit_device(ctl, dev);	/* lock HELD for ->reinit_device() */
	device_unlock(dev);

	return ret;
}

/* Re-initialise all clients after a controller reset. */
int h21p_controller_reinit_devices(struct h21p_controller *ctl)
{
	return device_for_each_child(&ctl->dev, ctl, h21p_reinit_child_cb);
}

static int h21p_rescan_controller(struct device *dev, void *data)
{
	struct h21p_controller *ctl;
	int ret;

	if (dev->type != &h21p_controller_type)
		return 0;

	ctl = to_h21p_controller(dev);
	ret = device_for_each_child(dev, NULL, h21p_refresh_child_cb);
	if (ret)
		return ret;

	return h21p_controller_scan_devices(ctl);
}

static ssize_t rescan_store(const struct bus_type *bus, const char *buf,
			    size_t count)
{
	bool res;
	int ret;

	ret = kstrtobool(buf, &res);
	if (ret)
		return ret;
	if (!res)
		return count;

	ret = bus_for_each_dev(&h21p_bus_type, NULL, NULL, h21p_rescan_controller);
	return ret ? ret : count;
}
static BUS_ATTR_WO(rescan);

static struct attribute *h21p_bus_attrs[] = {
	&bus_attr_rescan.attr,
	NULL
};
ATTRIBUTE_GROUPS(h21p_bus);

static int h21p_unregister_child(struct device *dev, void *dummy)
{
	struct h21p_device *device;

	if (dev->type != &h21p_device_type)
		return 0;

	device = to_h21p_device(dev);
	mutex_lock(&h21p_device_del_lock);
	if (!device->deleted) {
		/* del_lock is a plain mutex, not the client's device lock */
		h21p_device_mark_deleted(device); /* EXPECT: device-lock-required */
		device_unregister(dev);
	}
	mutex_unlock(&h21p_device_del_lock);
	return 0;
}

/* ------------------------------------------------------------------ */
/* bus type                                                            */

static const struct h21p_device_id *
h21p_match_id(const struct h21p_device_id *id, struct h21p_device *device)
{
	u16 family = (device->info.cpu_id >> 8) & 0xf;
	u8 model = (device->info.cpu_id >> 4) & 0xf;

	for (; id && id->family; id++)
		if (id->family == family && id->model == model)
			return id;
	return NULL;
}

static int h21p_bus_match(struct device *dev, const struct device_driver *drv)
{
	const struct h21p_driver *pdrv = to_h21p_driver(drv);

	if (dev->type != &h21p_device_type)
		return 0;

	return !!h21p_match_id(pdrv->id_table, to_h21p_device(dev));
}

static int h21p_bus_probe(struct device *dev)
{
	struct h21p_device *device = to_h21p_device(dev);
	struct h21p_driver *pdrv = to_h21p_driver(dev->driver);
	int ret;

	/* really_probe(): HELD */
	if (!device->info_valid) {
		ret = h21p_device_info_init_locked(dev); /* EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}

	return pdrv->probe(device, h21p_match_id(pdrv->id_table, device));
}

static void h21p_bus_remove(struct device *dev)
{
	struct h21p_device *device = to_h21p_device(dev);
	struct h21p_driver *pdrv = to_h21p_driver(dev->driver);
	u32 dib;

	if (pdrv->remove)
		pdrv->remove(device);

	/* device_release_driver_internal(): HELD; check the CPU is still there */
	if (h21p_device_read_dib(device, &dib)) /* EXPECT-NONE: device-lock-required */
		device->info_valid = false;
}

const struct bus_type h21p_bus_type = {
	.name		= "h21p",
	.match		= h21p_bus_match,
	.probe		= h21p_bus_probe,
	.remove		= h21p_bus_remove,
	.bus_groups	= h21p_bus_groups,
};

int h21p_driver_register(struct h21p_driver *drv)
{
	drv->driver.bus = &h21p_bus_type;
	return driver_register(&drv->driver);
}

void h21p_driver_unregister(struct h21p_driver *drv)
{
	driver_unregister(&drv->driver);
}

/* ------------------------------------------------------------------ */
/* virtual controller backend (firmware-described sockets)              */

static int h21p_vctl_xfer(struct h21p_controller *ctl, u8 addr, u8 cmd, u32 *val)
{
	if (addr != H21P_BASE_ADDR)
		return -ETIMEDOUT;

	usleep_range(100, 200);
	*val = cmd == H21P_CMD_GET_DIB ? 0x0400 : 0x000606a0;
	return 0;
}

/*
 * ->init_device(): called only from h21p_device_create() on the client the
 * core just allocated, before device_add(): the client's lock is NOT held.
 */
static int h21p_vctl_init_device(struct h21p_controller *ctl, struct device *dev)
{
	struct h21p_device *device = to_h21p_device(dev);
	struct device_node *np;
	int ret;

	if (!ctl->np)
		return 0;

	np = of_get_next_available_child(ctl->np, NULL);
	if (!np)
		return 0;

	device->dev.of_node = np;
	ret = of_dma_configure(dev, np, false); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	return ret;
}

/*
 * ->reinit_device(): called only from h21p_reinit_child_cb() with the
 * client's lock HELD.
 */
static int h21p_vctl_reinit_device(struct h21p_controller *ctl, struct device *dev)
{
	if (!dev->of_node)
		return 0;

	return of_dma_configure(dev, dev->of_node, false); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
}

static const struct h21p_controller_ops h21p_vctl_ops = {
	.xfer		= h21p_vctl_xfer,
	.init_device	= h21p_vctl_init_device,
	.reinit_device	= h21p_vctl_reinit_device,
};

static void h21p_controller_release(struct device *dev)
{
	struct h21p_controller *ctl = to_h21p_controller(dev);

	of_node_put(ctl->np);
	mutex_destroy(&ctl->bus_lock);
	ida_free(&h21p_controller_ida, ctl->id);
	kfree(ctl);
}

static struct h21p_controller *h21p_controller_add(const struct h21p_controller_ops *ops)
{
	struct h21p_controller *ctl;
	int ret;

	ctl = kzalloc(sizeof(*ctl), GFP_KERNEL);
	if (!ctl)
		return ERR_PTR(-ENOMEM);

	ret = ida_alloc_max(&h21p_controller_ida, U8_MAX, GFP_KERNEL);
	if (ret < 0) {
		kfree(ctl);
		return ERR_PTR(ret);
	}
	ctl->id = ret;
	ctl->ops = ops;
	ctl->np = of_find_compatible_node(NULL, NULL, "h21p,virtual-peci");
	mutex_init(&ctl->bus_lock);
	INIT_DELAYED_WORK(&ctl->scan_work, h21p_controller_scan_work);

	device_initialize(&ctl->dev);
	ctl->dev.type = &h21p_controller_type;
	ctl->dev.bus = &h21p_bus_type;
	ctl->dev.release = h21p_controller_release;
	ret = dev_set_name(&ctl->dev, "h21p-%d", ctl->id);
	if (ret)
		goto err_put;

	ret = device_add(&ctl->dev);
	if (ret)
		goto err_put;

	schedule_delayed_work(&ctl->scan_work, 0);
	return ctl;

err_put:
	put_device(&ctl->dev);
	return ERR_PTR(ret);
}

static void h21p_controller_del(struct h21p_controller *ctl)
{
	cancel_delayed_work_sync(&ctl->scan_work);
	device_for_each_child(&ctl->dev, NULL, h21p_unregister_child);
	device_unregister(&ctl->dev);
}

static int __init h21p_init(void)
{
	struct h21p_controller *ctl;
	int ret;

	ret = bus_register(&h21p_bus_type);
	if (ret)
		return ret;

	ret = h21p_cpu_init();
	if (ret)
		goto err_bus;

	ctl = h21p_controller_add(&h21p_vctl_ops);
	if (IS_ERR(ctl)) {
		ret = PTR_ERR(ctl);
		goto err_cpu;
	}
	h21p_ctl0 = ctl;
	return 0;

err_cpu:
	h21p_cpu_exit();
err_bus:
	bus_unregister(&h21p_bus_type);
	return ret;
}
module_init(h21p_init);

static void __exit h21p_exit(void)
{
	h21p_controller_del(h21p_ctl0);
	h21p_cpu_exit();
	bus_unregister(&h21p_bus_type);
}
module_exit(h21p_exit);

MODULE_DESCRIPTION("h21p PECI-style bus and CPU client driver");
MODULE_LICENSE("GPL");
