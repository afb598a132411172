// SPDX-License-Identifier: GPL-2.0
/*
 * ndx namespaces: callers in another file of the helpers of ndx_bus.c,
 * lock and unlock helpers, a scan loop, in the shapes of
 * drivers/nvdimm/namespace_devs.c and dimm_devs.c (6.12).
 */
#include <linux/module.h>
#include <linux/kstrtox.h>
#include <linux/sysfs.h>
#include "ndx.h"

/* nvdimm_bus_lock()/nvdimm_bus_unlock()-like pair, here on device_lock */
void ndx_ns_lock(struct ndx_dev *ndev)
{
	device_lock(&ndev->dev);
}

void ndx_ns_unlock(struct ndx_dev *ndev)
{
	device_unlock(&ndev->dev);
}

/*
 * drivers/nvdimm/namespace_devs.c:nd_namespace_... delete path: a static
 * helper with no contract of its own that kills the device (kill_device()
 * asserts device_lock); whoever calls it must hold the lock.
 */
static bool ndx_ns_kill(struct ndx_dev *ndev)
{
	return kill_device(&ndev->dev); /* EXPECT: device-lock-required @nskill */
}

static bool ndx_ns_kill_guarded(struct ndx_dev *ndev)
{
	return kill_device(&ndev->dev); /* EXPECT-NONE: device-lock-required @nskillok */
}

/* A device attribute ->store: kernfs holds no device lock. */
static ssize_t delete_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);

	if (!ndx_ns_kill(ndev)) /* EXPECT: device-lock-required @nskill */
		return -EBUSY;
	return len;
}
static DEVICE_ATTR_WO(delete);

/*
 * The twin, with scoped_guard(device, ...) as drivers/cxl/core/port.c:
 * delete_endpoint().
 */
static ssize_t forget_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);
	bool killed = false;

	scoped_guard(device, dev)
		killed = ndx_ns_kill_guarded(ndev); /* EXPECT-NONE: device-lock-required @nskillok */
	return killed ? len : -EBUSY;
}
static DEVICE_ATTR_WO(forget);

/* Lock taken by one helper of this file, dropped by another. */
static ssize_t holder_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);
	int rc;

	ndx_ns_lock(ndev);
	rc = ndx_claim(ndev); /* EXPECT-NONE: device-lock-required */
	ndx_ns_unlock(ndev);
	return rc ? rc : len;
}
static DEVICE_ATTR_WO(holder);

/* The twin: the claim comes after the unlock helper. */
static ssize_t holder_class_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);
	int rc;

	ndx_ns_lock(ndev);
	rc = ndx_set_size_locked(ndev, ndev->size); /* EXPECT-NONE: device-lock-required */
	ndx_ns_unlock(ndev);
	if (!rc)
		rc = ndx_claim(ndev); /* EXPECT: device-lock-required */
	return rc ? rc : len;
}
static DEVICE_ATTR_WO(holder_class);

/* ndx_lock_interruptible() returns with the lock exactly on success. */
static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);
	int rc;

	if (ndx_lock_interruptible(ndev))
		return -EINTR;
	rc = ndx_activate(ndev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return rc ? rc : len;
}
static DEVICE_ATTR_WO(mode);

/*
 * The result of device_lock_interruptible() ignored: when interrupted the
 * unlock below releases a lock that was never taken.
 */
static ssize_t sector_size_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);
	u64 val;

	if (kstrtou64(buf, 0, &val))
		return -EINVAL;
	device_lock_interruptible(dev);
	ndev->size = ALIGN(ndev->size, val ? val : 512);
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return len;
}
static DEVICE_ATTR_WO(sector_size);

/* The twin checks it. */
static ssize_t alt_name_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);

	if (device_lock_interruptible(dev))
		return -EINTR;
	ndev->claimed = false;
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return len;
}
static DEVICE_ATTR_WO(alt_name);

static struct attribute *ndx_ns_attrs[] = {
	&dev_attr_delete.attr,
	&dev_attr_forget.attr,
	&dev_attr_holder.attr,
	&dev_attr_holder_class.attr,
	&dev_attr_mode.attr,
	&dev_attr_sector_size.attr,
	&dev_attr_alt_name.attr,
	NULL,
};

const struct attribute_group ndx_ns_attr_group = {
	.attrs = ndx_ns_attrs,
};

/*
 * drivers/nvdimm/dimm_devs.c:nvdimm_bus_check_dimm_count()-like walk over
 * the namespaces, locking each: a busy one returns with its lock held,
 * while every other return leaves no lock (inconsistent returns).
 */
int ndx_ns_scan(struct ndx_bus *bus)
{
	int i;

	for (i = 0; i < bus->nr_ns; i++) {
		struct device *dev = &bus->ns[i]->dev;

		device_lock(dev);
		if (bus->ns[i]->active)
			return -EBUSY; /* EXPECT: lock-imbalance */
		bus->ns[i]->claimed = false;
		device_unlock(dev);
	}
	return 0;
}

/* The twin unlocks before the early return. */
int ndx_ns_scan_unwind(struct ndx_bus *bus)
{
	int i;

	for (i = 0; i < bus->nr_ns; i++) {
		struct device *dev = &bus->ns[i]->dev;

		device_lock(dev);
		if (bus->ns[i]->active) {
			device_unlock(dev);
			return -EBUSY; /* EXPECT-NONE: lock-imbalance */
		}
		ndx_claim(bus->ns[i]); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
	}
	return 0;
}
