/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rpmsgx - held-out lock-checker corpus module: an rpmsg driver bound to an
 * rpmsg channel device, which creates endpoint devices of its own.
 */
#ifndef _RPMSGX_H
#define _RPMSGX_H

#include <linux/device.h>
#include <linux/miscdevice.h>
#include <linux/rpmsg.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define RPMSGX_IOC_CREATE	_IOW('x', 1, u32)
#define RPMSGX_IOC_CREATE_ACPI	_IOW('x', 2, u32)

struct device_node;
struct rpmsgx;

/* Endpoint device created by this driver (rpmsg_char's eptdev shape). */
struct rpmsgx_eptdev {
	struct device dev;
	struct rpmsgx *rx;
	u32 addr;
};

struct rpmsgx {
	struct rpmsg_device *rpdev;
	struct device *dev;		/* == &rpdev->dev */
	struct device_node *fw_np;	/* remote processor's DMA node */
	struct rpmsgx_eptdev *ctrl_ept;
	struct miscdevice misc;
	struct work_struct rx_work;
	struct timer_list hb_timer;
	u32 last;
	u32 beats;
};

/* rpmsgx_ept.c */
struct rpmsgx_eptdev *rpmsgx_eptdev_alloc(struct rpmsgx *rx, u32 addr);
int rpmsgx_eptdev_dma_locked(struct rpmsgx_eptdev *e);
void rpmsgx_ept_flush(struct rpmsgx *rx);
void rpmsgx_note_locked(struct rpmsgx *rx);
int rpmsgx_eptdev_create_acpi(struct rpmsgx *rx, u32 addr);

#endif /* _RPMSGX_H */
