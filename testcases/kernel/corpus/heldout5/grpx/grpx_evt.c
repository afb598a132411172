// SPDX-License-Identifier: GPL-2.0
/*
 * grpx event queue and debugfs, shaped as drivers/iommu/arm/arm-smmu-v3/
 * arm-smmu-v3.c: arm_smmu_evtq_thread() (a threaded IRQ: no lock held on
 * entry) and arm_smmu_device_reset() (called from arm_smmu_device_probe(),
 * under the SMMU platform device's lock).
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include "grpx.h"

#define GRPX_GERROR_SFM		BIT(0)	/* service failure: reset needed */
#define GRPX_EVT_BAD_STE	0x04

/* requires the SMMU platform device's lock: probe/remove own the hardware */
void grpx_hw_reset(struct grpx_smmu *smmu)
{
	device_lock_assert(smmu->dev);
	smmu->gerror = 0;
}

static void grpx_evt_bad_ste(struct grpx_smmu *smmu, u32 sid)
{
	struct grpx_master *master;
	unsigned long flags;

	spin_lock_irqsave(&smmu->masters_lock, flags);
	list_for_each_entry(master, &smmu->masters, node) {
		if (master->sid != sid)
			continue;
		/* the threaded IRQ holds no group mutex */
		grpx_ste_clear(master); /* EXPECT: group-mutex-required */
		break;
	}
	spin_unlock_irqrestore(&smmu->masters_lock, flags);
}

static irqreturn_t grpx_evtq_thread(int irq, void *data)
{
	struct grpx_smmu *smmu = data;
	u32 gerror = READ_ONCE(smmu->gerror);

	if (gerror & GRPX_GERROR_SFM) {
		/* neither the platform device's lock: probe has long returned */
		grpx_hw_reset(smmu); /* EXPECT: device-lock-required */
		return IRQ_HANDLED;
	}
	if ((gerror >> 8) == GRPX_EVT_BAD_STE)
		grpx_evt_bad_ste(smmu, gerror >> 16);
	return IRQ_HANDLED;
}

static ssize_t grpx_reinstall_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct grpx_smmu *smmu = file->private_data;
	struct grpx_master *master;
	unsigned long flags;

	spin_lock_irqsave(&smmu->masters_lock, flags);
	list_for_each_entry(master, &smmu->masters, node)
		grpx_ste_install(master, master->domain); /* EXPECT: group-mutex-required */
	spin_unlock_irqrestore(&smmu->masters_lock, flags);
	return count;
}

static const struct file_operations grpx_reinstall_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = grpx_reinstall_write,
};

int grpx_evt_init(struct grpx_smmu *smmu)
{
	int ret;

	ret = request_threaded_irq(smmu->evt_irq, NULL, grpx_evtq_thread,
				   IRQF_ONESHOT, "grpx-evtq", smmu);
	if (ret)
		return ret;
	smmu->debugfs = debugfs_create_dir(dev_name(smmu->dev), NULL);
	debugfs_create_file("reinstall", 0200, smmu->debugfs, smmu,
			    &grpx_reinstall_fops);
	return 0;
}

void grpx_evt_exit(struct grpx_smmu *smmu)
{
	debugfs_remove_recursive(smmu->debugfs);
	free_irq(smmu->evt_irq, smmu);
}
