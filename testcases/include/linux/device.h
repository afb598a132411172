/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DEVICE_H_
#define _DEVICE_H_

#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/err.h>
#include <linux/pm.h>

struct device;
struct device_node;
struct fwnode_handle;
struct iommu_group;
struct dev_iommu;
struct device_driver;
struct of_device_id;
struct acpi_device_id;

struct bus_type {
	const char		*name;
	const char		*dev_name;
	int (*match)(struct device *dev, const struct device_driver *drv);
	int (*uevent)(const struct device *dev, void *env);
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	void (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*online)(struct device *dev);
	int (*offline)(struct device *dev);
	int (*dma_configure)(struct device *dev);
	void (*dma_cleanup)(struct device *dev);
	const struct dev_pm_ops *pm;
	bool need_parent_lock;
};

struct attribute {
	const char *name;
	unsigned short mode;
};
struct attribute_group {
	const char *name;
	struct attribute **attrs;
};
struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
	ssize_t (*store)(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count);
};
#define DEVICE_ATTR_WO(_name) \
	struct device_attribute dev_attr_##_name = { \
		.attr = { .name = #_name, .mode = 0200 }, .store = _name##_store, }
#define ATTRIBUTE_GROUPS(_name) \
static const struct attribute_group _name##_group = { \
	.attrs = _name##_attrs, \
}; \
static const struct attribute_group *_name##_groups[] = { \
	&_name##_group, \
	NULL, \
}

struct device_driver {
	const char		*name;
	const struct attribute_group **dev_groups;
	const struct bus_type	*bus;
	const struct of_device_id	*of_match_table;
	const struct acpi_device_id	*acpi_match_table;
	int (*probe) (struct device *dev);
	void (*sync_state)(struct device *dev);
	int (*remove) (struct device *dev);
	void (*shutdown) (struct device *dev);
	const struct dev_pm_ops *pm;
};

struct device_type {
	const char *name;
	void (*release)(struct device *dev);
	bool need_parent_lock;
};

struct device_dma_parameters {
	unsigned int max_segment_size;
};

struct device {
	struct device		*parent;
	const char		*init_name;
	const struct device_type *type;
	const struct bus_type	*bus;
	struct device_driver	*driver;
	void		*platform_data;
	void		*driver_data;
	struct mutex		mutex;	/* device_lock() */
	u64		*dma_mask;
	u64		coherent_dma_mask;
	struct device_dma_parameters *dma_parms;
	struct device_node	*of_node;
	struct fwnode_handle	*fwnode;
	struct iommu_group	*iommu_group;
	struct dev_iommu	*iommu;
	void	(*release)(struct device *dev);
	bool			dma_coherent:1;
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->init_name;
}
int dev_set_name(struct device *dev, const char *name, ...);

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

int dev_err_probe(const struct device *dev, int err, const char *fmt, ...);
void _dev_err(const struct device *dev, const char *fmt, ...);
void _dev_info(const struct device *dev, const char *fmt, ...);
#define dev_err(dev, fmt, ...)	_dev_err(dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	_dev_err(dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	_dev_info(dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)	_dev_info(dev, fmt, ##__VA_ARGS__)

static inline void device_lock(struct device *dev)
{
	mutex_lock(&dev->mutex);
}

static inline int device_lock_interruptible(struct device *dev)
{
	return mutex_lock_interruptible(&dev->mutex);
}

static inline int device_trylock(struct device *dev)
{
	return mutex_trylock(&dev->mutex);
}

static inline void device_unlock(struct device *dev)
{
	mutex_unlock(&dev->mutex);
}

DEFINE_GUARD(device, struct device *, device_lock(_T), device_unlock(_T))

static inline void device_lock_assert(struct device *dev)
{
	lockdep_assert_held(&dev->mutex);
}

void device_initialize(struct device *dev);
int __must_check device_add(struct device *dev);
void device_del(struct device *dev);
int __must_check device_register(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int device_attach(struct device *dev);
int __must_check driver_register(struct device_driver *drv);
void driver_unregister(struct device_driver *drv);
int __must_check bus_register(const struct bus_type *bus);
void bus_unregister(const struct bus_type *bus);

/* include/linux/device/bus.h */
struct notifier_block;
enum bus_notifier_event {
	BUS_NOTIFY_ADD_DEVICE,
	BUS_NOTIFY_DEL_DEVICE,
	BUS_NOTIFY_REMOVED_DEVICE,
	BUS_NOTIFY_BIND_DRIVER,
	BUS_NOTIFY_BOUND_DRIVER,
	BUS_NOTIFY_UNBIND_DRIVER,
	BUS_NOTIFY_UNBOUND_DRIVER,
	BUS_NOTIFY_DRIVER_NOT_BOUND,
};
int bus_register_notifier(const struct bus_type *bus, struct notifier_block *nb);
int bus_unregister_notifier(const struct bus_type *bus, struct notifier_block *nb);
void bus_notify(struct device *dev, enum bus_notifier_event value);

int device_match_of_node(struct device *dev, const void *np);
struct device *bus_find_device(const struct bus_type *bus, struct device *start,
			       const void *data,
			       int (*match)(struct device *dev, const void *data));
static inline struct device *
bus_find_device_by_of_node(const struct bus_type *bus, const struct device_node *np)
{
	return bus_find_device(bus, NULL, np, device_match_of_node);
}
struct device *device_find_child(struct device *parent, void *data,
				 int (*match)(struct device *dev, void *data));

#endif
