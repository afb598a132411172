/* SPDX-License-Identifier: GPL-2.0 */
#include <linux/device.h>

struct qux_driver {
	int (*probe)(struct device *dev);
	void (*remove)(struct device *dev);
};

int qux_probe(struct device *dev);
void qux_remove(struct device *dev);
