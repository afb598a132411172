/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mfcx: a media codec block in the shape of drivers/media/platform/
 * samsung/s5p-mfc/s5p_mfc.c and drivers/media/platform/qcom/venus/
 * (memory child devices, a firmware device, bonded sibling devices as
 * in drivers/media/platform/renesas/rcar_drif.c), a component master
 * with an engine component (drivers/gpu/drm/vc4/vc4_drv.c,
 * drivers/gpu/drm/sun4i/sun8i_mixer.c) and an ASoC PCM component
 * (sound/soc/bcm/bcm63xx-pcm-whistler.c).  Helpers with contracts in
 * mfcx_core.c, callers in mfcx_main.c and mfcx_engine.c.
 */
#ifndef MFCX_H
#define MFCX_H

#include <linux/miscdevice.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#define MFCX_MAX_BONDS	2

struct mfcx_ctx {
	struct list_head node;
	u32 id;
};

struct mfcx_core {
	struct device *dev;
	struct device *memdev;
	struct platform_device *fwdev;
	struct platform_device *bonded[MFCX_MAX_BONDS];
	int nbonded;
	struct miscdevice misc;
	struct notifier_block nb;
	struct work_struct fw_work;
	spinlock_t ctx_device_lock;	/* protects ctxs (not a device lock) */
	struct list_head ctxs;
	bool powered;
	u32 resets;
};

int mfcx_bond_claim(struct platform_device *bonded, struct mfcx_core *core);
void mfcx_core_reset_locked(struct mfcx_core *core);
int mfcx_core_power(struct mfcx_core *core, bool on);
void mfcx_ctx_add(struct mfcx_core *core, struct mfcx_ctx *ctx);

int mfcx_engine_init(void);
void mfcx_engine_exit(void);

#endif
