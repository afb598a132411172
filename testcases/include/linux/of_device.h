/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_OF_DEVICE_H
#define _LINUX_OF_DEVICE_H

#include <linux/device.h>
#include <linux/of.h>

int of_dma_configure_id(struct device *dev,
			struct device_node *np,
			bool force_dma, const u32 *id);
static inline int of_dma_configure(struct device *dev,
				   struct device_node *np,
				   bool force_dma)
{
	return of_dma_configure_id(dev, np, force_dma, NULL);
}
const struct of_device_id *of_match_device(const struct of_device_id *matches,
					   const struct device *dev);

#endif
