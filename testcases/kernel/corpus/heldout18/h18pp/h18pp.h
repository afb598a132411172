/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h18pp - a parport client driver (struct parport_driver) in the shape of
 * drivers/pps/clients/pps_parport.c, drivers/i2c/busses/i2c-parport.c and
 * drivers/input/joystick/db9.c (6.12), with a small bus of its own for the
 * daisy-chain devices it finds behind a port.
 */
#ifndef H18PP_H
#define H18PP_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/parport.h>
#include <linux/workqueue.h>

#define H18PP_MODE_SPP	0
#define H18PP_MODE_EPP	1

struct h18pp;

struct h18pp_daisy {
	struct device dev;
	struct h18pp *pp;
	u32 addr;
	bool quiet;
};
#define to_h18pp_daisy(d) container_of(d, struct h18pp_daisy, dev)

struct h18pp {
	struct list_head node;
	struct parport *port;		/* handed to match_port */
	struct pardevice *pardev;	/* registered by us in match_port */
	struct h18pp_daisy *daisy;	/* registered by us in match_port */
	struct device_node *np;		/* "h18,pp-dma" under the port's node */
	struct work_struct work;
	unsigned int mode;
	unsigned long events;
};

/* h18pp_lock.c: helpers with a device-lock contract */
void h18pp_dev_setup_locked(struct device *dev);
void h18pp_dev_poll(struct pardevice *pardev);
void h18pp_daisy_quiet_locked(struct device *dev, bool quiet);

/* h18pp_lock.c: lock helpers */
int h18pp_lock_dev(struct h18pp *pp);
void h18pp_unlock_dev(struct h18pp *pp);
int h18pp_set_mode(struct h18pp *pp, unsigned int mode);

/* h18pp_daisy.c */
int h18pp_daisy_bus_init(void);
void h18pp_daisy_bus_exit(void);
int h18pp_daisy_add(struct h18pp *pp);
void h18pp_daisy_del(struct h18pp *pp);

#endif /* H18PP_H */
