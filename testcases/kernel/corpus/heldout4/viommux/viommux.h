/* SPDX-License-Identifier: GPL-2.0 */
/*
 * viommux: an IOMMU driver on a virtio device, in the shape of
 * drivers/iommu/virtio-iommu.c (6.12).  Endpoint helpers (viommux_ep.c)
 * assert the iommu group's mutex with iommu_group_mutex_assert(), as
 * drivers/iommu/amd/iommu.c:do_attach() does; the config helper asserts
 * the virtio device's lock.
 */
#ifndef VIOMMUX_H
#define VIOMMUX_H

#include <linux/iommu.h>
#include <linux/virtio.h>
#include <linux/workqueue.h>

struct viommux {
	struct iommu_device iommu;
	struct virtio_device *vdev;
	struct work_struct config_work;
	struct work_struct resync_work;
	struct work_struct event_work;
	struct work_struct ready_work;
	struct work_struct drain_work;
	struct device *fault_dev;
	u32 page_size;
	bool ready;
};

struct viommux_domain {
	struct iommu_domain domain;
	struct viommux *vi;
	u32 id;
};

struct viommux_endpoint {
	struct device *dev;
	struct viommux *vi;
	struct viommux_domain *vdomain;
};

#define to_viommux_domain(d) container_of(d, struct viommux_domain, domain)

int viommux_ep_attach(struct device *dev, struct viommux_domain *vdomain);
void viommux_ep_detach(struct device *dev);
int viommux_cfg_apply(struct viommux *vi);

#endif
