/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ishx: a private bus of client devices hanging off a host controller, in
 * the shape of drivers/hid/intel-ish-hid/ishtp/bus.c (ishtp_cl_bus_type,
 * ishtp_bus_add_device(), ishtp_cl_device_reset(), ishtp_bus_event_work()),
 * with a dma_configure slot shaped as drivers/amba/bus.c:amba_dma_configure().
 *
 * ishx_bus.c holds the bus, the device creation and the helpers with a
 * locking contract; ishx_host.c the host controller (a platform driver);
 * ishx_client.c two client drivers.
 */
#ifndef ISHX_H
#define ISHX_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

struct ishx_host;
struct platform_device;
struct device_node;

enum ishx_mode {
	ISHX_MODE_OFF,
	ISHX_MODE_ON,
	ISHX_MODE_BUSY,
};

struct ishx_cl_device {
	struct device dev;
	struct ishx_host *host;
	u32 id;
	u32 mode;
	bool active;
	u64 dma_mask;
	struct list_head node;
	struct work_struct event_work;
	void (*event_cb)(struct ishx_cl_device *cl);
};

static inline struct ishx_cl_device *to_ishx_cl(struct device *dev)
{
	return container_of(dev, struct ishx_cl_device, dev);
}

struct ishx_cl_driver {
	struct device_driver driver;
	int (*probe)(struct ishx_cl_device *cl);
	void (*remove)(struct ishx_cl_device *cl);
	/* called from the host's reset work, see ishx_bus_reset_all() */
	int (*reset)(struct ishx_cl_device *cl);
};

#define to_ishx_cl_driver(d) container_of_const(d, struct ishx_cl_driver, driver)

struct ishx_host {
	struct device *dev;
	struct mutex cl_lock;		/* protects clients; not a device lock */
	struct list_head clients;
	struct platform_device *comp;	/* companion DSP found by phandle */
	struct device_node *comp_np;
	bool reset_pending;		/* set by the firmware's reset message */
	bool update_pending;		/* set before a firmware update */
	struct work_struct reset_work;
	struct work_struct resume_work;
	struct work_struct quiesce_work;
};

extern const struct bus_type ishx_bus_type;

int ishx_cl_driver_register(struct ishx_cl_driver *drv);
void ishx_cl_driver_unregister(struct ishx_cl_driver *drv);

struct ishx_cl_device *ishx_bus_add_device(struct ishx_host *host, u32 id);
struct ishx_cl_device *ishx_bus_add_fixed_device(struct ishx_host *host, u32 id);
void ishx_bus_remove_device(struct ishx_cl_device *cl);
void ishx_bus_reset_all(struct ishx_host *host);
void ishx_bus_rx_event(struct ishx_cl_device *cl);
int ishx_bus_suspend_client(struct ishx_cl_device *cl);
int ishx_bus_resume_client(struct ishx_cl_device *cl);

/* helpers with a locking contract, all in ishx_bus.c */
int ishx_cl_set_mode(struct ishx_cl_device *cl, u32 mode);
void ishx_cl_flush_locked(struct ishx_cl_device *cl);
int ishx_cl_rebind(struct ishx_cl_device *cl);
int ishx_cl_lock_active(struct ishx_cl_device *cl);

int ishx_host_init(void);
void ishx_host_exit(void);
int ishx_client_init(void);
void ishx_client_exit(void);

#endif /* ISHX_H */
