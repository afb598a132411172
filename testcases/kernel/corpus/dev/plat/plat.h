/* SPDX-License-Identifier: GPL-2.0 */
/* corpus_plat: shared declarations of the module's three files. */
#ifndef CORPUS_PLAT_H
#define CORPUS_PLAT_H

#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

struct plat_priv {
	struct platform_device *pdev;
	struct platform_device *child;
	struct platform_device *walker;
	struct device_node *dma_np;
	struct work_struct rework;
	int mode;
};

/* plat_helpers.c */
void plat_apply_quirks(struct device *dev);
int plat_set_mode_locked(struct device *dev, int mode);
int plat_reset_hw(struct device *dev);

/* plat_child.c */
int plat_child_create(struct plat_priv *priv);
int plat_child_create_guarded(struct plat_priv *priv);
int plat_child_add_acpi(struct plat_priv *priv);
void plat_child_destroy(struct plat_priv *priv);

#endif
