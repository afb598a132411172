/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fsix - private definitions for the FSI service-engine driver.
 *
 * Layout follows drivers/fsi/fsi-sbefifo.c (struct sbefifo: the FSI device,
 * a character device, child platform devices for the DT sub-nodes) and
 * drivers/staging/vc04_services/interface/vchiq_arm/vchiq_bus.h (a small
 * bus of service devices hanging off the engine).
 */
#ifndef _FSIX_H
#define _FSIX_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fsi.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/types.h>

#define FSIX_ENGID		0x23

#define FSIX_REG_CTRL		0x00
#define FSIX_REG_TIMEOUT	0x04
#define FSIX_REG_STATUS		0x08

#define FSIX_CTRL_RESET		BIT(31)
#define FSIX_CTRL_QUIESCE	BIT(30)

#define FSIX_DEFAULT_TIMEOUT_MS	10000

struct platform_device;

struct fsix {
	struct fsi_device *fsi_dev;
	struct device *dev;		/* &fsi_dev->dev */
	struct device cdev_dev;		/* char device, fsi_cdev_type */
	struct cdev cdev;
	struct mutex lock;		/* protects dead */
	bool dead;
	u32 timeout_ms;

	struct notifier_block bus_nb;
	struct device *sibling;		/* another engine, by phandle */
	struct platform_device *hwmon;	/* created by us */
	struct list_head svcs;
};

/* A service device on the fsix bus (vchiq_bus.h:struct vchiq_device). */
struct fsix_svc {
	struct device dev;
	struct fsix *fx;
	struct list_head entry;
	u32 id;
	bool running;
};
#define to_fsix_svc(__dev)	container_of((__dev), struct fsix_svc, dev)

struct fsix_svc_driver {
	struct device_driver driver;
	int (*probe)(struct fsix_svc *svc);
	void (*remove)(struct fsix_svc *svc);
};
#define to_fsix_svc_driver(__drv) \
	container_of_const((__drv), struct fsix_svc_driver, driver)

/* engine.c */
int fsix_engine_reset_locked(struct fsi_device *fsi_dev);
int fsix_engine_quiesce(struct fsi_device *fsi_dev);
void fsix_set_timeout(struct device *dev, u32 timeout_ms);
int fsix_create_children(struct fsix *fx);
void fsix_destroy_children(struct fsix *fx);

/* svc.c */
int fsix_svc_bus_init(void);
void fsix_svc_bus_exit(void);
int fsix_svc_start(struct fsix_svc *svc);
struct fsix_svc *fsix_svc_register(struct fsix *fx, const char *name, u32 id);
void fsix_svc_unregister_all(struct fsix *fx);
int fsix_svc_driver_register(struct fsix_svc_driver *drv);
void fsix_svc_driver_unregister(struct fsix_svc_driver *drv);

#endif /* _FSIX_H */
