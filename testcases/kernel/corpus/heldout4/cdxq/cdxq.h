/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cdxq: a bus in the shape of drivers/cdx/cdx.c and
 * drivers/bus/fsl-mc/fsl-mc-bus.c (6.12): a controller platform driver
 * that creates devices on a bus_type of this module, the bus's
 * dma_configure in a file of its own, and a driver of that bus.
 */
#ifndef CDXQ_H
#define CDXQ_H

#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

struct cdxq_ctrl;
struct cdxq_dev;

/* cdx_ops-like: the controller's table, called by the core */
struct cdxq_ctrl_ops {
	int (*dev_configure)(struct cdxq_ctrl *ctrl, struct cdxq_dev *cdev);
	int (*reset)(struct cdxq_ctrl *ctrl, u32 dev_num);
};

struct cdxq_ctrl {
	struct device *dev;
	const struct cdxq_ctrl_ops *ops;
	struct cdxq_dev *devs[8];
	int nr_devs;
	struct work_struct rescan_work;
};

struct cdxq_dev {
	struct device dev;
	struct cdxq_ctrl *ctrl;
	u32 dev_num;
	u32 req_id;
	bool is_bus;
	bool enabled;
};

struct cdxq_driver {
	struct device_driver driver;
	int (*probe)(struct cdxq_dev *cdev);
	void (*remove)(struct cdxq_dev *cdev);
	void (*reset_prepare)(struct cdxq_dev *cdev);
	void (*reset_done)(struct cdxq_dev *cdev);
	bool driver_managed_dma;
};

#define to_cdxq_dev(d) container_of(d, struct cdxq_dev, dev)
#define to_cdxq_driver(d) container_of_const(d, struct cdxq_driver, driver)

extern const struct bus_type cdxq_bus_type;

/* cdxq_bus.c */
int cdxq_dev_reset(struct device *dev);

/* cdxq_dma.c: bus_type.dma_configure / dma_cleanup of cdxq_bus_type */
int cdxq_dma_configure(struct device *dev);
void cdxq_dma_cleanup(struct device *dev);

/* cdxq_ctrl.c */
int cdxq_ctrl_init(void);
void cdxq_ctrl_exit(void);

/* cdxq_drv.c */
int cdxq_drv_init(void);
void cdxq_drv_exit(void);

#endif
