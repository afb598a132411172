// SPDX-License-Identifier: GPL-2.0
/*
 * ndx region driver: probe/remove/notify on the ndx bus, sysfs attributes
 * of its devices and work items, in the shapes of drivers/nvdimm/
 * region_devs.c, region.c and namespace_devs.c (6.12).
 */
#include <linux/module.h>
#include <linux/kstrtox.h>
#include <linux/sysfs.h>
#include "ndx.h"

/*
 * drivers/nvdimm/region.c:nd_region_probe(): ->probe of an ndx_driver,
 * reached from ndx_bus_probe() (bus_type.probe), so device_lock of
 * ndev->dev is already held by really_probe().
 */
static int ndx_region_probe(struct ndx_dev *ndev)
{
	struct device *dev = &ndev->dev;
	int rc;

	/* taking it again would deadlock: a double lock */
	device_lock(dev); /* EXPECT: lock-imbalance */
	rc = ndx_set_size_locked(ndev, ndev->size);
	device_unlock(dev);
	return rc;
}

/*
 * The twin: a probe that takes the lock of its parent (the ndx bus
 * device), which the core does not hold here (ndx_bus_type has no
 * need_parent_lock); as usb drivers lock the parent hub.
 */
static int ndx_region_probe_parent(struct ndx_dev *ndev)
{
	struct device *parent = ndev->dev.parent;
	int rc;

	device_lock(parent); /* EXPECT-NONE: lock-imbalance */
	rc = ndx_activate(ndev); /* EXPECT-NONE: device-lock-required */
	device_unlock(parent);
	return rc;
}

/*
 * drivers/nvdimm/region.c:nd_region_notify(): ->notify, which
 * nd_device_notify() (here ndx_device_notify()) calls under device_lock.
 */
static void ndx_region_notify(struct ndx_dev *ndev, enum ndx_event event)
{
	if (event == NDX_EVENT_RESIZE)
		ndx_activate(ndev); /* EXPECT-NONE: device-lock-required */
}

static void ndx_region_remove(struct ndx_dev *ndev)
{
	ndev->active = false;
}

static struct ndx_driver ndx_region_driver = {
	.drv = { .name = "ndx_region" },
	.probe = ndx_region_probe,
	.remove = ndx_region_remove,
	.notify = ndx_region_notify,
};

static struct ndx_driver ndx_pmem_driver = {
	.drv = { .name = "ndx_pmem" },
	.probe = ndx_region_probe_parent,
	.remove = ndx_region_remove,
};

/*
 * drivers/nvdimm/namespace_devs.c:size_store(): a device attribute's
 * ->store runs from kernfs without the device lock; the real one takes
 * device_lock() and the bus lock before __size_store().
 */
static ssize_t size_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);
	u64 val;
	int rc;

	rc = kstrtou64(buf, 0, &val);
	if (rc)
		return rc;
	device_lock(dev);
	ndx_wait_probe_idle(dev); /* EXPECT-NONE: device-lock-required */
	rc = ndx_set_size_locked(ndev, val); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return rc ? rc : len;
}
static DEVICE_ATTR_WO(size);

/* The positive twin: the same store without the lock. */
static ssize_t reserve_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);
	u64 val;
	int rc;

	rc = kstrtou64(buf, 0, &val);
	if (rc)
		return rc;
	ndx_wait_probe_idle(dev); /* EXPECT: device-lock-required */
	rc = ndx_set_size_locked(ndev, val); /* EXPECT: device-lock-required */
	return rc ? rc : len;
}
static DEVICE_ATTR_WO(reserve);

/*
 * drivers/usb/core/sysfs.c:authorized_store()-like: the interruptible
 * lock, returned on failure, held on success.
 */
static ssize_t activate_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);
	int rc;

	rc = device_lock_interruptible(dev);
	if (rc < 0)
		return -EINTR;
	rc = ndx_activate(ndev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return rc ? rc : len;
}
static DEVICE_ATTR_WO(activate);

/*
 * drivers/pci/pci.c:pci_dev_trylock() callers: work only if the lock is
 * free.  The failure branch claims anyway, without the lock.
 */
static ssize_t claim_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t len)
{
	struct ndx_dev *ndev = to_ndx_dev(dev);
	int rc;

	if (!device_trylock(dev)) {
		rc = ndx_claim(ndev); /* EXPECT: device-lock-required */
		return rc ? rc : -EBUSY;
	}
	rc = ndx_claim(ndev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return rc ? rc : len;
}
static DEVICE_ATTR_WO(claim);

static struct attribute *ndx_region_attrs[] = {
	&dev_attr_size.attr,
	&dev_attr_reserve.attr,
	&dev_attr_activate.attr,
	&dev_attr_claim.attr,
	NULL,
};

const struct attribute_group ndx_region_attr_group = {
	.attrs = ndx_region_attrs,
};

/*
 * A work item runs in a kworker with no lock held.  Reached through
 * container_of() of the work and an alias of the embedded device, as
 * drivers/nvdimm/region_devs.c's deferred work takes the region's lock.
 */
static void ndx_region_work(struct work_struct *work)
{
	struct ndx_dev *ndev = container_of(work, struct ndx_dev, work);
	struct device *dev = &ndev->dev;

	device_lock(dev);
	ndx_claim(to_ndx_dev(dev)); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
}

/* The positive twin: the scrub work claims with no lock. */
static void ndx_region_scrub_work(struct work_struct *work)
{
	struct ndx_dev *ndev = container_of(work, struct ndx_dev, scrub_work);
	struct device *dev = &ndev->dev;

	dev_dbg(dev, "scrub\n");
	ndx_claim(to_ndx_dev(dev)); /* EXPECT: device-lock-required */
}

void ndx_region_init_work(struct ndx_dev *ndev);
void ndx_region_init_work(struct ndx_dev *ndev)
{
	INIT_WORK(&ndev->work, ndx_region_work);
	INIT_WORK(&ndev->scrub_work, ndx_region_scrub_work);
}

int ndx_region_init(void)
{
	int rc;

	rc = ndx_driver_register(&ndx_region_driver);
	if (rc)
		return rc;
	rc = ndx_driver_register(&ndx_pmem_driver);
	if (rc)
		ndx_driver_unregister(&ndx_region_driver);
	return rc;
}

void ndx_region_exit(void)
{
	ndx_driver_unregister(&ndx_pmem_driver);
	ndx_driver_unregister(&ndx_region_driver);
}
