// SPDX-License-Identifier: GPL-2.0
/* A core whose exported register function calls its caller's ->setup
 * back there and then (i3c_master_register() -> ->bus_init()).  It takes
 * no lock: only the grep for the exporters of what a module calls finds
 * it. */
#include <linux/export.h>

struct xreg;
struct xreg_ops {
	int (*setup)(struct xreg *x);
};
struct xreg {
	const struct xreg_ops *ops;
	void *owner;
};

int xreg_register(struct xreg *x)
{
	return x->ops->setup(x);
}
EXPORT_SYMBOL(xreg_register);
