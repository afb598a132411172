/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h21p - a private PECI-style bus: controllers and the client devices they
 * discover, plus a peci-cpu / cputemp-like client driver.  Structures follow
 * include/linux/peci.h and drivers/peci/internal.h of Linux 6.12.
 */
#ifndef __H21P_H
#define __H21P_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define H21P_BASE_ADDR		0x30
#define H21P_MAX_CPUS		4
#define H21P_CMD_GET_DIB	0xf7
#define H21P_CMD_GET_TEMP	0x01

struct h21p_controller;

/*
 * Backend operations of a controller.  ->init_device() is called by the
 * core on a client device the core has just allocated, before device_add();
 * ->reinit_device() is called by the core on a registered client device
 * with that device's lock held (see h21p_core.c).
 */
struct h21p_controller_ops {
	int (*xfer)(struct h21p_controller *ctl, u8 addr, u8 cmd, u32 *val);
	int (*init_device)(struct h21p_controller *ctl, struct device *dev);
	int (*reinit_device)(struct h21p_controller *ctl, struct device *dev);
};

struct h21p_controller {
	struct device			dev;
	const struct h21p_controller_ops *ops;
	struct mutex			bus_lock;
	struct delayed_work		scan_work;
	struct device_node		*np;
	u8				id;
};

struct h21p_device {
	struct device		dev;
	struct h21p_controller	*controller;
	struct {
		u32		cpu_id;
		u8		peci_revision;
		u8		socket_id;
	} info;
	u8			addr;
	bool			deleted;
	bool			info_valid;
};

struct h21p_device_id {
	u16	family;
	u8	model;
	u32	data;
};

struct h21p_driver {
	struct device_driver		driver;
	int				(*probe)(struct h21p_device *device,
						 const struct h21p_device_id *id);
	void				(*remove)(struct h21p_device *device);
	const struct h21p_device_id	*id_table;
};

#define to_h21p_device(d)	container_of(d, struct h21p_device, dev)
#define to_h21p_controller(d)	container_of(d, struct h21p_controller, dev)
#define to_h21p_driver(d)	container_of_const(d, struct h21p_driver, driver)

extern const struct bus_type h21p_bus_type;
extern const struct device_type h21p_device_type;

/* h21p_core.c */
int h21p_driver_register(struct h21p_driver *drv);
void h21p_driver_unregister(struct h21p_driver *drv);
int h21p_controller_reinit_devices(struct h21p_controller *ctl);
int h21p_xfer(struct h21p_device *device, u8 cmd, u32 *val);

/* h21p_lock.c: helpers with a device-lock contract */
int h21p_device_info_init_locked(struct device *dev);
int h21p_device_read_dib(struct h21p_device *device, u32 *dib);
void h21p_device_mark_deleted(struct h21p_device *device);
int h21p_device_get_info(struct h21p_device *device, u32 *cpu_id);
int h21p_device_refresh(struct h21p_device *device);
int h21p_device_lock_live(struct h21p_device *device);

/* h21p_cputemp.c */
int h21p_cpu_init(void);
void h21p_cpu_exit(void);

#endif /* __H21P_H */
