// SPDX-License-Identifier: GPL-2.0
/*
 * viommux: the virtio driver and the iommu_ops, in the shape of
 * drivers/iommu/virtio-iommu.c (6.12).
 *
 * Locks the cores hold around these slots (drivers/iommu/iommu.c,
 * drivers/virtio/virtio.c, 6.12):
 *  - iommu_domain_ops.attach_dev: __iommu_attach_device(), whose callers
 *    (__iommu_device_set_domain(), iommu_deinit_device()) hold
 *    group->mutex;
 *  - iommu_ops.probe_finalize: iommu_probe_device() calls it after
 *    dropping iommu_probe_device_lock, and bus_iommu_probe() after
 *    dropping group->mutex (its "FIXME: Mis-locked" note): no group
 *    mutex;
 *  - virtio_driver.probe/remove: virtio_dev_probe()/virtio_dev_remove(),
 *    bus_type callbacks, under device_lock(&vdev->dev);
 *  - virtio_driver.config_changed: virtio_config_changed() under the
 *    config spinlock only; work items hold nothing.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include "viommux.h"

static const struct iommu_ops viommux_ops;

/*
 * drivers/iommu/virtio-iommu.c:viommu_attach_dev(): attach_dev runs under
 * the group mutex.
 */
static int viommux_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	return viommux_ep_attach(dev, to_viommux_domain(domain)); /* EXPECT-NONE: group-mutex-required */
}

/*
 * A static helper of the blocked domain's attach_dev, without a contract
 * of its own (virtio-iommu.c:viommu_detach_dev()).
 */
static void viommux_detach_dev(struct device *dev)
{
	viommux_ep_detach(dev); /* EXPECT-NONE: group-mutex-required @blocked */
}

static int viommux_attach_blocked(struct iommu_domain *domain, struct device *dev)
{
	viommux_detach_dev(dev); /* EXPECT-NONE: group-mutex-required @blocked */
	return 0;
}

static const struct iommu_domain_ops viommux_blocked_ops = {
	.attach_dev = viommux_attach_blocked,
};

static struct iommu_domain viommux_blocked_domain = {
	.type = IOMMU_DOMAIN_BLOCKED,
	.ops = &viommux_blocked_ops,
};

static const struct iommu_domain_ops viommux_domain_ops = {
	.attach_dev = viommux_attach_dev,
};

static struct iommu_domain *viommux_domain_alloc_paging(struct device *dev)
{
	struct viommux_domain *vdomain;

	vdomain = kzalloc(sizeof(*vdomain), GFP_KERNEL);
	if (!vdomain)
		return NULL;
	vdomain->domain.pgsize_bitmap = SZ_4K;
	return &vdomain->domain;
}

static struct iommu_device *viommux_probe_device(struct device *dev)
{
	struct viommux_endpoint *vdev;

	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev)
		return ERR_PTR(-ENOMEM);
	vdev->dev = dev;
	dev_iommu_priv_set(dev, vdev);
	return ERR_PTR(-ENODEV);
}

/*
 * probe_finalize: called by iommu_probe_device() with no group mutex, so
 * binding the endpoint here misses the lock that attach_dev has.
 */
static void viommux_probe_finalize(struct device *dev)
{
	struct viommux_endpoint *vdev = dev_iommu_priv_get(dev);

	if (vdev && !vdev->vdomain)
		viommux_ep_attach(dev, NULL); /* EXPECT: group-mutex-required */
}

static void viommux_release_device(struct device *dev)
{
	kfree(dev_iommu_priv_get(dev));
}

static const struct iommu_ops viommux_ops = {
	.blocked_domain = &viommux_blocked_domain,
	.domain_alloc_paging = viommux_domain_alloc_paging,
	.probe_device = viommux_probe_device,
	.probe_finalize = viommux_probe_finalize,
	.release_device = viommux_release_device,
	.device_group = generic_device_group,
	.owner = THIS_MODULE,
	.default_domain_ops = &viommux_domain_ops,
};

/*
 * virtio-iommu.c:viommu_fault_handler() from the event virtqueue: here a
 * work item that detaches the faulting endpoint, with no group mutex.
 */
static void viommux_event_work(struct work_struct *work)
{
	struct viommux *vi = container_of(work, struct viommux, event_work);

	if (vi->fault_dev)
		viommux_ep_detach(vi->fault_dev); /* EXPECT: group-mutex-required */
}

/* config_changed schedules it; a work item holds no device lock. */
static void viommux_config_work(struct work_struct *work)
{
	struct viommux *vi = container_of(work, struct viommux, config_work);

	viommux_cfg_apply(vi); /* EXPECT: device-lock-required */
}

/* The twin: the same work, with device_trylock() and a retry. */
static void viommux_resync_work(struct work_struct *work)
{
	struct viommux *vi = container_of(work, struct viommux, resync_work);
	struct device *dev = &vi->vdev->dev;

	if (!device_trylock(dev)) {
		schedule_work(&vi->resync_work);
		return;
	}
	viommux_cfg_apply(vi); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
}

/*
 * A work that takes the device lock and, when the device is not ready,
 * returns with it held, while its other return drops it.
 */
static void viommux_ready_work(struct work_struct *work)
{
	struct viommux *vi = container_of(work, struct viommux, ready_work);
	struct device *dev = &vi->vdev->dev;

	device_lock(dev);
	if (!vi->ready)
		return; /* EXPECT: lock-imbalance */
	viommux_cfg_apply(vi);
	device_unlock(dev);
}

/* The twin unwinds through one unlock. */
static void viommux_drain_work(struct work_struct *work)
{
	struct viommux *vi = container_of(work, struct viommux, drain_work);
	struct device *dev = &vi->vdev->dev;

	device_lock(dev);
	if (!vi->ready)
		goto out; /* EXPECT-NONE: lock-imbalance */
	viommux_cfg_apply(vi);
out:
	device_unlock(dev);
}

static void viommux_config_changed(struct virtio_device *vdev)
{
	struct viommux *vi = vdev->priv;

	schedule_work(&vi->config_work);
}

/* virtio-iommu.c:viommu_probe(): virtio_dev_probe() holds the lock. */
static int viommux_probe(struct virtio_device *vdev)
{
	struct viommux *vi;
	int ret;

	vi = devm_kzalloc(&vdev->dev, sizeof(*vi), GFP_KERNEL);
	if (!vi)
		return -ENOMEM;
	vi->vdev = vdev;
	vdev->priv = vi;
	INIT_WORK(&vi->config_work, viommux_config_work);
	INIT_WORK(&vi->resync_work, viommux_resync_work);
	INIT_WORK(&vi->event_work, viommux_event_work);
	INIT_WORK(&vi->ready_work, viommux_ready_work);
	INIT_WORK(&vi->drain_work, viommux_drain_work);

	ret = viommux_cfg_apply(vi); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	virtio_device_ready(vdev);
	vi->ready = true;

	ret = iommu_device_sysfs_add(&vi->iommu, vdev->dev.parent, NULL, "%s",
				     virtio_bus_name(vdev));
	if (ret)
		return ret;
	return iommu_device_register(&vi->iommu, &viommux_ops, vdev->dev.parent);
}

static void viommux_remove(struct virtio_device *vdev)
{
	struct viommux *vi = vdev->priv;

	cancel_work_sync(&vi->config_work);
	viommux_cfg_apply(vi); /* EXPECT-NONE: device-lock-required */
	iommu_device_sysfs_remove(&vi->iommu);
	iommu_device_unregister(&vi->iommu);
	virtio_reset_device(vdev);
}

static const struct virtio_device_id viommux_id_table[] = {
	{ VIRTIO_ID_IOMMU, VIRTIO_DEV_ANY_ID },
	{ 0 },
};

static struct virtio_driver viommux_drv = {
	.driver.name = "viommux",
	.id_table = viommux_id_table,
	.probe = viommux_probe,
	.remove = viommux_remove,
	.config_changed = viommux_config_changed,
};

module_virtio_driver(viommux_drv);
MODULE_DESCRIPTION("held-out corpus: virtio-iommu-like driver");
MODULE_LICENSE("GPL");
