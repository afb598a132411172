/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * h16dsi - a MIPI DSI host controller and a DSI panel driver written after
 * drivers/gpu/drm/drm_mipi_dsi.c, drivers/gpu/drm/msm/dsi/dsi_host.c,
 * drivers/gpu/drm/bridge/samsung-dsim.c and the DSI panels under
 * drivers/gpu/drm/panel/ of Linux 6.12.
 *
 * The host controller is a device on a private bus ("h16dsi-host") that
 * stands in for the platform bus the real hosts sit on.  It registers a
 * real struct mipi_dsi_host (mipi_dsi_host_register() creates the DSI
 * peripherals from DT children) and creates one more DSI device itself with
 * mipi_dsi_device_register_full().  The panel side is a real
 * struct mipi_dsi_driver.
 */
#ifndef _H16DSI_H
#define _H16DSI_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <drm/drm_mipi_dsi.h>

#define H16DSI_MAX_DEVS		4

#define H16DSI_MODE_OFF		0
#define H16DSI_MODE_CMD		1
#define H16DSI_MODE_VIDEO	2
#define H16DSI_MODE_RECOVER	3

/* The DSI host controller (include/drm/bridge/samsung-dsim.h:struct samsung_dsim, reduced). */
struct h16dsi_hdev {
	struct device dev;
	struct mipi_dsi_host host;
	unsigned int index;
	u32 stream_id;
	bool powered;
	bool dead;
	struct mutex xfer_lock;
	struct mipi_dsi_device *extra;		/* created by this host */
	struct mipi_dsi_device *devs[H16DSI_MAX_DEVS];
	struct mipi_dsi_device *pending;	/* handed in by ->attach */
	struct work_struct attach_work;
};

#define to_h16dsi_hdev(d)	container_of(d, struct h16dsi_hdev, dev)
#define host_to_h16dsi(h)	container_of(h, struct h16dsi_hdev, host)

struct h16dsi_host_driver {
	struct device_driver driver;
	int (*probe)(struct h16dsi_hdev *h);
	void (*remove)(struct h16dsi_hdev *h);
	void (*shutdown)(struct h16dsi_hdev *h);
};

#define to_h16dsi_host_driver(d) \
	container_of(d, struct h16dsi_host_driver, driver)

/* The panel driver's state (one per bound DSI peripheral). */
struct h16dsi_panel {
	struct mipi_dsi_device *dsi;
	unsigned int mode;
	struct timer_list esd_timer;
	struct work_struct esd_work;
};

/* h16dsi_x.c */
extern const struct bus_type h16dsi_host_bus;
void h16dsi_host_quiesce(struct device *dev);
int h16dsi_panel_set_mode(struct mipi_dsi_device *dsi, unsigned int mode);
int h16dsi_host_lock_active(struct h16dsi_hdev *h);
int h16dsi_host_lock_powered(struct h16dsi_hdev *h);

/* h16dsi_y.c */
extern struct h16dsi_host_driver h16dsi_host_driver;
int h16dsi_host_sync_attached(struct h16dsi_hdev *h);
int h16dsi_host_count_attached(struct h16dsi_hdev *h);

/* h16dsi_z.c */
extern struct mipi_dsi_driver h16dsi_panel_driver;

#endif /* _H16DSI_H */
