/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_PROPERTY_H_
#define _LINUX_PROPERTY_H_

#include <linux/types.h>

struct device;

enum dev_dma_attr {
	DEV_DMA_NOT_SUPPORTED,
	DEV_DMA_NON_COHERENT,
	DEV_DMA_COHERENT,
};

enum dev_dma_attr device_get_dma_attr(const struct device *dev);

#endif
