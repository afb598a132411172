// SPDX-License-Identifier: GPL-2.0
/* Registers with drivers/bar/xreg.c from its probe, under the device's
 * lock: where that core's summary says xreg_register() calls ->setup
 * back, regmod_setup() runs under the probe's lock; where the tree has no
 * such core, nothing says so and line 26 is reported. */
#include <linux/device.h>
#include <linux/platform_device.h>

struct xreg;
struct xreg_ops {
	int (*setup)(struct xreg *x);
};
struct xreg {
	const struct xreg_ops *ops;
	struct device *owner;
};
int xreg_register(struct xreg *x);

static void regmod_commit(struct device *dev)
{
	device_lock_assert(dev);
}

static int regmod_setup(struct xreg *x)
{
	regmod_commit(x->owner);
	return 0;
}

static const struct xreg_ops regmod_ops = { .setup = regmod_setup };
static struct xreg regmod_reg = { .ops = &regmod_ops };

static int regmod_probe(struct platform_device *pdev)
{
	regmod_reg.owner = &pdev->dev;
	return xreg_register(&regmod_reg);
}

struct platform_driver regmod_driver = { .probe = regmod_probe };
