// SPDX-License-Identifier: GPL-2.0
/*
 * fpgx helpers with a lock contract, called from fpgx_mgr.c and
 * fpgx_region.c, and the module's init.
 */
#include <linux/device.h>
#include <linux/module.h>

#include "fpgx.h"

/*
 * Put the configuration engine back in reset.  Probe and remove of the
 * manager's platform device run under its device lock, and so must every
 * other caller: the reset count is read by remove.
 */
void fpgx_mgr_reset(struct fpgx_mgr *m)
{
	struct device *d = m->dev;

	device_lock_assert(d);
	m->resets++;
	m->written = 0;
}

/**
 * fpgx_region_freeze() - freeze or thaw the region's fabric interface
 * @region: the region
 * @freeze: true to freeze
 *
 * Context: Process context.  Caller holds the device lock of the region's
 * platform device.
 */
void fpgx_region_freeze(struct fpgx_region *region, bool freeze)
{
	region->frozen = freeze;
}

static int __init fpgx_init(void)
{
	int ret;

	ret = fpgx_mgr_init();
	if (ret)
		return ret;
	ret = fpgx_region_init();
	if (ret)
		fpgx_mgr_exit();
	return ret;
}
module_init(fpgx_init);

static void __exit fpgx_exit(void)
{
	fpgx_region_exit();
	fpgx_mgr_exit();
}
module_exit(fpgx_exit);

MODULE_DESCRIPTION("FPGA manager and region (corpus)");
MODULE_LICENSE("GPL");
