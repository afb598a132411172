/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct iommu_group is private to drivers/iommu/iommu.c in mainline; tests
 * of core code define it themselves, as iommu.c does.
 */
#ifndef __LINUX_IOMMU_H
#define __LINUX_IOMMU_H

#include <linux/device.h>
#include <linux/of.h>

struct iommu_group;
struct iommu_domain;

/* The slots 6.12's iommu.c calls, some under the group mutex. */
struct iommu_domain_ops {
	int (*attach_dev)(struct iommu_domain *domain, struct device *dev);
	int (*set_dev_pasid)(struct iommu_domain *domain, struct device *dev,
			     u32 pasid);
};

struct iommu_ops {
	void (*probe_finalize)(struct device *dev);
	int (*def_domain_type)(struct device *dev);
	int (*dev_enable_feat)(struct device *dev, int feat);
};

struct iommu_domain {
	unsigned type;
	const struct iommu_domain_ops *ops;
};

struct iommu_fwspec {
	struct fwnode_handle	*iommu_fwnode;
	u32			flags;
	unsigned int		num_ids;
	u32			ids[];
};

struct dev_iommu {
	struct mutex lock;
	struct iommu_fwspec		*fwspec;
	void				*priv;
	const struct iommu_ops		*ops;	/* mainline: iommu_dev->ops */
	u32				max_pasids;
	u32				attach_deferred:1;
};

int iommu_probe_device(struct device *dev);
int iommu_attach_device(struct iommu_domain *domain, struct device *dev);
void iommu_detach_device(struct iommu_domain *domain, struct device *dev);
int iommu_deferred_attach(struct device *dev, struct iommu_domain *domain);
struct iommu_group *iommu_group_get(struct device *dev);
void iommu_group_put(struct iommu_group *group);
void iommu_group_mutex_assert(struct device *dev);
int iommu_fwspec_init(struct device *dev, struct fwnode_handle *iommu_fwnode);
void iommu_fwspec_free(struct device *dev);
int iommu_fwspec_add_ids(struct device *dev, const u32 *ids, int num_ids);

static inline const struct iommu_ops *dev_iommu_ops(struct device *dev)
{
	return dev->iommu->ops;
}

static inline void *dev_iommu_priv_get(struct device *dev)
{
	return dev->iommu->priv;
}

static inline struct iommu_fwspec *dev_iommu_fwspec_get(struct device *dev)
{
	if (dev->iommu)
		return dev->iommu->fwspec;
	return NULL;
}

#endif
