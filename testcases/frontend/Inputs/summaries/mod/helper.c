// SPDX-License-Identifier: GPL-2.0
/* A helper that configures DMA for a child device and states, by
 * assertion, that its caller holds the child's device_lock. */
#include <linux/device.h>
#include <linux/of_device.h>

int twin_configure_child(struct device *child)
{
	device_lock_assert(child);
	return of_dma_configure(child, child->parent->of_node, true);
}
