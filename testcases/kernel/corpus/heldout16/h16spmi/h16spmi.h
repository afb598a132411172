/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * h16spmi - an SPMI arbiter (controller) driver and an SPMI PMIC client
 * driver written after drivers/spmi/spmi.c, drivers/spmi/spmi-pmic-arb.c
 * and drivers/mfd/qcom-spmi-pmic.c of Linux 6.12.
 *
 * The arbiter is a device on a private bus ("h16spmi-arb") that stands in
 * for the platform bus spmi-pmic-arb binds on.  It allocates a real
 * struct spmi_controller (spmi_controller_alloc()/spmi_controller_add(),
 * which also creates the SPMI devices found in DT) and creates extra SPMI
 * devices itself with spmi_device_alloc()/spmi_device_add().  The client
 * side is a real struct spmi_driver.
 */
#ifndef _H16SPMI_H
#define _H16SPMI_H

#include <linux/device.h>
#include <linux/spinlock.h>
#include <linux/spmi.h>
#include <linux/workqueue.h>

struct dentry;

#define H16SPMI_MAX_SDEV	4

/* drivers/spmi/spmi-pmic-arb.c:struct spmi_pmic_arb, reduced; lives on the private bus */
struct h16spmi_arb {
	struct device dev;
	unsigned int index;
	bool dead;
	spinlock_t lock;
	struct spmi_controller *ctrl;
	struct spmi_device *sdevs[H16SPMI_MAX_SDEV];	/* created here */
	struct dentry *dbg;
	u8 regs[256];
};

#define to_h16spmi_arb(d) container_of(d, struct h16spmi_arb, dev)

struct h16spmi_arb_driver {
	struct device_driver driver;
	int (*probe)(struct h16spmi_arb *arb);
	void (*remove)(struct h16spmi_arb *arb);
};

#define to_h16spmi_arb_driver(d) \
	container_of(d, struct h16spmi_arb_driver, driver)

/* spmi_controller drvdata */
struct h16spmi_ctrl_priv {
	struct h16spmi_arb *arb;
};

/* drivers/mfd/qcom-spmi-pmic.c:struct qcom_spmi_dev, reduced */
struct h16spmi_pmic {
	struct spmi_device *sdev;
	struct spmi_device *base;	/* sibling; read back by revid_work */
	struct work_struct revid_work;
	unsigned int num_usids;
	u8 rev;
};

/* h16spmi_x.c */
extern const struct bus_type h16spmi_arb_bus;
void h16spmi_arb_quiesce(struct device *dev);
int h16spmi_sdev_resync_locked(struct spmi_device *sdev);
int h16spmi_sdev_trylock(struct spmi_device *sdev);
int h16spmi_sdev_trylock_active(struct spmi_device *sdev);

/* h16spmi_y.c */
extern struct h16spmi_arb_driver h16spmi_arb_driver;

/* h16spmi_z.c */
extern struct spmi_driver h16spmi_pmic_driver;

#endif /* _H16SPMI_H */
