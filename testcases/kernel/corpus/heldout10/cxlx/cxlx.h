/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cxlx: a CXL-like memory expander.  The PCI driver creates a memdev
 * (a struct device of its own, child of the PCI device, on no bus) as
 * drivers/cxl/core/memdev.c:devm_cxl_add_memdev(), and a firmware upload
 * as drivers/cxl/core/memdev.c:devm_cxl_setup_fw_upload() (cxl_memdev_fw_ops).
 */
#ifndef _CXLX_H
#define _CXLX_H

#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/pci.h>
#include <linux/workqueue.h>

struct cxlx_state;

struct cxlx_memdev {
	struct device dev;
	struct cxlx_state *cxlds;
	int id;
	bool endpoint;
	u32 fw_slot;
};

struct cxlx_state {
	struct pci_dev *pdev;
	struct cxlx_memdev *cxlmd;
	struct work_struct mbox_work;
	struct fw_upload *fwl;
	u32 staged_slot;
	bool cancel;
};

static inline struct cxlx_memdev *to_cxlx_memdev(struct device *dev)
{
	return container_of(dev, struct cxlx_memdev, dev);
}

/* cxlx_core.c: helpers with a lock contract */
void cxlx_memdev_set_endpoint(struct cxlx_memdev *md, bool on);
int cxlx_pci_check(struct pci_dev *pdev);
int cxlx_fw_activate(struct cxlx_memdev *md, u32 slot);

/* cxlx_core.c: the memdev */
struct cxlx_memdev *cxlx_memdev_add(struct cxlx_state *cxlds);
void cxlx_memdev_del(struct cxlx_memdev *md);

/* cxlx_fw.c */
int cxlx_fw_setup(struct cxlx_state *cxlds);
void cxlx_fw_teardown(struct cxlx_state *cxlds);

#endif /* _CXLX_H */
