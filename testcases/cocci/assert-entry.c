// device_lock_assert.cocci: entry locks and contracts derived from the
// code, each positive beside its negative twin.  A driver core callback
// (any *_driver probe/remove, bus_type probe/remove/dma_configure, also as
// an array element) holds device_lock of its own device and no group
// mutex; a function named *_locked or whose kernel-doc Context: says the
// lock is held leaves it to its callers; a non-static function that the
// file calls only from ops callbacks (arm-smmu-v3's arm_smmu_set_pasid())
// is judged by those calls; a device reached through a local
// (drivers/dax/bus.c: dax_region = dev_get_drvdata(dev)) may be the locked
// one.
// RUN: spatch --very-quiet --no-includes -D report --sp-file %cocci/device_lock_assert.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/lockdep.h>

static void needs_dev(struct device *dev)
{
	device_lock_assert(dev);
}

static void needs_group_of(struct device *dev)
{
	iommu_group_mutex_assert(dev);
}

/* include/linux/auxiliary_bus.h, 6.12 */
struct auxiliary_device {
	struct device dev;
	const char *name;
};
struct auxiliary_device_id {
	char name[32];
};
struct auxiliary_driver {
	int (*probe)(struct auxiliary_device *auxdev, const struct auxiliary_device_id *id);
	void (*remove)(struct auxiliary_device *auxdev);
	struct device_driver driver;
};

/* an auxiliary_driver probe holds its device's lock, no group mutex */
static int aux_probe(struct auxiliary_device *auxdev,
		     const struct auxiliary_device_id *id)
{
	needs_dev(&auxdev->dev);
	// CHECK: assert-entry.c:[[@LINE+1]]:1-15: WARNING: needs_group_of() asserts the iommu group mutex of &auxdev->dev; aux_probe() neither holds it nor asserts it [group-mutex-required]
	needs_group_of(&auxdev->dev);
	return 0;
}

static struct auxiliary_driver aux_driver = {
	.probe = aux_probe,
};

/* the twin: the same body, exported and called from nowhere here */
int aux_setup(struct auxiliary_device *auxdev)
{
	// CHECK: assert-entry.c:[[@LINE+1]]:1-10: WARNING: needs_dev() asserts device_lock of &auxdev->dev; aux_setup() neither holds it nor asserts it [device-lock-required]
	needs_dev(&auxdev->dev);
	// CHECK: assert-entry.c:[[@LINE+1]]:1-15: WARNING: needs_group_of() asserts the iommu group mutex of &auxdev->dev; aux_setup() neither holds it nor asserts it [group-mutex-required]
	needs_group_of(&auxdev->dev);
	return 0;
}

/* the other twin: an ops table, entered with what its caller holds: not
 * decided here */
struct aux_ops {
	int (*probe)(struct auxiliary_device *auxdev, const struct auxiliary_device_id *id);
};
static int ops_probe(struct auxiliary_device *auxdev,
		     const struct auxiliary_device_id *id)
{
	needs_dev(&auxdev->dev);
	needs_group_of(&auxdev->dev);
	return 0;
}
static const struct aux_ops aux_ops = { .probe = ops_probe };

/* bus_type callbacks of a bus defined as an array element */
static int arr_probe(struct device *dev)
{
	needs_dev(dev);
	// CHECK: assert-entry.c:[[@LINE+1]]:1-15: WARNING: needs_group_of() asserts the iommu group mutex of dev; arr_probe() neither holds it nor asserts it [group-mutex-required]
	needs_group_of(dev);
	return 0;
}
static struct bus_type lc_buses[] = {
	{ .name = "lc", .probe = arr_probe },
};

/* ... and of a sized array with designators */
enum { LC_HOST, LC_NR };
static int host_remove_cb(struct device *dev)
{
	needs_dev(dev);
	// CHECK: assert-entry.c:[[@LINE+1]]:1-15: WARNING: needs_group_of() asserts the iommu group mutex of dev; host_remove_cb() neither holds it nor asserts it [group-mutex-required]
	needs_group_of(dev);
	return 0;
}
static const struct bus_type lc_types[LC_NR] = {
	[LC_HOST] = { .name = "host", .probe = host_remove_cb },
};

/* the twin: the same slot in an array of another struct */
struct fake_bus {
	int (*probe)(struct device *dev);
};
static int fake_probe(struct device *dev)
{
	needs_dev(dev);
	needs_group_of(dev);
	return 0;
}
static struct fake_bus fake_buses[] = {
	{ .probe = fake_probe },
};

/* The contract of the function on its callers: its name ... */
struct port { struct device dev; };
static void needs_port(struct port *port)
{
	device_lock_assert(&port->dev);
}
void port_add_locked(struct port *port)
{
	needs_port(port);
}
/* ... (the twin: a plain name) ... */
void port_add(struct port *port)
{
	// CHECK: assert-entry.c:[[@LINE+1]]:1-11: WARNING: needs_port() asserts device_lock of &port->dev; port_add() neither holds it nor asserts it [device-lock-required]
	needs_port(port);
}

/**
 * port_attach() - attach a port
 * @port: the port
 *
 * Context: Process context. Expects the device lock of the port to be
 * held.
 */
void port_attach(struct port *port)
{
	needs_port(port);
}

/**
 * port_attach2() - attach a port
 * @port: the port
 *
 * Context: Process context. Takes and releases the device lock of the port.
 */
void port_attach2(struct port *port)
{
	// CHECK: assert-entry.c:[[@LINE+1]]:1-11: WARNING: needs_port() asserts device_lock of &port->dev; port_attach2() neither holds it nor asserts it [device-lock-required]
	needs_port(port);
}

/**
 * group_attach() - attach to the group
 * @dev: the device
 *
 * Context: Caller holds the iommu group mutex.
 */
void group_attach(struct device *dev)
{
	needs_group_of(dev);
}

/* ... and a Context: line about the group mutex says nothing of device_lock */
/**
 * group_attach_dev() - attach to the group
 * @dev: the device
 *
 * Context: Caller holds the iommu group mutex.
 */
void group_attach_dev(struct device *dev)
{
	needs_group_of(dev);
	// CHECK: assert-entry.c:[[@LINE+1]]:1-10: WARNING: needs_dev() asserts device_lock of dev; group_attach_dev() neither holds it nor asserts it [device-lock-required]
	needs_dev(dev);
}

/*
 * arm-smmu-v3.c: arm_smmu_set_pasid() is non-static, and this file calls
 * it only from arm_smmu_s1_set_dev_pasid(), an iommu ops callback ...
 */
struct lc_domain_ops {
	int (*set_dev_pasid)(struct device *dev, int pasid);
};
int lc_set_pasid(struct device *dev, int pasid)
{
	needs_group_of(dev);
	return pasid;
}
static int lc_s1_set_dev_pasid(struct device *dev, int pasid)
{
	return lc_set_pasid(dev, pasid);
}
static const struct lc_domain_ops lc_ops = {
	.set_dev_pasid = lc_s1_set_dev_pasid,
};

/* ... the twin: called here from a function that does not hold it */
int lc_set_pasid2(struct device *dev, int pasid)
{
	// CHECK: assert-entry.c:[[@LINE+1]]:1-15: WARNING: needs_group_of() asserts the iommu group mutex of dev; lc_set_pasid2() neither holds it nor asserts it [group-mutex-required]
	needs_group_of(dev);
	return pasid;
}
int lc_use_pasid2(struct device *dev)
{
	return lc_set_pasid2(dev, 1);
}

/* drivers/dax/bus.c: the region is the locked device's driver data */
struct lc_region { struct device *dev; };
static unsigned long region_avail(struct lc_region *region)
{
	device_lock_assert(region->dev);
	return 0;
}
unsigned long available_size_show(struct device *dev)
{
	struct lc_region *region = dev_get_drvdata(dev);
	unsigned long size;

	device_lock(dev);
	size = region_avail(region);
	device_unlock(dev);
	return size;
}
/* the twin: another parameter is locked */
unsigned long available_size_other(struct device *dev, struct lc_region *region)
{
	unsigned long size;

	device_lock(dev);
	// CHECK: assert-entry.c:[[@LINE+1]]:8-20: WARNING: region_avail() asserts device_lock of region->dev; available_size_other() neither holds it nor asserts it [device-lock-required]
	size = region_avail(region);
	device_unlock(dev);
	return size;
}

int lc_use(void)
{
	return (aux_driver.probe != NULL) + (aux_ops.probe != NULL) +
	       (lc_buses[0].probe != NULL) + (fake_buses[0].probe != NULL) +
	       (lc_types[LC_HOST].probe != NULL) +
	       (lc_ops.set_dev_pasid != NULL);
}
