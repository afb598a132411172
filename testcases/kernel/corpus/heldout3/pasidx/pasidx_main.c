// SPDX-License-Identifier: GPL-2.0
/*
 * pasidx: iommu_ops, the SMMU's platform driver, its IRQ threads, PM and
 * sysfs.  What the 6.12 IOMMU core holds around each op
 * (drivers/iommu/iommu.c):
 *   attach_dev       __iommu_device_set_domain() callers hold
 *                    group->mutex (__iommu_group_set_domain_internal()
 *                    asserts it; iommu_attach_device() locks it); the
 *                    one exception, iommu_deferred_attach(), only runs
 *                    for ops with is_attach_deferred, which pasidx has
 *                    not;
 *   set_dev_pasid    __iommu_set_group_pasid(), from
 *                    iommu_attach_device_pasid() under group->mutex;
 *   remove_dev_pasid __iommu_remove_group_pasid() from
 *                    iommu_detach_device_pasid() under group->mutex, and
 *                    the unwind of __iommu_set_group_pasid();
 *   probe_finalize   iommu_probe_device() after __iommu_probe_device()
 *                    returned, bus_iommu_probe() after
 *                    mutex_unlock(&group->mutex) ("FIXME: Mis-locked");
 *                    never under the group mutex.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include "pasidx.h"

#define PASIDX_GERROR_FATAL	BIT(0)

static struct pasidx_smmu *pasidx_instance;

static struct pasidx_domain *to_pasidx_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct pasidx_domain, domain);
}

static struct iommu_device *pasidx_probe_device(struct device *dev)
{
	struct pasidx_dev_data *dd;

	if (!pasidx_instance)
		return ERR_PTR(-ENODEV);
	dd = kzalloc(sizeof(*dd), GFP_KERNEL);
	if (!dd)
		return ERR_PTR(-ENOMEM);
	dd->dev = dev;
	dd->smmu = pasidx_instance;
	dev_iommu_priv_set(dev, dd);
	return &pasidx_instance->iommu;
}

/*
 * Shape: drivers/iommu/arm/arm-smmu/arm-smmu.c:arm_smmu_probe_finalize()
 * (the op that sets a device up after its group exists); the group
 * mutex is not held here (see the top of this file).
 */
static void pasidx_probe_finalize(struct device *dev)
{
	struct pasidx_dev_data *dd = dev_iommu_priv_get(dev);

	pasidx_set_table(dd, IOMMU_NO_PASID, 0); /* EXPECT: group-mutex-required */
}

static void pasidx_release_device(struct device *dev)
{
	kfree(dev_iommu_priv_get(dev));
}

static struct iommu_domain *pasidx_domain_alloc_paging(struct device *dev)
{
	struct pasidx_domain *pd = kzalloc(sizeof(*pd), GFP_KERNEL);

	if (!pd)
		return ERR_PTR(-ENOMEM);
	return &pd->domain;
}

static void pasidx_domain_free(struct iommu_domain *dom)
{
	kfree(to_pasidx_domain(dom));
}

/*
 * Shape: drivers/iommu/amd/iommu.c:amd_iommu_attach_device() ->
 * attach_device() -> the table set-up under the group mutex.
 */
static int pasidx_attach_dev(struct iommu_domain *dom, struct device *dev)
{
	struct pasidx_dev_data *dd = dev_iommu_priv_get(dev);

	return pasidx_set_table(dd, IOMMU_NO_PASID, (u64)(uintptr_t)dom); /* EXPECT-NONE: group-mutex-required */
}

/* Shape: drivers/iommu/amd/pasid.c:iommu_sva_set_dev_pasid(). */
static int pasidx_set_dev_pasid(struct iommu_domain *dom, struct device *dev,
				ioasid_t pasid, struct iommu_domain *old)
{
	struct pasidx_dev_data *dd = dev_iommu_priv_get(dev);

	return pasidx_set_table(dd, pasid, (u64)(uintptr_t)dom); /* EXPECT-NONE: group-mutex-required */
}

/* Shape: drivers/iommu/amd/pasid.c:amd_iommu_remove_dev_pasid(). */
static void pasidx_remove_dev_pasid(struct device *dev, ioasid_t pasid,
				    struct iommu_domain *dom)
{
	struct pasidx_dev_data *dd = dev_iommu_priv_get(dev);

	pasidx_clear_table(dd, pasid); /* EXPECT-NONE: group-mutex-required */
}

static const struct iommu_ops pasidx_ops = {
	.probe_device		= pasidx_probe_device,
	.probe_finalize		= pasidx_probe_finalize,
	.release_device		= pasidx_release_device,
	.device_group		= generic_device_group,
	.domain_alloc_paging	= pasidx_domain_alloc_paging,
	.remove_dev_pasid	= pasidx_remove_dev_pasid,
	.owner			= THIS_MODULE,
	.default_domain_ops = &(const struct iommu_domain_ops) {
		.attach_dev	= pasidx_attach_dev,
		.set_dev_pasid	= pasidx_set_dev_pasid,
		.free		= pasidx_domain_free,
	},
};

/*
 * The event queue thread: a threaded IRQ handler, neither the group
 * mutex nor any device lock.  Shape: drivers/iommu/arm/arm-smmu-v3/
 * arm-smmu-v3.c:arm_smmu_evtq_thread() (a fault record names a master
 * and a PASID); on overflow the SMMU is disabled as
 * arm_smmu_gerror_handler() does.
 */
static irqreturn_t pasidx_evtq_thread(int irq, void *data)
{
	struct pasidx_smmu *smmu = data;
	struct pasidx_dev_data *dd = READ_ONCE(smmu->fault_dd);

	if (smmu->gerror & PASIDX_GERROR_FATAL) {
		pasidx_hw_disable(smmu); /* EXPECT: device-lock-required */
		return IRQ_HANDLED;
	}
	if (dd)
		pasidx_clear_table(dd, smmu->fault_pasid); /* EXPECT: group-mutex-required */
	return IRQ_HANDLED;
}

/*
 * The global error thread, with device_trylock() of the SMMU's device:
 * the fatal branch returns with the lock while the other returns do not.
 * Shape: drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:
 * arm_smmu_gerror_handler().
 */
static irqreturn_t pasidx_gerror_thread(int irq, void *data)
{
	struct pasidx_smmu *smmu = data;

	if (!smmu->gerror)
		return IRQ_NONE;
	if (!device_trylock(smmu->dev))
		return IRQ_NONE;
	if (smmu->gerror & PASIDX_GERROR_FATAL) {
		pasidx_hw_disable(smmu); /* EXPECT-NONE: device-lock-required */
		return IRQ_HANDLED; /* EXPECT: lock-imbalance */
	}
	smmu->gerror = 0;
	device_unlock(smmu->dev); /* EXPECT-NONE: lock-imbalance */
	return IRQ_HANDLED;
}

static struct pasidx_smmu *iommu_dev_to_smmu(struct device *dev)
{
	return container_of(dev_to_iommu_device(dev), struct pasidx_smmu, iommu);
}

/*
 * Attributes of the iommu class device that iommu_device_sysfs_add()
 * creates (drivers/iommu/iommu-sysfs.c): "dev" is that class device, not
 * the SMMU's platform device the helper asserts.  Shape:
 * drivers/iommu/intel/iommu.c:dev_to_intel_iommu() (container_of from
 * the class device) and drivers/iommu/amd/init.c:amd_iommu_show_cap().
 */
static ssize_t enable_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct pasidx_smmu *smmu = iommu_dev_to_smmu(dev);
	int ret;

	device_lock(dev); /* EXPECT-NONE: lock-imbalance */
	ret = pasidx_hw_enable(smmu); /* EXPECT: device-lock-required */
	device_unlock(dev);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(enable);

/*
 * Its twin locks the platform device; its error path unlocks twice.
 * Shape: drivers/usb/gadget/udc/core.c:soft_connect_store() ("goto out"
 * to the single unlock), with an early unlock left in.  The lock is only
 * tried, restarting the syscall when busy (the rtnl_trylock() idiom of
 * drivers/net/usb/qmi_wwan.c:raw_ip_store()): pasidx_remove() removes
 * this attribute, waiting for running stores, with the lock held.
 */
static ssize_t gerror_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct pasidx_smmu *smmu = iommu_dev_to_smmu(dev);
	int ret = 0;

	if (!device_trylock(smmu->dev))
		return restart_syscall();
	if (!smmu->gerror) {
		device_unlock(smmu->dev);
		ret = -EINVAL;
		goto out;
	}
	smmu->gerror = 0;
	ret = pasidx_hw_enable(smmu); /* EXPECT-NONE: device-lock-required */
out:
	device_unlock(smmu->dev); /* EXPECT: lock-imbalance */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(gerror);

static struct attribute *pasidx_attrs[] = {
	&dev_attr_enable.attr,
	&dev_attr_gerror.attr,
	NULL
};
ATTRIBUTE_GROUPS(pasidx);

/*
 * Create the PMU child device and give it the SMMU's DMA set-up before
 * adding it (pattern 2).  Shape: drivers/acpi/arm64/iort.c:
 * iort_add_platform_device() (platform_device_alloc(), DMA configured,
 * then platform_device_add()).
 */
static int pasidx_add_pmu(struct pasidx_smmu *smmu)
{
	struct platform_device *pmu;
	int ret;

	pmu = platform_device_alloc("pasidx-pmu", PLATFORM_DEVID_AUTO);
	if (!pmu)
		return -ENOMEM;
	pmu->dev.parent = smmu->dev;
	ret = of_dma_configure(&pmu->dev, smmu->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (ret)
		goto err_put;
	ret = platform_device_add(pmu);
	if (ret)
		goto err_put;
	smmu->pmu = pmu;
	return 0;
err_put:
	platform_device_put(pmu);
	return ret;
}

/*
 * Platform probe under device_lock(&pdev->dev).  Shape:
 * drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:arm_smmu_device_probe()
 * (arm_smmu_device_reset() before iommu_device_register()).
 */
static int pasidx_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pasidx_smmu *smmu;
	int irq, ret;

	smmu = devm_kzalloc(dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;
	smmu->dev = dev;
	platform_set_drvdata(pdev, smmu);

	irq = platform_get_irq_byname_optional(pdev, "eventq");
	if (irq > 0) {
		ret = devm_request_threaded_irq(dev, irq, NULL, pasidx_evtq_thread,
						IRQF_ONESHOT, "pasidx-evtq", smmu);
		if (ret)
			return ret;
	}
	irq = platform_get_irq_byname_optional(pdev, "gerror");
	if (irq > 0) {
		ret = devm_request_threaded_irq(dev, irq, NULL, pasidx_gerror_thread,
						IRQF_ONESHOT, "pasidx-gerror", smmu);
		if (ret)
			return ret;
	}

	ret = pasidx_hw_enable(smmu); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	ret = pasidx_add_pmu(smmu);
	if (ret)
		return ret;

	ret = iommu_device_sysfs_add(&smmu->iommu, dev, pasidx_groups,
				     "pasidx.%s", dev_name(dev));
	if (ret)
		goto err_pmu;
	pasidx_instance = smmu;
	ret = iommu_device_register(&smmu->iommu, &pasidx_ops, dev);
	if (ret)
		goto err_sysfs;
	return 0;

err_sysfs:
	pasidx_instance = NULL;
	iommu_device_sysfs_remove(&smmu->iommu);
err_pmu:
	platform_device_unregister(smmu->pmu);
	return ret;
}

/* Platform remove under device_lock(&pdev->dev). */
static void pasidx_remove(struct platform_device *pdev)
{
	struct pasidx_smmu *smmu = platform_get_drvdata(pdev);

	iommu_device_unregister(&smmu->iommu);
	iommu_device_sysfs_remove(&smmu->iommu);
	pasidx_instance = NULL;
	platform_device_unregister(smmu->pmu);
	pasidx_hw_disable(smmu); /* EXPECT-NONE: device-lock-required */
}

/*
 * System resume runs under device_lock(dev)
 * (drivers/base/power/main.c:device_resume()), runtime resume does not
 * (drivers/base/power/runtime.c:rpm_callback()).  Shape:
 * drivers/iommu/arm/arm-smmu/arm-smmu.c:arm_smmu_pm_resume() and
 * arm_smmu_runtime_resume().
 */
static int pasidx_pm_resume(struct device *dev)
{
	struct pasidx_smmu *smmu = dev_get_drvdata(dev);

	return pasidx_hw_enable(smmu); /* EXPECT-NONE: device-lock-required */
}

static int pasidx_runtime_resume(struct device *dev)
{
	struct pasidx_smmu *smmu = dev_get_drvdata(dev);

	return pasidx_hw_enable(smmu); /* EXPECT: device-lock-required */
}

static const struct dev_pm_ops pasidx_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(NULL, pasidx_pm_resume)
	RUNTIME_PM_OPS(NULL, pasidx_runtime_resume, NULL)
};

static const struct of_device_id pasidx_of_match[] = {
	{ .compatible = "heldout3,pasidx" },
	{ }
};
MODULE_DEVICE_TABLE(of, pasidx_of_match);

static struct platform_driver pasidx_driver = {
	.probe = pasidx_probe,
	.remove = pasidx_remove,
	.driver = {
		.name = "pasidx",
		.of_match_table = pasidx_of_match,
		.pm = pm_ptr(&pasidx_pm_ops),
		.suppress_bind_attrs = true,
	},
};
module_platform_driver(pasidx_driver);

MODULE_DESCRIPTION("heldout3 corpus: IOMMU with PASID tables");
MODULE_LICENSE("GPL");
