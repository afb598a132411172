/*
 * A miniature of drivers/iommu/iommu.c (6.12) for groupctx.c: where the
 * core calls its drivers' ops with the group mutex held, and where not.
 * struct iommu_group is private to this file, as in iommu.c.
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>

struct iommu_group {
	struct mutex mutex;
	int owner_cnt;
};

/* A rules-table requirement (seed 004): its callers hold the mutex. */
static int __iommu_attach_device(struct iommu_domain *domain,
				 struct device *dev)
{
	return domain->ops->attach_dev(domain, dev);
}

int iommu_attach_device(struct iommu_domain *domain, struct device *dev)
{
	struct iommu_group *group = dev->iommu_group;
	int ret;

	mutex_lock(&group->mutex);
	ret = __iommu_attach_device(domain, dev);
	mutex_unlock(&group->mutex);
	return ret;
}

/* Seed 004: the caller that breaks the requirement is reported here; the
 * slot's context stays what __iommu_attach_device() requires. */
int iommu_deferred_attach(struct device *dev, struct iommu_domain *domain)
{
	return __iommu_attach_device(domain, dev); // expected-warning{{__iommu_attach_device() requires the iommu group mutex of 'dev', which is not held on this path (from iommu_deferred_attach())}}
}

/* A static helper whose only caller asserts the mutex (as
 * iommu_get_def_domain_type() under iommu_get_default_domain_type()). */
static int iommu_get_def_domain_type(struct iommu_group *group,
				     struct device *dev)
{
	return dev_iommu_ops(dev)->def_domain_type(dev);
}

static int iommu_get_default_domain_type(struct iommu_group *group,
					 struct device *dev)
{
	lockdep_assert_held(&group->mutex);
	return iommu_get_def_domain_type(group, dev);
}

int iommu_setup_default_domain(struct device *dev)
{
	struct iommu_group *group = dev->iommu_group;
	int type;

	mutex_lock(&group->mutex);
	type = iommu_get_default_domain_type(group, dev);
	mutex_unlock(&group->mutex);
	return type;
}

/* After the mutex is dropped, as iommu_probe_device(): no context. */
int iommu_probe_device(struct device *dev)
{
	struct iommu_group *group = dev->iommu_group;

	mutex_lock(&group->mutex);
	group->owner_cnt++;
	mutex_unlock(&group->mutex);
	dev_iommu_ops(dev)->probe_finalize(dev);
	return 0;
}

/* No lock at all, as iommu_dev_enable_feature(): no context. */
int iommu_dev_enable_feature(struct device *dev, int feat)
{
	return dev_iommu_ops(dev)->dev_enable_feat(dev, feat);
}

/* A static helper called once with the mutex and once without: its slot
 * has no context (iommu.c holds it at every call; this core does not). */
static int iommu_set_pasid(struct iommu_domain *domain, struct device *dev,
			   u32 pasid)
{
	return domain->ops->set_dev_pasid(domain, dev, pasid);
}

int iommu_attach_device_pasid(struct iommu_domain *domain,
			      struct device *dev, u32 pasid)
{
	struct iommu_group *group = dev->iommu_group;
	int ret;

	mutex_lock(&group->mutex);
	ret = iommu_set_pasid(domain, dev, pasid);
	mutex_unlock(&group->mutex);
	return ret;
}

int iommu_replace_device_pasid(struct iommu_domain *domain,
			       struct device *dev, u32 pasid)
{
	return iommu_set_pasid(domain, dev, pasid);
}
