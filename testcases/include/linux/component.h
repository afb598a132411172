/* SPDX-License-Identifier: GPL-2.0 */
#ifndef COMPONENT_H
#define COMPONENT_H

#include <linux/device.h>

struct component_ops {
	int (*bind)(struct device *comp, struct device *master, void *master_data);
	void (*unbind)(struct device *comp, struct device *master, void *master_data);
};

struct component_master_ops {
	int (*bind)(struct device *master);
	void (*unbind)(struct device *master);
};

int component_add(struct device *dev, const struct component_ops *ops);
void component_del(struct device *dev, const struct component_ops *ops);

#endif
