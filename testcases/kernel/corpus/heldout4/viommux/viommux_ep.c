// SPDX-License-Identifier: GPL-2.0
/*
 * Endpoint and config helpers of viommux, with the locks they require
 * asserted.
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/virtio_config.h>
#include "viommux.h"

/*
 * Bind an endpoint to a domain: drivers/iommu/amd/iommu.c:do_attach()
 * calls iommu_group_mutex_assert(); the group's mutex serialises the
 * endpoint's domain pointer.
 */
int viommux_ep_attach(struct device *dev, struct viommux_domain *vdomain)
{
	struct viommux_endpoint *vdev = dev_iommu_priv_get(dev);

	iommu_group_mutex_assert(dev);
	if (!vdev)
		return -ENODEV;
	vdev->vdomain = vdomain;
	return 0;
}

/* The reverse, drivers/iommu/amd/iommu.c:do_detach(). */
void viommux_ep_detach(struct device *dev)
{
	struct viommux_endpoint *vdev = dev_iommu_priv_get(dev);

	iommu_group_mutex_assert(dev);
	if (vdev)
		vdev->vdomain = NULL;
}

/*
 * Re-read the device config: the driver's state is only stable while
 * virtio_dev_probe()/virtio_dev_remove() cannot run, so the virtio
 * device's lock is required.
 */
int viommux_cfg_apply(struct viommux *vi)
{
	struct virtio_device *vdev = vi->vdev;
	u32 ps;

	device_lock_assert(&vdev->dev);
	ps = virtio_cread32(vdev, 8);
	vi->page_size = ps ? ps : PAGE_SIZE;
	return 0;
}
