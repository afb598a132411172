/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mhix: an MHI client driver with a WWAN control port, in the shape of
 * drivers/net/wwan/mhi_wwan_ctrl.c.  Port helpers with lock contracts in
 * mhix_port.c, callers in mhix_main.c.
 */
#ifndef MHIX_H
#define MHIX_H

#include <linux/mhi.h>
#include <linux/workqueue.h>
#include <linux/wwan.h>

struct mhix_port {
	struct mhi_device *mhi_dev;
	struct wwan_port *wwan;
	struct work_struct status_work;
	struct work_struct reset_work;
	struct work_struct recover_work;
	bool started;
	bool ready;
	unsigned int queued;
};

int mhix_port_start(struct mhix_port *port);
void mhix_port_flush_locked(struct mhix_port *port);
int mhix_lock_for_reset(struct mhi_device *mhi_dev);

#endif
