/* SPDX-License-Identifier: GPL-2.0 */
/* corpus_comp: one module, five drivers, registered by comp_master.c. */
#ifndef CORPUS_COMP_H
#define CORPUS_COMP_H

#include <linux/auxiliary_bus.h>
#include <linux/i2c.h>
#include <linux/platform_device.h>
#include <linux/spi/spi.h>

extern struct platform_driver comp_master_driver;
extern struct platform_driver comp_backend_driver;
extern struct auxiliary_driver comp_aux_driver;
extern struct i2c_driver comp_i2c_driver;
extern struct spi_driver comp_spi_driver;

/* comp_aux.c: callers hold device_lock(dev). */
void comp_sync(struct device *dev);

/* comp_comp.c */
int comp_gmu_init(struct device *dev, struct device_node *node);

#endif
