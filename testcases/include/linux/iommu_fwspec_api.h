/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fwspec probe path proposed in seed 001 ("iommu: Add
 * iommu_fwspec_alloc/dealloc()", v2): the caller allocates a fwspec, fills
 * it from firmware, hands it to iommu_probe_device_fwspec(), which takes
 * ownership on success; on failure the caller deallocates it.  No Debian
 * tree carries it; tests of the fwspec rewrite include this header.
 */
#ifndef __LINUX_IOMMU_FWSPEC_API_H
#define __LINUX_IOMMU_FWSPEC_API_H

#include <linux/iommu.h>

struct iommu_fwspec *iommu_fwspec_alloc(void);
void iommu_fwspec_dealloc(struct iommu_fwspec *fwspec);
int iommu_fwspec_of_xlate(struct iommu_fwspec *fwspec, struct device *dev,
			  struct fwnode_handle *iommu_fwnode,
			  struct of_phandle_args *iommu_spec);
int of_iommu_fwspec_parse(struct iommu_fwspec *fwspec, struct device *dev,
			  struct device_node *np);
int iommu_probe_device_fwspec(struct device *dev,
			      struct iommu_fwspec *fwspec);

#endif
