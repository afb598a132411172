/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h21s - a private SSB-style backplane bus (the core enumerates and
 * registers its cores, like drivers/ssb/main.c and drivers/bcma/main.c) and
 * a b44-like Ethernet core driver.  Structures follow include/linux/ssb/ssb.h
 * (struct ssb_device, struct ssb_driver) of Linux 6.12.
 */
#ifndef __H21S_H
#define __H21S_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/mod_devicetable.h>
#include <linux/pm.h>
#include <linux/types.h>

#define H21S_MAX_CORES		8
#define H21S_VENDOR_BROADCOM	0x4243	/* SSB_VENDOR_BROADCOM */
#define H21S_CORE_CHIPCOMMON	0x800
#define H21S_CORE_ETHERNET	0x806
#define H21S_CORE_ETH_PHY	0x808

#define H21S_TMSLOW_RESET	0x00000001
#define H21S_TMSLOW_CLOCK	0x00010000

struct h21s_bus;

struct h21s_core {
	struct device		dev;
	struct h21s_bus		*bus;
	struct device		*dma_dev;	/* dev itself, or the host (parent) */
	struct list_head	list;
	struct ssb_device_id	id;
	u32			stream_id;
	u32			tmslow;
	u8			core_index;
	bool			registered;
	bool			enabled;
};

struct h21s_bus {
	struct device		*host;		/* host bridge, not ours */
	struct device_node	*np;
	struct list_head	cores;
	struct h21s_core	*cores_arr[H21S_MAX_CORES];
	unsigned int		nr_cores;
	unsigned int		num;
};

struct h21s_driver {
	const char			*name;
	const struct ssb_device_id	*id_table;
	int				(*probe)(struct h21s_core *core,
						 const struct ssb_device_id *id);
	void				(*remove)(struct h21s_core *core);
	int				(*suspend)(struct h21s_core *core,
						   pm_message_t state);
	int				(*resume)(struct h21s_core *core);
	void				(*shutdown)(struct h21s_core *core);
	struct device_driver		drv;
};

#define to_h21s_core(d)		container_of(d, struct h21s_core, dev)
#define drv_to_h21s_drv(d)	container_of_const(d, struct h21s_driver, drv)

/* h21s_main.c */
int h21s_driver_register(struct h21s_driver *drv);
void h21s_driver_unregister(struct h21s_driver *drv);
struct h21s_core *h21s_find_sibling(struct h21s_core *core, u16 coreid);
int h21s_bus_host_reset(struct h21s_bus *bus);

/* h21s_lock.c: helpers with a device-lock contract */
void h21s_core_enable(struct h21s_core *core, u32 flags);
void h21s_core_disable_locked(struct device *dev);
int h21s_core_set_stream(struct device *dev, u32 sid);
bool h21s_core_trylock_enabled(struct h21s_core *core);
int h21s_core_reset(struct h21s_core *core);
int h21s_core_reset_fixed(struct h21s_core *core);

/* h21s_gige.c */
int h21s_gige_init(void);
void h21s_gige_exit(void);

#endif /* __H21S_H */
