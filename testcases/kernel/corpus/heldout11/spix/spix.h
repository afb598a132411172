/* SPDX-License-Identifier: GPL-2.0 */
/*
 * spix: an SPI controller (a platform driver registering a spi_controller,
 * shaped on drivers/spi/spi-fsl-lpspi.c) and an SPI client driver on the
 * controller's bus (shaped on drivers/net/can/spi/mcp251x.c).  The register
 * helpers of spix_hw.c each carry a locking contract on the device they are
 * given; the two other files call them from slots of the driver core, the
 * PM core, the IRQ core, workqueues and sysfs.
 */
#ifndef _SPIX_H
#define _SPIX_H

#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/spi/spi.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define SPIX_IRQ_CS	BIT(0)
#define SPIX_IRQ_OVF	BIT(1)

/* First member of both drvdata structs: the helpers reach it by dev_get_drvdata(). */
struct spix_state {
	u32 cs_ns;
	u32 fifo_level;
	u32 pending;
	unsigned long flushes;
};

struct spix_host {
	struct spix_state st;
	struct device *dev;		/* &pdev->dev, kept by probe */
	struct spi_controller *ctlr;
	struct device *memdev;		/* created by spix_alloc_memdev() */
};

struct spix_chip {
	struct spix_state st;
	struct spi_device *spi;
	struct work_struct restart_work;
	struct work_struct resync_work;
	struct work_struct cs_work;
	u32 threshold;
	u32 mode;
};

/* spix_hw.c */
int spix_hw_set_cs_timing(struct device *dev, u32 ns);
int spix_hw_reload_locked(struct device *dev, u32 level);
void spix_hw_flush_fifo(struct device *dev);

/* spix_host.c */
int spix_host_register(void);
void spix_host_unregister(void);

/* spix_chip.c */
int spix_chip_register(void);
void spix_chip_unregister(void);

#endif /* _SPIX_H */
