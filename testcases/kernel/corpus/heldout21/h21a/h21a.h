/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h21a - a private AMBA-primecell style bus and a PL330-like DMA controller
 * driver sitting on it.  Layout of struct h21a_device / struct h21a_driver
 * follows include/linux/amba/bus.h (struct amba_device, struct amba_driver)
 * of Linux 6.12.
 */
#ifndef __H21A_H
#define __H21A_H

#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/mod_devicetable.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/types.h>

#define H21A_CFG_DEFAULT	0x00000001
#define H21A_CFG_BURST_MASK	0x000000f0
#define H21A_CFG_SECURE		0x00000100

#define H21A_REG_CFG		0x000
#define H21A_REG_PWR		0x004
#define H21A_REG_CLKGATE	0x008
#define H21A_REG_STATUS		0x00c
#define H21A_REG_IRQ_CLR	0x010

struct h21a_device {
	struct device		dev;
	struct resource		res;
	void __iomem		*base;
	unsigned int		periphid;
	int			irq;
	struct mutex		periphid_lock;
	struct list_head	node;		/* on h21a_cells, under h21a_cells_lock */
	u32			cfg;
	bool			pclk_on;
	bool			powered;
};

struct h21a_driver {
	struct device_driver	drv;
	int			(*probe)(struct h21a_device *adev,
					 const struct amba_id *id);
	void			(*remove)(struct h21a_device *adev);
	void			(*shutdown)(struct h21a_device *adev);
	const struct amba_id	*id_table;
	bool			driver_managed_dma;
};

#define to_h21a_device(d)	container_of(d, struct h21a_device, dev)
#define to_h21a_driver(d)	container_of_const(d, struct h21a_driver, drv)

extern const struct bus_type h21a_bustype;
extern struct list_head h21a_cells;
extern struct mutex h21a_cells_lock;

/* h21a_bus.c */
struct h21a_device *h21a_device_alloc(const char *name, resource_size_t base,
				      size_t size);
int h21a_device_add(struct h21a_device *adev, struct device *parent,
		    struct device_node *np);
int h21a_device_attach_node(struct h21a_device *adev, struct device_node *np);
void h21a_device_unregister(struct h21a_device *adev);
int h21a_driver_register(struct h21a_driver *drv);
void h21a_driver_unregister(struct h21a_driver *drv);

/* h21a_lock.c: helpers with a device-lock contract */
void h21a_pclk_gate(struct h21a_device *adev, bool on);
int h21a_periph_reconfig_locked(struct device *dev, u32 cfg);
int h21a_set_power_domain(struct device *dev, bool on);
bool h21a_lock_if_bound(struct device *dev);
int h21a_begin_reprogram(struct h21a_device *adev);
int h21a_cell_sync(struct h21a_device *adev, u32 cfg);
int h21a_cell_sync_checked(struct h21a_device *adev, u32 cfg);
void h21a_gate_all_cells(bool on);
void h21a_gate_all_cells_unlocked(bool on);

/* h21a_drv.c */
int h21a_dmac_init(void);
void h21a_dmac_exit(void);

#endif /* __H21A_H */
