/* Another TU for twopass.c: requirements stated by asserts. */
#include <linux/device.h>
#include <linux/iommu.h>

struct iommu_group {
	struct mutex mutex;
};

void other_needs_lock(struct device *dev)
{
	device_lock_assert(dev);
}

void other_needs_group(struct device *dev)
{
	lockdep_assert_held(&dev->iommu_group->mutex);
}

/* The device embedded in a parameter (drivers/cxl/core/port.c style). */
struct port {
	int id;
	struct device dev;
};

void other_port_op(struct port *port)
{
	device_lock_assert(&port->dev);
}

void other_port_lockdep(struct port *port)
{
	lockdep_assert_held(&port->dev.mutex);
}

/* Asserts on something that is not a parameter: no requirement. */
extern struct device *other_global;
void other_no_param(struct device *dev)
{
	device_lock_assert(other_global);
}

/* Static: invisible to other TUs, not exported. */
static void other_static(struct device *dev)
{
	device_lock_assert(dev);
}

void other_calls_static(void)
{
	other_static(other_global); // not a finding here: tested in infer.c
}
