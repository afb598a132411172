/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hxb: a logical-device bus in the shape of drivers/gpu/host1x/bus.c: a
 * host controller (platform device) gets one logical device per registered
 * hxb driver (host1x_device_add()); the bus_type has no probe of its own,
 * the driver's device_driver.probe is set at registration
 * (host1x_driver_register_full()), and the logical driver's probe calls
 * each client's ->init through hxb_device_init() (host1x_device_init()).
 * Clients are amba devices (hxb_amba.c).
 */
#ifndef HXB_H
#define HXB_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

struct hxb_client;
struct hxb_device;

struct hxb_client_ops {
	int (*init)(struct hxb_client *client);
	int (*exit)(struct hxb_client *client);
};

struct hxb_client {
	struct list_head list;
	struct device *dev;
	const struct hxb_client_ops *ops;
	struct hxb_device *hd;		/* set by hxb_device_init() */
};

struct hxb_device {
	struct device dev;
	struct hxb_driver *driver;
	struct list_head list;
	bool active;
	unsigned int syncs;
	u64 dma_mask;
	struct dentry *debugfs;
	struct work_struct hotplug_work;
	struct work_struct resume_work;
};

static inline struct hxb_device *to_hxb_device(struct device *dev)
{
	return container_of(dev, struct hxb_device, dev);
}

struct hxb_driver {
	struct device_driver driver;
	struct list_head list;
	int (*probe)(struct hxb_device *hd);
	int (*remove)(struct hxb_device *hd);
};

#define to_hxb_driver(d) container_of_const(d, struct hxb_driver, driver)

int hxb_driver_register(struct hxb_driver *drv);
void hxb_driver_unregister(struct hxb_driver *drv);
int hxb_client_register(struct hxb_client *client);
void hxb_client_unregister(struct hxb_client *client);

int hxb_device_init(struct hxb_device *hd);
int hxb_device_exit(struct hxb_device *hd);
void hxb_device_sync(struct hxb_device *hd);
void hxb_device_set_active(struct hxb_device *hd, bool on);

int hxb_drm_init(void);
void hxb_drm_exit(void);
int hxb_amba_init(void);
void hxb_amba_exit(void);

#endif /* HXB_H */
