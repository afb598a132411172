/* SPDX-License-Identifier: GPL-2.0 */
/*
 * serdx - held-out lock-checker corpus module: a serdev client driver with a
 * DMA companion found by phandle.
 */
#ifndef _SERDX_H
#define _SERDX_H

#include <linux/device.h>
#include <linux/serdev.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct device_node;

struct serdx_priv {
	struct serdev_device *serdev;
	struct device *dev;		/* == &serdev->dev, kept for later */
	struct device *comp;		/* DMA companion found by phandle */
	struct device_node *alt_np;	/* node the port is re-pointed at */
	struct work_struct apply_work;
	struct work_struct retarget_work;
	int wake_irq;
	u32 mode;
	u32 baud;
	bool dead;
};

/* serdx_ctl.c */
int serdx_ctl_apply_locked(struct serdx_priv *priv, u32 mode);
void serdx_ctl_reset(struct serdx_priv *priv);
void serdx_ctl_sync(struct serdx_priv *priv);
int serdx_ctl_lock(struct serdx_priv *priv);
int serdx_ctl_set_baud(struct serdx_priv *priv, u32 baud);
int serdx_ctl_set_baud_checked(struct serdx_priv *priv, u32 baud);

/* serdx_comp.c */
int serdx_comp_attach(struct serdx_priv *priv);
void serdx_comp_detach(struct serdx_priv *priv);

#endif /* _SERDX_H */
