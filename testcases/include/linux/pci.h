/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LINUX_PCI_H
#define LINUX_PCI_H

#include <linux/device.h>

struct pci_device_id {
	u32 vendor, device;
	u32 subvendor, subdevice;
	u32 class, class_mask;
	unsigned long driver_data;
};

struct pci_dev {
	unsigned int	devfn;
	unsigned short	vendor;
	unsigned short	device;
	struct device	dev;
};

#define to_pci_dev(n) container_of(n, struct pci_dev, dev)

struct pci_driver {
	const char		*name;
	const struct pci_device_id *id_table;
	int  (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
	struct device_driver	driver;
};

extern const struct bus_type pci_bus_type;

#endif
