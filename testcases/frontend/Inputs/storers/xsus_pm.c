// SPDX-License-Identifier: GPL-2.0
/* The bus's PM operations: the core's exported function is its ->freeze. */
#include <linux/pm.h>
#include "xsus.h"

const struct dev_pm_ops xsus_pm_ops = {
	.freeze = xsus_dev_suspend,
};
