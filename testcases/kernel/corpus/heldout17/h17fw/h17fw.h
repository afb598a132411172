/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h17fw - IEEE 1394 unit driver for a DMA-capable storage/audio bridge.
 *
 * Shapes taken from drivers/firewire/sbp2.c (sbp2_probe, sbp2_update,
 * sbp2_remove, sbp2_login work) and sound/firewire/oxfw/oxfw.c
 * (oxfw_probe, oxfw_bus_reset, oxfw_remove).
 */
#ifndef H17FW_H
#define H17FW_H

#include <linux/device.h>
#include <linux/firewire.h>
#include <linux/firewire-constants.h>
#include <linux/of.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#define H17FW_ROM_QUADLETS	8
#define H17FW_QUIRK_PARENT_DMA	0x1
#define H17FW_WATCHDOG_MS	2000
#define H17FW_CSR_COMMAND	(CSR_REGISTER_BASE + 0x3000)
#define H17FW_CSR_STATUS	(CSR_REGISTER_BASE + 0x3004)

struct h17fw_unit {
	struct fw_unit *unit;
	struct device *dev;		/* saved &unit->device */
	struct fw_device *fwdev;	/* fw_parent_device(unit) */
	struct device_node *dma_np;	/* controller node used for DMA */
	struct delayed_work login_work;
	struct work_struct reset_work;
	struct timer_list watchdog;
	int generation;
	int node_id;
	u32 rom[H17FW_ROM_QUADLETS];
	unsigned long quirks;
	bool parent_ready;
	bool dma_ready;
	bool gone;
};

/* h17fw_dma.c: helpers that require the unit's device lock */
int h17fw_dma_setup(struct device *dev, struct device_node *np);
void h17fw_dma_teardown(struct device *dev);
void h17fw_reset_generation_locked(struct device *dev, int generation);
int h17fw_rom_refresh_locked(struct device *dev);
bool h17fw_generation_stale_locked(struct device *dev);

/* h17fw_dma.c: lock helpers, return 0 with hu->dev locked */
int h17fw_trylock_unit(struct h17fw_unit *hu);
int h17fw_trylock_unit_ready(struct h17fw_unit *hu);

#endif /* H17FW_H */
