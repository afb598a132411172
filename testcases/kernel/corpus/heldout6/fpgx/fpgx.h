/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fpgx: an FPGA manager (drivers/fpga/socfpga-a10.c, zynq-fpga.c shapes)
 * and an FPGA region whose bridges it finds by phandle
 * (drivers/fpga/of-fpga-region.c shape), both platform drivers.
 */
#ifndef FPGX_H
#define FPGX_H

#include <linux/device.h>
#include <linux/fpga/fpga-mgr.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

#define FPGX_MAX_BRIDGES	4

struct fpgx_mgr {
	struct device *dev;		/* the manager's platform device */
	struct fpga_manager *mgr;
	struct device_node *cfg_np;	/* the configuration port */
	struct device_node *data_np;	/* the fabric's data port */
	u32 resets;
	size_t written;
};

struct fpgx_region {
	struct device *dev;		/* the region's platform device */
	struct platform_device *bridges[FPGX_MAX_BRIDGES];
	int nbridges;
	struct work_struct program_work;
	bool frozen;
	bool populated;
};

/* fpgx_core.c */
void fpgx_mgr_reset(struct fpgx_mgr *m);
void fpgx_region_freeze(struct fpgx_region *region, bool freeze);
int fpgx_mgr_init(void);
void fpgx_mgr_exit(void);
int fpgx_region_init(void);
void fpgx_region_exit(void);

#endif
