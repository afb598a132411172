// SPDX-License-Identifier: GPL-2.0
/*
 * vfpci: a PCI physical function with SR-IOV, AER handlers and one
 * auxiliary child device for its RDMA part.  The driver core holds
 * device_lock(&pdev->dev) in probe/remove/shutdown (drivers/base/dd.c,
 * core.c), in the pci_error_handlers callbacks used here
 * (drivers/pci/pcie/err.c:report_error_detected(), report_mmio_enabled(),
 * report_slot_reset(), report_resume()) and in .sriov_configure
 * (drivers/pci/iov.c:sriov_numvfs_store()); never the child's lock.
 */
#include <linux/auxiliary_bus.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

enum vfpci_event {
	VFPCI_EV_ERROR,
	VFPCI_EV_RESET,
	VFPCI_EV_RESUME,
	VFPCI_EV_REMOVE,
	VFPCI_EV_LINK,
};

struct vfpci_aux_driver {
	struct auxiliary_driver adrv;
	void (*event_handler)(struct auxiliary_device *adev, enum vfpci_event ev);
};

struct vfpci {
	struct pci_dev *pdev;
	struct auxiliary_device *adev;
	struct mutex aux_mutex;		/* protects adev */
	struct work_struct reset_work;
	struct work_struct recover_work;
	struct work_struct event_work;
	struct work_struct teardown_work;
};

/*
 * Shape: drivers/vfio/pci/vfio_pci_core.c:vfio_pci_core_sriov_configure():
 * asserts the PF's device lock.
 */
static int vfpci_sriov_apply(struct pci_dev *pdev, int nr_virtfn)
{
	device_lock_assert(&pdev->dev);

	if (!nr_virtfn) {
		pci_disable_sriov(pdev);
		return 0;
	}
	return pci_enable_sriov(pdev, nr_virtfn) ?: nr_virtfn;
}

/*
 * Shape: drivers/cxl/core/region.c:cxlr_pmem_unregister(): asserts the
 * lock its callers (remove, or a path holding it by hand) hold.
 */
static void vfpci_quiesce(struct pci_dev *pdev)
{
	device_lock_assert(&pdev->dev);
	pci_clear_master(pdev);
}

/* The same contract on a struct device, reached through an alias. */
static int vfpci_bind_check(struct device *dev)
{
	device_lock_assert(dev);
	return dev->driver ? 0 : -ENODEV;
}

/*
 * Shape: drivers/net/ethernet/intel/ice/ice_idc.c:ice_send_event_to_aux()
 * reads the child's driver under the child's device_lock(); here that
 * contract is in the helper's name.
 */
static void vfpci_aux_notify_locked(struct auxiliary_device *adev, enum vfpci_event ev)
{
	struct vfpci_aux_driver *vdrv;

	if (!adev->dev.driver)
		return;
	vdrv = container_of(to_auxiliary_drv(adev->dev.driver), struct vfpci_aux_driver, adrv);
	if (vdrv->event_handler)
		vdrv->event_handler(adev, ev);
}

static int vfpci_sriov_configure(struct pci_dev *pdev, int nr_virtfn)
{
	return vfpci_sriov_apply(pdev, nr_virtfn); /* EXPECT-NONE: device-lock-required */
}

/*
 * Shape: drivers/net/netdevsim/bus.c:nsim_bus_dev_numvfs_store() without
 * its device_lock(): sysfs stores hold no device lock.
 */
static ssize_t vf_reset_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	int ret;

	ret = vfpci_sriov_apply(pdev, 0); /* EXPECT: device-lock-required */
	return ret < 0 ? ret : count;
}
static DEVICE_ATTR_WO(vf_reset);

/* Shape: drivers/net/netdevsim/bus.c:nsim_bus_dev_numvfs_store(), as is. */
static ssize_t vf_count_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	unsigned int num_vfs;
	int ret;

	ret = kstrtouint(buf, 0, &num_vfs);
	if (ret)
		return ret;

	device_lock(dev);
	ret = -ENOENT;
	if (dev_get_drvdata(dev))
		ret = vfpci_sriov_apply(pdev, num_vfs); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret < 0 ? ret : count;
}
static DEVICE_ATTR_WO(vf_count);

/* A show with no lock: dev->driver may change under it. */
static ssize_t bound_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", !vfpci_bind_check(dev)); /* EXPECT: device-lock-required */
}
static DEVICE_ATTR_RO(bound);

static struct attribute *vfpci_attrs[] = {
	&dev_attr_vf_reset.attr,
	&dev_attr_vf_count.attr,
	&dev_attr_bound.attr,
	NULL,
};
ATTRIBUTE_GROUPS(vfpci);

/*
 * Shape: drivers/cxl/core/ras.c:cxl_error_detected(): the PF's lock is
 * held by the core; scoped_guard() takes the child's.
 */
static pci_ers_result_t vfpci_error_detected(struct pci_dev *pdev,
					     pci_channel_state_t state)
{
	struct vfpci *priv = pci_get_drvdata(pdev);

	vfpci_quiesce(pdev); /* EXPECT-NONE: device-lock-required */
	scoped_guard(device, &priv->adev->dev) {
		vfpci_aux_notify_locked(priv->adev, VFPCI_EV_ERROR); /* EXPECT-NONE: device-lock-required */
	}
	if (state == pci_channel_io_perm_failure)
		return PCI_ERS_RESULT_DISCONNECT;
	return PCI_ERS_RESULT_NEED_RESET;
}

/*
 * Shape: drivers/net/ethernet/hisilicon/hns3/hnae3.c:
 * hnae3_unregister_ae_algo_prepare() takes the PF's device_lock() around
 * pci_disable_sriov(); from .mmio_enabled, whose caller
 * report_mmio_enabled() already holds it, that is a second acquire.
 */
static pci_ers_result_t vfpci_mmio_enabled(struct pci_dev *pdev)
{
	device_lock(&pdev->dev); /* EXPECT: lock-imbalance */
	pci_disable_sriov(pdev);
	device_unlock(&pdev->dev);
	return PCI_ERS_RESULT_RECOVERED;
}

/* The child's lock is not the PF's: the core holds only the latter. */
static pci_ers_result_t vfpci_slot_reset(struct pci_dev *pdev)
{
	struct vfpci *priv = pci_get_drvdata(pdev);

	pci_restore_state(pdev);
	vfpci_aux_notify_locked(priv->adev, VFPCI_EV_RESET); /* EXPECT: device-lock-required */
	return PCI_ERS_RESULT_RECOVERED;
}

/* Shape: drivers/cxl/pci.c:cxl_reset_done()'s guard(device) on a child. */
static void vfpci_resume(struct pci_dev *pdev)
{
	struct vfpci *priv = pci_get_drvdata(pdev);

	guard(device)(&priv->adev->dev);
	vfpci_aux_notify_locked(priv->adev, VFPCI_EV_RESUME); /* EXPECT-NONE: device-lock-required */
}

static const struct pci_error_handlers vfpci_err_handler = {
	.error_detected	= vfpci_error_detected,
	.mmio_enabled	= vfpci_mmio_enabled,
	.slot_reset	= vfpci_slot_reset,
	.resume		= vfpci_resume,
};

/* A work item holds no device lock. */
static void vfpci_reset_work(struct work_struct *work)
{
	struct vfpci *priv = container_of(work, struct vfpci, reset_work);

	vfpci_quiesce(priv->pdev); /* EXPECT: device-lock-required */
	pcie_flr(priv->pdev);
}

/* Shape: drivers/pci/pci.c:pci_dev_lock(): takes device_lock(&pdev->dev). */
static void vfpci_recover_work(struct work_struct *work)
{
	struct vfpci *priv = container_of(work, struct vfpci, recover_work);
	struct pci_dev *pdev = priv->pdev;

	pci_dev_lock(pdev);
	vfpci_quiesce(pdev); /* EXPECT-NONE: device-lock-required */
	pci_dev_unlock(pdev);
}

/* Shape: drivers/net/ethernet/intel/ice/ice_idc.c:ice_send_event_to_aux(). */
static void vfpci_send_event(struct vfpci *priv, enum vfpci_event ev)
{
	mutex_lock(&priv->aux_mutex);
	if (!priv->adev)
		goto finish;
	device_lock(&priv->adev->dev);
	if (!priv->adev->dev.driver) {
		device_unlock(&priv->adev->dev);
		mutex_unlock(&priv->aux_mutex);
		return; /* EXPECT-NONE: lock-imbalance */
	}
	vfpci_aux_notify_locked(priv->adev, ev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&priv->adev->dev);
finish:
	mutex_unlock(&priv->aux_mutex);
}

/* The same, with the early exit keeping the child's lock. */
static void vfpci_send_event_sync(struct vfpci *priv, enum vfpci_event ev)
{
	mutex_lock(&priv->aux_mutex);
	if (!priv->adev) {
		mutex_unlock(&priv->aux_mutex);
		return; /* EXPECT-NONE: lock-imbalance */
	}
	device_lock(&priv->adev->dev);
	if (!priv->adev->dev.driver) {
		mutex_unlock(&priv->aux_mutex);
		return; /* EXPECT: lock-imbalance */
	}
	vfpci_aux_notify_locked(priv->adev, ev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&priv->adev->dev);
	mutex_unlock(&priv->aux_mutex);
}

/*
 * Shape: drivers/usb/core/usb.c:usb_lock_device_for_reset() retries
 * usb_trylock_device(); this one warns and goes on, then unlocks a lock it
 * may not hold.
 */
static int vfpci_try_flr(struct vfpci *priv)
{
	struct device *dev = &priv->pdev->dev;
	int ret;

	if (!device_trylock(dev))
		pci_warn(priv->pdev, "device busy, resetting anyway\n");
	ret = pcie_flr(priv->pdev);
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return ret;
}

/* The twin: gives up when the lock is taken. */
static int vfpci_try_flr_checked(struct vfpci *priv)
{
	struct device *dev = &priv->pdev->dev;
	int ret;

	if (!device_trylock(dev))
		return -EBUSY;
	ret = pcie_flr(priv->pdev);
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return ret;
}

static void vfpci_event_work(struct work_struct *work)
{
	struct vfpci *priv = container_of(work, struct vfpci, event_work);

	vfpci_send_event(priv, VFPCI_EV_LINK);
	vfpci_send_event_sync(priv, VFPCI_EV_LINK);
	if (vfpci_try_flr_checked(priv) == -EBUSY)
		vfpci_try_flr(priv);
}

/*
 * Shape: drivers/net/ethernet/hisilicon/hns3/hnae3.c:
 * hnae3_unregister_ae_algo_prepare(), from a context that holds no lock.
 */
static void vfpci_teardown_work(struct work_struct *work)
{
	struct vfpci *priv = container_of(work, struct vfpci, teardown_work);
	struct pci_dev *pdev = priv->pdev;

	if (pci_num_vf(pdev)) {
		device_lock(&pdev->dev); /* EXPECT-NONE: lock-imbalance */
		pci_disable_sriov(pdev);
		device_unlock(&pdev->dev);
	}
}

static void vfpci_adev_release(struct device *dev)
{
	kfree(to_auxiliary_dev(dev));
}

static int vfpci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct auxiliary_device *adev;
	struct vfpci *priv;
	int ret;

	ret = vfpci_bind_check(dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->pdev = pdev;
	mutex_init(&priv->aux_mutex);
	INIT_WORK(&priv->reset_work, vfpci_reset_work);
	INIT_WORK(&priv->recover_work, vfpci_recover_work);
	INIT_WORK(&priv->event_work, vfpci_event_work);
	INIT_WORK(&priv->teardown_work, vfpci_teardown_work);
	pci_set_drvdata(pdev, priv);

	adev = kzalloc(sizeof(*adev), GFP_KERNEL);
	if (!adev)
		return -ENOMEM;
	adev->name = "rdma";
	adev->id = pci_dev_id(pdev);
	adev->dev.parent = dev;
	adev->dev.release = vfpci_adev_release;
	ret = auxiliary_device_init(adev);
	if (ret) {
		kfree(adev);
		return ret;
	}
	ret = auxiliary_device_add(adev);
	if (ret) {
		auxiliary_device_uninit(adev);
		return ret;
	}
	priv->adev = adev;
	pci_set_master(pdev);
	return 0;
}

static void vfpci_remove(struct pci_dev *pdev)
{
	struct vfpci *priv = pci_get_drvdata(pdev);

	cancel_work_sync(&priv->reset_work);
	cancel_work_sync(&priv->recover_work);
	cancel_work_sync(&priv->event_work);
	cancel_work_sync(&priv->teardown_work);
	vfpci_aux_notify_locked(priv->adev, VFPCI_EV_REMOVE); /* EXPECT: device-lock-required */
	vfpci_quiesce(pdev); /* EXPECT-NONE: device-lock-required */
	mutex_lock(&priv->aux_mutex);
	auxiliary_device_delete(priv->adev);
	auxiliary_device_uninit(priv->adev);
	priv->adev = NULL;
	mutex_unlock(&priv->aux_mutex);
}

static void vfpci_shutdown(struct pci_dev *pdev)
{
	vfpci_quiesce(pdev); /* EXPECT-NONE: device-lock-required */
}

static const struct pci_device_id vfpci_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_INTEL, 0x0b25) },
	{ }
};
MODULE_DEVICE_TABLE(pci, vfpci_ids);

static struct pci_driver vfpci_driver = {
	.name		= "vfpci",
	.id_table	= vfpci_ids,
	.probe		= vfpci_probe,
	.remove		= vfpci_remove,
	.shutdown	= vfpci_shutdown,
	.sriov_configure = vfpci_sriov_configure,
	.err_handler	= &vfpci_err_handler,
	.dev_groups	= vfpci_groups,
};
module_pci_driver(vfpci_driver);

MODULE_DESCRIPTION("iommu-lockcheck held-out corpus 2: a PCI PF with SR-IOV");
MODULE_LICENSE("GPL");
