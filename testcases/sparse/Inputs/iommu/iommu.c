// SPDX-License-Identifier: GPL-2.0
/* A miniature of drivers/iommu/iommu.c (6.12 shapes) for the group mutex. */
#include <linux/iommu.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/cleanup.h>

struct iommu_group {
	struct mutex mutex;
	struct iommu_domain *domain;
};

static struct mutex iommu_probe_device_lock;

static int __iommu_attach_device(struct iommu_domain *domain,
				 struct device *dev)
{
	return domain->type ? 0 : -19;
}

static int __iommu_group_set_domain_internal(struct iommu_group *group,
					     struct iommu_domain *domain)
{
	lockdep_assert_held(&group->mutex);
	group->domain = domain;
	return 0;
}

/* static helper called with the mutex held: inherits the requirement */
static int __iommu_group_set_domain(struct iommu_group *group,
				    struct iommu_domain *domain)
{
	return __iommu_group_set_domain_internal(group, domain);
}

int iommu_attach_group(struct iommu_domain *domain, struct iommu_group *group)
{
	int ret;

	mutex_lock(&group->mutex);
	ret = __iommu_group_set_domain(group, domain);
	mutex_unlock(&group->mutex);
	return ret;
}

int iommu_group_guarded(struct iommu_domain *domain, struct iommu_group *group)
{
	guard(mutex)(&group->mutex);
	return __iommu_group_set_domain(group, domain);
}

int iommu_group_guarded_nested(struct iommu_domain *domain, struct iommu_group *group)
{
	if (domain) {
		guard(mutex)(&group->mutex); // nested, with a comment
		return __iommu_group_set_domain(group, domain);
	}
	return 0;
}

int iommu_deferred_attach(struct device *dev, struct iommu_domain *domain)
{
	if (dev->iommu && dev->iommu->attach_deferred)
		return __iommu_attach_device(domain, dev);
	return 0;
}

int iommu_set_unlocked(struct iommu_domain *domain, struct iommu_group *group)
{
	return __iommu_group_set_domain(group, domain);
}

static int dev_iommu_get(struct device *dev)
{
	lockdep_assert_held(&iommu_probe_device_lock);
	return dev->iommu ? 0 : -12;
}

int iommu_probe_device(struct device *dev)
{
	int ret;

	mutex_lock(&iommu_probe_device_lock);
	ret = dev_iommu_get(dev);
	mutex_unlock(&iommu_probe_device_lock);
	return ret;
}
