/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_OF_PLATFORM_H
#define _LINUX_OF_PLATFORM_H

/* Like 6.12: of_dma_configure() needs <linux/of_device.h> separately. */
#include <linux/platform_device.h>
#include <linux/of.h>

struct platform_device *of_find_device_by_node(struct device_node *np);
struct platform_device *of_platform_device_create(struct device_node *np,
						  const char *bus_id,
						  struct device *parent);
int of_platform_populate(struct device_node *root,
			 const struct of_device_id *matches,
			 const void *lookup, struct device *parent);
void of_platform_depopulate(struct device *parent);

#endif
