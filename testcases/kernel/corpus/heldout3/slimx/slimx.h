/* SPDX-License-Identifier: GPL-2.0 */
/*
 * slimx: a private bus in the shape of drivers/slimbus/core.c and
 * drivers/soundwire/bus_type.c (6.12): a controller (platform driver)
 * registers slave devices on the bus, slave drivers bind to them.
 * The bus helpers live in slimx_bus.c; slimx_ctrl.c and slimx_codec.c
 * call them.
 */
#ifndef SLIMX_H
#define SLIMX_H

#include <linux/device.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#define SLIMX_MAX_DEVS	4

struct slimx_device;

struct slimx_controller {
	struct device *dev;		/* the controller's platform device */
	struct slimx_device *devs[SLIMX_MAX_DEVS];
	int ndevs;
	u8 next_laddr;
};

struct slimx_device {
	struct device dev;
	struct slimx_controller *ctrl;
	u8 laddr;
	bool present;
};

#define to_slimx_device(d) container_of(d, struct slimx_device, dev)

struct slimx_driver {
	int (*probe)(struct slimx_device *sdev);
	void (*remove)(struct slimx_device *sdev);
	void (*shutdown)(struct slimx_device *sdev);
	struct device_driver driver;
};

#define to_slimx_driver(d) container_of_const(d, struct slimx_driver, driver)

extern const struct bus_type slimx_bus;

int slimx_set_laddr(struct slimx_device *sdev, u8 laddr);
void slimx_mark_absent_locked(struct slimx_device *sdev);
int slimx_report_present(struct slimx_device *sdev);
int slimx_get_laddr(struct slimx_device *sdev);
struct slimx_device *slimx_device_alloc(struct slimx_controller *ctrl,
					struct device_node *np);
int slimx_driver_register(struct slimx_driver *sdrv);
void slimx_driver_unregister(struct slimx_driver *sdrv);

int slimx_ctrl_init(void);
void slimx_ctrl_exit(void);
int slimx_codec_init(void);
void slimx_codec_exit(void);

#endif
