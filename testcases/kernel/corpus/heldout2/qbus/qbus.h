/* SPDX-License-Identifier: GPL-2.0 */
/*
 * qbus: a private bus whose devices are children of a platform "host"
 * device, in the shape of drivers/net/netdevsim/bus.c (a module that
 * defines its own bus_type and its devices' attributes) and
 * drivers/amba/bus.c (a bus with its own dma_configure).
 */
#ifndef QBUS_H
#define QBUS_H

#include <linux/device.h>
#include <linux/workqueue.h>

struct device_node;

struct qbus_device {
	struct device dev;
	u32 id;
	u32 mode;
	bool powered;
	bool claimed;
	struct work_struct cfg_work;
	struct work_struct retry_work;
};

#define to_qbus_device(d) container_of(d, struct qbus_device, dev)

struct qbus_driver {
	struct device_driver driver;
	int (*probe)(struct qbus_device *qd);
	void (*remove)(struct qbus_device *qd);
};

#define to_qbus_driver(d) container_of_const(d, struct qbus_driver, driver)

extern const struct bus_type qbus_bus_type;

/* qbus_cfg.c: each states what its caller must hold */
int qbus_dev_apply_mode(struct qbus_device *qd, u32 mode);
int qbus_dev_reset_locked(struct qbus_device *qd);
int qbus_dev_set_power(struct qbus_device *qd, bool on);
void qbus_dev_sync_state(struct device *dev);


/* qbus_host.c */
int qbus_host_register(void);
void qbus_host_unregister(void);

#endif
