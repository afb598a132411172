// SPDX-License-Identifier: GPL-2.0
/* The bus and its driver table; probe and remove are defined in probe.c
 * (the storing file's summary names them: "@stored qux_probe
 * qux_driver.probe"). */
#include <linux/of_device.h>
#include "qux.h"

static int qux_dma_configure(struct device *dev)
{
	return of_dma_configure(dev, dev->of_node, true);
}

const struct bus_type qux_bus = {
	.name = "qux",
	.dma_configure = qux_dma_configure,
};

struct qux_driver qux_default_driver = {
	.probe = qux_probe,
	.remove = qux_remove,
};
