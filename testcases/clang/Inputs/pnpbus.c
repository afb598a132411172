// The bus side of pnpctx.c: pnp_bus_resume(), stored in the bus's
// dev_pm_ops.resume, calls the driver's ->resume() for its own device;
// the early-resume twin, stored in .resume_early, calls ->resume_early()
// the same way.  The PM core (pmcore.c) calls the first with the device
// locked and the second without.
#include "pnpbus.h"

static int xpnp_bus_resume(struct device *dev)
{
	struct xpnp_dev *xd = to_xpnp_dev(dev);
	struct xpnp_driver *drv = xd->driver;

	if (drv && drv->resume)
		return drv->resume(xd);
	return 0;
}

static int xpnp_bus_resume_early(struct device *dev)
{
	struct xpnp_dev *xd = to_xpnp_dev(dev);
	struct xpnp_driver *drv = xd->driver;

	if (drv && drv->resume_early)
		return drv->resume_early(xd);
	return 0;
}

static const struct dev_pm_ops xpnp_bus_pm_ops = {
	.resume = xpnp_bus_resume,
	.resume_early = xpnp_bus_resume_early,
};

const struct bus_type xpnp_bus_type = {
	.name = "xpnp",
	.pm = &xpnp_bus_pm_ops,
};
