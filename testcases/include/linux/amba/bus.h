/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASMARM_AMBA_H
#define ASMARM_AMBA_H

#include <linux/device.h>

struct amba_id {
	unsigned int id;
	unsigned int mask;
	void *data;
};

struct amba_device {
	struct device		dev;
	unsigned int		periphid;
};

struct amba_driver {
	struct device_driver	drv;
	int			(*probe)(struct amba_device *, const struct amba_id *);
	void			(*remove)(struct amba_device *);
	const struct amba_id	*id_table;
};

#endif
