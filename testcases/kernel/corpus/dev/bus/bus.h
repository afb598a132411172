/* SPDX-License-Identifier: GPL-2.0 */
/* corpus_bus: a small bus in the shape of drivers/cdx/cdx.c and vchiq_bus. */
#ifndef CORPUS_BUS_H
#define CORPUS_BUS_H

#include <linux/device.h>

struct cbus_device {
	struct device dev;
	u32 id;
	int state;
	struct cbus_device *sub;
};
#define to_cbus_device(d) container_of(d, struct cbus_device, dev)

struct cbus_driver {
	struct device_driver driver;
	int (*probe)(struct cbus_device *cdev);
	void (*remove)(struct cbus_device *cdev);
};
#define to_cbus_driver(d) container_of_const(d, struct cbus_driver, driver)

extern const struct bus_type cbus_type;

/* bus_core.c */
void cbus_apply(struct device *dev);
struct cbus_device *cbus_device_register(struct device *parent, u32 id);
struct cbus_device *cbus_device_register_guarded(struct device *parent, u32 id);

/* bus_lock.c */
int cbus_lock_init(void);
void cbus_lock_exit(void);
int cbus_try_reset(struct cbus_device *cdev);
int cbus_force_reset(struct cbus_device *cdev);
int cbus_set_state(struct cbus_device *cdev, int state);
int cbus_set_state_checked(struct cbus_device *cdev, int state);
int cbus_commit(struct cbus_device *cdev);
int cbus_commit_checked(struct cbus_device *cdev);

#endif
