/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * meix - private definitions for the MEI watchdog-style client driver.
 *
 * Layout follows drivers/watchdog/mei_wdt.c (struct mei_wdt and its
 * management-control messages).  mx->dev caches &cldev->dev.
 */
#ifndef _MEIX_H
#define _MEIX_H

#include <linux/completion.h>
#include <linux/device.h>
#include <linux/mei_cl_bus.h>
#include <linux/types.h>
#include <linux/watchdog.h>
#include <linux/workqueue.h>

#define MEIX_DEFAULT_TIMEOUT	120	/* seconds */
#define MEIX_MIN_TIMEOUT	120
#define MEIX_MAX_TIMEOUT	3600

#define MEIX_MANAGEMENT_CONTROL	0x02
#define MEIX_MC_VERSION_NUMBER	0x10
#define MEIX_MC_START_REQ	0x13
#define MEIX_MC_START_RES	0x83
#define MEIX_MC_STOP_REQ	0x14

#define MEIX_WDSTATE_NOT_REQUIRED	0x1

enum meix_state {
	MEIX_PROBE,
	MEIX_IDLE,
	MEIX_START,
	MEIX_RUNNING,
	MEIX_STOPPING,
	MEIX_NOT_REQUIRED,
};

struct meix_mc_hdr {
	u8 command;
	u8 bytecount;
	u8 subcommand;
	u8 versionnumber;
} __packed;

struct meix_request {
	struct meix_mc_hdr hdr;
	u16 timeout;
} __packed;

struct meix_response {
	struct meix_mc_hdr hdr;
	u8 status;
	u8 wdstate;
} __packed;

struct meix {
	struct mei_cl_device *cldev;
	struct device *dev;		/* &cldev->dev */
	struct watchdog_device wdd;
	enum meix_state state;
	u16 timeout;
	bool resp_required;
	bool registered;
	struct completion response;
	struct work_struct unregister;
	struct dentry *dbgfs_dir;
};

/* cmd.c */
int meix_send_cmd(struct meix *mx, u8 subcommand);
int meix_enable_locked(struct mei_cl_device *cldev);
void meix_reset_state(struct device *dev);
struct meix *meix_lock_drvdata(struct device *dev);

#endif /* _MEIX_H */
