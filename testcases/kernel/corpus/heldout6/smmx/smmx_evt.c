// SPDX-License-Identifier: GPL-2.0
/*
 * smmx event interrupt, its work, and the PMU child device.
 *
 * Contexts (6.12):
 *   smmx_evt_thread()  the threaded handler of devm_request_threaded_irq()
 *                      (the irq/N-smmx kthread): no lock
 *   smmx_evt_work()    a work item; smmx_quiesce_one() runs inside
 *                      drivers/iommu/iommu.c:iommu_group_for_each_dev(),
 *                      which holds group->mutex across its callbacks
 *   smmx_add_pmu()     from smmx_probe(): the SMMU's platform device is
 *                      locked, the PMU device created here is not
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/platform_device.h>
#include <linux/property.h>

#include "smmx.h"

struct smmx_master *smmx_find_master(struct smmx_device *smmu, u32 sid)
{
	struct smmx_master *master, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&smmu->masters_lock, flags);
	list_for_each_entry(master, &smmu->masters, node) {
		if (master->sid == sid) {
			found = master;
			break;
		}
	}
	spin_unlock_irqrestore(&smmu->masters_lock, flags);
	return found;
}

/* only smmx_evt_thread() calls it */
static void smmx_abort_sid(struct smmx_device *smmu, u32 sid)
{
	struct smmx_master *master = smmx_find_master(smmu, sid);

	if (master)
		smmx_write_ste(master, SMMX_STE_ABORT); /* EXPECT: group-mutex-required @abort */
}

irqreturn_t smmx_evt_thread(int irq, void *cookie)
{
	struct smmx_device *smmu = cookie;

	/* a fatal event: stop the stream now, from the handler */
	if (READ_ONCE(smmu->evt_fatal))
		smmx_abort_sid(smmu, READ_ONCE(smmu->evt_sid)); /* EXPECT: group-mutex-required @abort */
	else
		schedule_work(&smmu->evt_work);
	return IRQ_HANDLED;
}

static int smmx_quiesce_one(struct device *dev, void *data)
{
	struct smmx_master *master = dev_iommu_priv_get(dev);

	if (master)
		smmx_write_ste(master, SMMX_STE_ABORT); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

/* a non-fatal event: quiesce every device sharing the stream's group */
void smmx_evt_work(struct work_struct *work)
{
	struct smmx_device *smmu = container_of(work, struct smmx_device,
						evt_work);
	struct smmx_master *master;
	struct iommu_group *group;

	master = smmx_find_master(smmu, READ_ONCE(smmu->evt_sid));
	if (!master)
		return;

	group = iommu_group_get(master->dev);
	if (!group)
		return;
	iommu_group_for_each_dev(group, NULL, smmx_quiesce_one);
	iommu_group_put(group);
}

/*
 * The PMU is a child platform device built here from a table of
 * operations, as drivers/acpi/arm64/iort.c:iort_add_platform_device()
 * builds the SMMU's and calls ops->dev_dma_configure() before
 * platform_device_add().
 */
struct smmx_child_ops {
	const char *name;
	int (*dev_add_res)(struct platform_device *pdev,
			   struct smmx_device *smmu);
	void (*dev_dma_configure)(struct device *dev, enum dev_dma_attr attr);
};

static int smmx_pmu_add_res(struct platform_device *pdev,
			    struct smmx_device *smmu)
{
	struct platform_device *parent = to_platform_device(smmu->dev);
	struct resource *res;

	res = platform_get_resource(parent, IORESOURCE_MEM, 1);
	if (!res)
		return -ENODEV;
	return platform_device_add_resources(pdev, res, 1);
}

/* iort.c:arm_smmu_v3_dma_configure() shape */
static void smmx_pmu_dma_configure(struct device *dev, enum dev_dma_attr attr)
{
	dev->dma_mask = &dev->coherent_dma_mask;
	acpi_dma_configure(dev, attr); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
}

static const struct smmx_child_ops smmx_pmu_ops = {
	.name			= "smmx-pmu",
	.dev_add_res		= smmx_pmu_add_res,
	.dev_dma_configure	= smmx_pmu_dma_configure,
};

int smmx_add_pmu(struct smmx_device *smmu)
{
	const struct smmx_child_ops *ops = &smmx_pmu_ops;
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc(ops->name, PLATFORM_DEVID_AUTO);
	if (!pdev)
		return -ENOMEM;
	pdev->dev.parent = smmu->dev;

	ret = ops->dev_add_res(pdev, smmu);
	if (ret == -ENODEV) {
		/* no PMU on this instance */
		platform_device_put(pdev);
		return 0;
	}
	if (ret)
		goto put;

	if (has_acpi_companion(smmu->dev) && ops->dev_dma_configure) {
		ACPI_COMPANION_SET(&pdev->dev, ACPI_COMPANION(smmu->dev));
		ops->dev_dma_configure(&pdev->dev, device_get_dma_attr(smmu->dev));
	}

	ret = platform_device_add(pdev);
	if (ret)
		goto put;
	smmu->pmu = pdev;
	return 0;

put:
	platform_device_put(pdev);
	return ret;
}
