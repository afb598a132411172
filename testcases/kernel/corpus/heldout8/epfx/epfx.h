/* SPDX-License-Identifier: GPL-2.0 */
/*
 * epfx: a PCI endpoint function driver (pci_epf_driver) and the endpoint
 * controller it runs on (a platform driver creating the pci_epc), in the
 * shapes of drivers/pci/endpoint/functions/pci-epf-test.c and
 * drivers/pci/controller/dwc/pcie-qcom-ep.c.
 */
#ifndef _EPFX_H
#define _EPFX_H

#include <linux/dmaengine.h>
#include <linux/mutex.h>
#include <linux/pci-epc.h>
#include <linux/pci-epf.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

#define EPFX_CMD_REMAP		1
#define EPFX_CMD_COPY		2

#define EPFX_STATUS_DONE	BIT(0)
#define EPFX_STATUS_ERROR	BIT(1)
#define EPFX_STATUS_BUSY	BIT(2)

/* the register BAR the host sees */
struct epfx_reg {
	u32 command;
	u32 status;
	u64 src_addr;
	u64 dst_addr;
	u32 size;
	u32 irq_number;
} __packed;

struct epfx_func {
	struct pci_epf *epf;
	const struct pci_epc_features *features;
	enum pci_barno reg_bar;
	struct epfx_reg *reg;
	struct delayed_work cmd_work;
	struct mutex cmd_lock;		/* serialises transfers on chan */
	struct platform_device *dma_pdev; /* system DMA engine, by phandle */
	struct dma_chan *chan;
	bool bar_mapped;
};

/* the endpoint controller */
struct epfx_ep {
	struct device *dev;
	void __iomem *base;
	struct pci_epc *epc;
	struct platform_device *edma;
	struct platform_device *doorbell;
	int irq;
	u32 saved_ltssm;
};

/* epfx_dma.c: helpers on the EPF device (ef->epf->dev) */
int epfx_dma_find_engine(struct epfx_func *ef);
int epfx_dma_setup(struct epfx_func *ef);
void epfx_dma_release_locked(struct epfx_func *ef);
int epfx_func_map_bar(struct epfx_func *ef);

/* epfx_ep.c */
extern struct platform_driver epfx_ep_driver;

#endif /* _EPFX_H */
