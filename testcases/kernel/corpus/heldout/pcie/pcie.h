/* SPDX-License-Identifier: GPL-2.0 */
/* corpus_pcie: declarations shared by the module's files. */
#ifndef CORPUS_PCIE_H
#define CORPUS_PCIE_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/pci.h>

#define XPCI_NCTX 2

/* A driver object with a mutex of its own, named like comedi's. */
struct xpci_board {
	struct mutex mutex;
	int users;
};

/* A group of functions of this card, not an iommu_group. */
struct xpci_group {
	struct mutex mutex;
	int generation;
};

struct xpci_ctx {
	struct device dev;
	u64 dma_mask;
	u32 id;
};

struct xpci {
	struct pci_dev *pdev;
	struct xpci_board board;
	struct xpci_group grp;
	struct xpci_ctx ctx[XPCI_NCTX];
	struct dentry *dbg;
};

/* pcie_util.c */
void xpci_reg_commit(struct device *dev);
void xpci_apply_bars(struct pci_dev *pdev);
int xpci_set_power_locked(struct pci_dev *pdev, int state);
void xpci_board_attach(struct xpci_board *dev);
void xpci_grp_update(struct xpci_group *group);
int xpci_dev_trylock(struct pci_dev *pdev);
int xpci_dev_lock_cfg(struct pci_dev *pdev);

/* pcie_ctx.c */
int xpci_ctx_add_all(struct xpci *priv, struct device_node *np);
int xpci_ctx_add_secure(struct xpci *priv, struct device_node *np);

#endif
