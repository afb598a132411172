/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mcbx: a private bus_type shaped as the MEN Chameleon Bus
 * (drivers/mcb/mcb-core.c, 6.12: .probe, .remove, .shutdown) with a
 * .dma_configure added in the shape of drivers/pci/pci-driver.c:
 * pci_dma_configure(); a platform carrier creating its cells as
 * drivers/mcb/mcb-lpc.c + mcb-parse.c do; and an IOMMU cell driver whose
 * stream-table helpers assert the iommu group mutex.
 */
#ifndef MCBX_H
#define MCBX_H

#include <linux/device.h>
#include <linux/platform_device.h>

#define MCBX_MAX_CELLS		16
#define MCBX_ID_IOMMU		0x01a7
#define MCBX_ID_DMAC		0x01a8

struct mcbx_device {
	struct device dev;
	u16 id;
	u8 inst;
	int irq;
	struct resource mem;
	bool enabled;
};

#define to_mcbx_device(d) container_of(d, struct mcbx_device, dev)

struct mcbx_driver {
	struct device_driver driver;
	const u16 *ids;			/* zero-terminated */
	bool driver_managed_dma;
	int (*probe)(struct mcbx_device *mdev);
	void (*remove)(struct mcbx_device *mdev);
	void (*shutdown)(struct mcbx_device *mdev);
};

#define to_mcbx_driver(d) container_of_const(d, struct mcbx_driver, driver)

struct mcbx_carrier {
	struct device *dev;		/* &pdev->dev */
	void __iomem *table;
	struct mcbx_device *cells[MCBX_MAX_CELLS];
	int ncells;
	struct device_node *dmac_np;
	struct platform_device *dmac;	/* companion DMA engine, by phandle */
};

/* mcbx_bus.c */
extern const struct bus_type mcbx_bus_type;
int mcbx_register_driver(struct mcbx_driver *drv);
void mcbx_unregister_driver(struct mcbx_driver *drv);
struct mcbx_device *mcbx_alloc_dev(struct device *carrier, u16 id, u8 inst);
int mcbx_device_add(struct mcbx_device *mdev);
void mcbx_dev_enable(struct mcbx_device *mdev);
int mcbx_dev_set_irq_locked(struct device *dev, int irq);

/* mcbx_carrier.c */
int mcbx_carrier_register(void);
void mcbx_carrier_unregister(void);
int mcbx_carrier_table_reload(struct mcbx_carrier *mc);

/* mcbx_iommu.c */
int mcbx_iommu_register(void);
void mcbx_iommu_unregister(void);

#endif /* MCBX_H */
