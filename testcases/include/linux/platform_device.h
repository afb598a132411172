/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PLATFORM_DEVICE_H_
#define _PLATFORM_DEVICE_H_

#include <linux/device.h>

#define PLATFORM_DEVID_NONE	(-1)
#define PLATFORM_DEVID_AUTO	(-2)

struct platform_device {
	const char	*name;
	int		id;
	bool		id_auto;
	struct device	dev;
	u64		platform_dma_mask;
	const struct platform_device_id *id_entry;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)

extern const struct bus_type platform_bus_type;
extern struct device platform_bus;

struct platform_device_info {
	struct device *parent;
	struct fwnode_handle *fwnode;
	bool of_node_reused;
	const char *name;
	int id;
	const void *data;
	size_t size_data;
	u64 dma_mask;
};

struct platform_device *platform_device_register_full(
		const struct platform_device_info *pdevinfo);
struct platform_device *platform_device_register_data(struct device *parent,
		const char *name, int id, const void *data, size_t size);
struct platform_device *platform_device_alloc(const char *name, int id);
int platform_device_add(struct platform_device *pdev);
void platform_device_del(struct platform_device *pdev);
void platform_device_put(struct platform_device *pdev);
int platform_device_register(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);

struct platform_driver {
	int (*probe)(struct platform_device *);
	void (*remove)(struct platform_device *);
	void (*remove_new)(struct platform_device *);
	void (*shutdown)(struct platform_device *);
	struct device_driver driver;
	const struct platform_device_id *id_table;
};

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev, void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

int __platform_driver_register(struct platform_driver *drv, void *owner);
#define platform_driver_register(drv) __platform_driver_register(drv, NULL)
void platform_driver_unregister(struct platform_driver *drv);

#define module_platform_driver(__platform_driver) \
static int __init __platform_driver##_init(void) \
{ return platform_driver_register(&(__platform_driver)); } \
static void __exit __platform_driver##_exit(void) \
{ platform_driver_unregister(&(__platform_driver)); }

#endif
