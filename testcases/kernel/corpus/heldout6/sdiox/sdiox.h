/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sdiox: an SDIO WLAN function driver (drivers/net/wireless/marvell/
 * mwifiex/sdio.c, drivers/net/wireless/broadcom/brcm80211/brcmfmac/
 * bcmsdh.c shapes) with a serdev Bluetooth companion on the same chip
 * (drivers/bluetooth/hci_serdev.c shape).  The helpers with a lock
 * contract live in sdiox_ctl.c; the callers are in all three files.
 */
#ifndef SDIOX_H
#define SDIOX_H

#include <linux/mmc/sdio_func.h>
#include <linux/serdev.h>
#include <linux/sysfs.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define SDIOX_REG_MODE	0x10
#define SDIOX_REG_CLK	0x14
#define SDIOX_REG_PWR	0x18
#define SDIOX_REG_WIDTH	0x1c

#define SDIOX_MODE_IDLE	0
#define SDIOX_MODE_RX	1
#define SDIOX_MODE_OFF	3

struct sdiox {
	struct sdio_func *func;
	struct work_struct rx_work;
	struct work_struct reset_work;
	u8 mode;
	u32 clock;
	u8 power;
	u8 width;
	bool fw_loaded;
	bool removing;
	unsigned long irq_count;
};

struct sdiox_uart {
	struct serdev_device *serdev;
	unsigned int baud;
	unsigned int seen;
};

/* sdiox_ctl.c */
int sdiox_apply_mode(struct sdiox *sx, u8 mode);
int sdiox_fw_reload_locked(struct sdiox *sx);
void sdiox_quiesce(struct sdiox *sx);
int sdiox_lock_for_reset(struct sdiox *sx);
void sdiox_uart_sync_baud(struct sdiox_uart *u);
void sdiox_rx_work(struct work_struct *work);
void sdiox_reset_work(struct work_struct *work);
extern const struct attribute_group *sdiox_groups[];

/* sdiox_uart.c */
int sdiox_uart_register(void);
void sdiox_uart_unregister(void);

#endif
