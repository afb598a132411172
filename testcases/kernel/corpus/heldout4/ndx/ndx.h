/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ndx: a private bus in the shape of drivers/nvdimm/bus.c (6.12): a bus
 * device, region and namespace devices on a bus_type of this module, a
 * driver type with probe/remove/notify, and helpers whose contract puts
 * the device lock on their callers.
 */
#ifndef NDX_H
#define NDX_H

#include <linux/device.h>
#include <linux/workqueue.h>
#include <linux/wait.h>

#define NDX_MAX_NS 4

enum ndx_event { NDX_EVENT_POISON, NDX_EVENT_RESIZE };
enum ndx_async_mode { NDX_SYNC, NDX_ASYNC };

struct ndx_bus {
	struct device dev;
	int probe_active;
	wait_queue_head_t wait;
	struct ndx_dev *ns[NDX_MAX_NS];
	int nr_ns;
};

struct ndx_dev {
	struct device dev;
	struct ndx_bus *bus;
	u64 size;
	bool active;
	bool claimed;
	struct work_struct work;
	struct work_struct scrub_work;
};

struct ndx_driver {
	struct device_driver drv;
	int (*probe)(struct ndx_dev *ndev);
	void (*remove)(struct ndx_dev *ndev);
	void (*notify)(struct ndx_dev *ndev, enum ndx_event event);
};

#define to_ndx_dev(d) container_of(d, struct ndx_dev, dev)
#define to_ndx_driver(d) container_of(d, struct ndx_driver, drv)

extern const struct bus_type ndx_bus_type;

/* ndx_bus.c: the core */
void ndx_device_notify(struct device *dev, enum ndx_event event);
void ndx_device_unregister(struct device *dev, enum ndx_async_mode mode);
int ndx_driver_register(struct ndx_driver *drv);
void ndx_driver_unregister(struct ndx_driver *drv);
int ndx_bus_cmd(struct ndx_bus *bus, struct ndx_dev *ndev, unsigned int cmd);
int ndx_bus_cmd_fast(struct ndx_bus *bus, struct ndx_dev *ndev, unsigned int cmd);

/* ndx_bus.c: helpers with a contract on the device lock */
int ndx_claim(struct ndx_dev *ndev);
int ndx_set_size_locked(struct ndx_dev *ndev, u64 size);
int ndx_activate(struct ndx_dev *ndev);
void ndx_wait_probe_idle(struct device *dev);
int ndx_lock_interruptible(struct ndx_dev *ndev);

/* ndx_region.c */
int ndx_region_init(void);
void ndx_region_exit(void);

/* ndx_ns.c */
void ndx_ns_lock(struct ndx_dev *ndev);
void ndx_ns_unlock(struct ndx_dev *ndev);
int ndx_ns_scan(struct ndx_bus *bus);
int ndx_ns_scan_unwind(struct ndx_bus *bus);
extern const struct attribute_group ndx_ns_attr_group;

#endif
