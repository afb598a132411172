/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * h16pnp - a PNP (ACPI-enumerated) LPC bridge driver that splits its PNP
 * device into function devices on a private bus, written after
 * drivers/pnp/driver.c, drivers/pnp/pnpacpi/core.c and PNP drivers such as
 * drivers/tty/serial/8250/8250_pnp.c and drivers/parport/parport_pc.c of
 * Linux 6.12.
 *
 * The private buses are two elements of one bus_type array:
 *   h16pnp_buses[H16PNP_BUS_LPC]  function devices this driver creates
 *                                 (children of the PNP device, sharing its
 *                                 ACPI companion as MFD cells do);
 *   h16pnp_buses[H16PNP_BUS_SIO]  exported for Super-I/O companion drivers
 *                                 that add their own devices; this module
 *                                 never creates devices on it and only
 *                                 watches it with a bus notifier.
 */
#ifndef _H16PNP_H
#define _H16PNP_H

#include <linux/device.h>
#include <linux/notifier.h>
#include <linux/pnp.h>
#include <linux/workqueue.h>

#define H16PNP_MAX_FN	3

enum {
	H16PNP_BUS_LPC,
	H16PNP_BUS_SIO,
	H16PNP_NR_BUSES,
};

struct h16pnp_ctx;

/* One function of the LPC bridge (cf. mfd_cell) */
struct h16pnp_fn {
	struct device dev;
	struct h16pnp_ctx *ctx;
	unsigned int index;
	u32 stream_id;
	int dma_chan;
};

#define to_h16pnp_fn(d) container_of(d, struct h16pnp_fn, dev)

struct h16pnp_fn_driver {
	struct device_driver driver;
	int (*probe)(struct h16pnp_fn *fn);
	void (*remove)(struct h16pnp_fn *fn);
};

#define to_h16pnp_fn_driver(d) container_of(d, struct h16pnp_fn_driver, driver)

/* PNP driver state */
struct h16pnp_ctx {
	struct pnp_dev *pnp;
	int dma_chan;
	struct h16pnp_fn *fns[H16PNP_MAX_FN];
	struct pnp_dev *peer;		/* card sibling; read back by peer_work */
	struct work_struct peer_work;
	struct work_struct peer_sync_work;
};

/* h16pnp_x.c */
extern const struct bus_type h16pnp_buses[H16PNP_NR_BUSES];
void h16pnp_fn_quiesce(struct device *dev);
int h16pnp_set_dma_chan(struct pnp_dev *pnp, int chan);
struct h16pnp_fn *h16pnp_fn_lock_first_bound(struct h16pnp_ctx *ctx);
struct h16pnp_fn *h16pnp_fn_lock_by_chan(struct h16pnp_ctx *ctx, int chan);

/* h16pnp_y.c */
extern struct pnp_driver h16pnp_driver;

/* h16pnp_z.c */
extern struct h16pnp_fn_driver h16pnp_fn_driver;
extern struct notifier_block h16pnp_sio_nb;
void h16pnp_peer_work(struct work_struct *work);
void h16pnp_peer_sync_work(struct work_struct *work);
int h16pnp_card_sync(struct pnp_dev *pnp);
int h16pnp_card_count_active(struct pnp_dev *pnp);

#endif /* _H16PNP_H */
