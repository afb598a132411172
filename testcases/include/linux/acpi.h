/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_ACPI_H
#define _LINUX_ACPI_H

#include <linux/device.h>
#include <linux/property.h>

struct acpi_device_id {
	u8 id[16];
	unsigned long driver_data;
};

int acpi_dma_configure_id(struct device *dev, enum dev_dma_attr attr,
			  const u32 *input_id);
static inline int acpi_dma_configure(struct device *dev,
				     enum dev_dma_attr attr)
{
	return acpi_dma_configure_id(dev, attr, NULL);
}
enum dev_dma_attr acpi_get_dma_attr(void *adev);
void *acpi_companion(struct device *dev);
#define ACPI_COMPANION(dev) acpi_companion(dev)

#endif
