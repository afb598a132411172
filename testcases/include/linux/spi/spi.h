/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_SPI_H
#define __LINUX_SPI_H

#include <linux/device.h>

struct spi_device {
	struct device		dev;
	u32			max_speed_hz;
};

struct spi_driver {
	int			(*probe)(struct spi_device *spi);
	void			(*remove)(struct spi_device *spi);
	struct device_driver	driver;
};

#endif
