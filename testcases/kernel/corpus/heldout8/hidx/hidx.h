/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hidx: a HID sensor hub.  A hid_driver binds the hub's HID device and
 * creates one platform device per sensor cell below it; the cells' driver
 * registers callbacks with the hub, which calls them from its raw_event
 * and its HID suspend/resume, in the shape of drivers/hid/hid-sensor-hub.c.
 */
#ifndef _HIDX_H
#define _HIDX_H

#include <linux/hid.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#define HIDX_MAX_CELLS		4

#define HIDX_REPORT_SAMPLE	0x01
#define HIDX_REPORT_STATUS	0x02
#define HIDX_FEATURE_RATE	0x10
#define HIDX_FEATURE_FIFO	0x11
#define HIDX_FEATURE_COMMIT	0x12
#define HIDX_FEATURE_CALIB	0x13

#define HIDX_STATUS_OVERFLOW	BIT(0)
#define HIDX_STATUS_RECONFIG	BIT(1)

#define HIDX_DEFAULT_RATE	50

struct hidx_cell;
struct hidx_hub;

/* hid_sensor_hub_callbacks shape */
struct hidx_cell_ops {
	void (*capture_sample)(struct hidx_cell *cell, const u8 *data, int len);
	int (*suspend)(struct hidx_cell *cell);
	int (*resume)(struct hidx_cell *cell);
};

struct hidx_cell_pdata {
	struct hidx_hub *hub;
	u32 usage;
};

struct hidx_cell {
	struct platform_device *pdev;
	struct hidx_hub *hub;
	const struct hidx_cell_ops *ops;
	u32 usage;
	bool streaming;
	bool want_stream;
	unsigned int samples;
	u8 last[16];
};

struct hidx_hub {
	struct hid_device *hdev;
	struct mutex cfg_lock;		/* feature reports, cells[] writers */
	spinlock_t cell_lock;		/* cells[] for raw_event */
	struct hidx_cell *cells[HIDX_MAX_CELLS];
	struct platform_device *pdevs[HIDX_MAX_CELLS];
	unsigned int npdevs;
	u8 rate;
	u8 pending;
	struct work_struct event_work;
	u8 *buf;
};

/* hidx_hub.c */
int hidx_hub_register_cell(struct hidx_hub *hub, struct hidx_cell *cell);
void hidx_hub_unregister_cell(struct hidx_hub *hub, struct hidx_cell *cell);

/* hidx_ctl.c: helpers whose callers hold the hub's HID device lock */
int hidx_hub_set_rate(struct hidx_hub *hub, u8 rate);
int hidx_hub_commit_locked(struct hidx_hub *hub);
int hidx_hub_reset_fifo(struct hidx_hub *hub);
void hidx_event_work(struct work_struct *work);
extern const struct attribute_group hidx_hub_group;

/* hidx_cell.c */
int hidx_cell_stop_locked(struct hidx_cell *cell);
extern struct platform_driver hidx_cell_driver;

#endif /* _HIDX_H */
