/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iiox: an I2C accelerometer exposed through IIO with a triggered buffer,
 * shaped on drivers/iio/imu/bmi160/bmi160_core.c (probe, trigger handler,
 * data-ready interrupt) and drivers/iio/adc/ti-ads1015.c (read_raw under a
 * driver mutex).  It binds a FIFO DMA companion found by phandle, as
 * drivers/gpu/drm/msm/adreno/a6xx_gmu.c:a6xx_gmu_wrapper_init() binds the
 * GMU.  The register helpers of iiox_regs.c carry device-lock contracts.
 */
#ifndef _IIOX_H
#define _IIOX_H

#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/iio/iio.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

struct iiox_data {
	struct device *dev;		/* &client->dev, kept by probe */
	struct i2c_client *client;
	struct mutex lock;		/* serialises register access */
	struct platform_device *fifo;	/* companion found by phandle */
	struct platform_device *fifo_aux;
	struct device_node *dma_np;	/* node the sensor's DMA follows */
	struct work_struct rebind_work;
	u32 odr;
	bool powered;
	unsigned long drained;
	struct {
		s16 accel;
		aligned_s64 ts;
	} scan;
};

/* iiox_regs.c */
int iiox_regs_set_odr(struct device *dev, u32 odr);
int iiox_regs_power_locked(struct device *dev, bool on);
void iiox_regs_fifo_drain(struct device *dev);
int iiox_regs_read_accel(struct iiox_data *data, int *val);

/* iiox_core.c */
extern const struct iio_info iiox_info;
extern const struct iio_chan_spec iiox_channels[];
extern const unsigned int iiox_num_channels;
irqreturn_t iiox_trigger_handler(int irq, void *p);
irqreturn_t iiox_drdy_thread(int irq, void *p);

#endif /* _IIOX_H */
