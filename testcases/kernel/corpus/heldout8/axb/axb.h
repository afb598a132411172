/* SPDX-License-Identifier: GPL-2.0 */
/*
 * axb: an accelerator-cell bus.  A host controller (a platform device)
 * enumerates DSP and codec cells from its DT children onto axb_bus_type,
 * in the shape of drivers/macintosh/macio_asic.c and drivers/ssb/main.c
 * (legacy bus suspend/resume), with a dma_configure callback shaped as
 * drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_dma_configure() and
 * drivers/amba/bus.c:amba_dma_configure(), memory-context devices as
 * drivers/gpu/host1x/context.c, and a small IOMMU in front of the cells
 * (drivers/iommu/sprd-iommu.c).
 */
#ifndef _AXB_H
#define _AXB_H

#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#define AXB_MAX_CELLS	8
#define AXB_MAX_CTX	4
#define AXB_MAX_SID	64

struct axb_host;

struct axb_device {
	struct device dev;
	struct axb_host *host;
	u32 slot;
	u32 sid;		/* stream ID: input of the host's iommu-map */
	u32 irq_route;
	bool powered;
	u32 saved_ctx[4];
};

#define to_axb_device(d) container_of(d, struct axb_device, dev)

struct axb_driver {
	struct device_driver driver;
	int (*probe)(struct axb_device *adev);
	void (*remove)(struct axb_device *adev);
	void (*shutdown)(struct axb_device *adev);
	int (*suspend)(struct axb_device *adev, pm_message_t state);
	int (*resume)(struct axb_device *adev);
	bool driver_managed_dma;
};

#define to_axb_driver(d) container_of_const(d, struct axb_driver, driver)

/* a memory context: a stream ID of the host with a device of its own */
struct axb_ctx {
	struct device dev;
	struct axb_host *host;
	u64 dma_mask;
	u32 index;
};

struct axb_smmu {
	struct iommu_device iommu;
	struct device *dev;
	void __iomem *base;
	int irq;
	struct dentry *debugfs;
	spinlock_t ste_lock;		/* protects ste[] */
	u64 ste[AXB_MAX_SID];
	struct device *last_fault_dev;	/* holds a reference */
};

/* per client device, dev_iommu_priv */
struct axb_smmu_master {
	struct axb_smmu *smmu;
	struct device *dev;
	u64 rid_ste;			/* entry of the RID domain */
};

struct axb_host {
	struct device *dev;
	void __iomem *base;
	struct mutex lock;		/* protects cells[] and ncells */
	struct axb_device *cells[AXB_MAX_CELLS];
	unsigned int ncells;
	struct axb_ctx ctx[AXB_MAX_CTX];
	unsigned int nctx;
	struct platform_device *mcu;	/* the microcontroller, by phandle */
	struct work_struct recover_work;
	struct notifier_block bus_nb;
	struct axb_smmu smmu;
	u32 saved_cfg;
};

extern const struct bus_type axb_bus_type;
extern const struct bus_type axb_ctx_bus_type;
extern struct platform_driver axb_host_driver;
extern struct axb_driver axb_dsp_driver;

int axb_driver_register(struct axb_driver *drv);
void axb_driver_unregister(struct axb_driver *drv);
struct axb_device *axb_device_add(struct axb_host *host,
				  struct device_node *np, u32 slot);
void axb_device_del(struct axb_device *adev);

/* Helpers of axb_bus.c whose callers must hold the cell's device lock. */
void axb_dev_set_route(struct axb_device *adev, u32 route);
int axb_dev_power_locked(struct axb_device *adev, bool on);
int axb_dev_load_context(struct axb_device *adev);

int axb_host_quiesce_cells(struct axb_host *host);
int axb_host_resume_cells(struct axb_host *host);

#endif /* _AXB_H */
