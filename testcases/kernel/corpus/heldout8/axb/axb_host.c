// SPDX-License-Identifier: GPL-2.0
/*
 * axb host controller: a platform driver that enumerates the cells,
 * creates the memory-context devices, borrows the microcontroller found
 * by phandle, and drives the small IOMMU in front of the cells.
 *
 * Shapes: drivers/gpu/host1x/context.c:host1x_memory_context_list_init(),
 * drivers/gpu/drm/msm/adreno/a6xx_gmu.c:a6xx_gmu_wrapper_init(),
 * drivers/vfio/fsl-mc/vfio_fsl_mc.c:vfio_fsl_mc_bus_notifier(),
 * drivers/iommu/sprd-iommu.c, drivers/iommu/amd/iommu.c:amd_iommu_set_gcr3()
 * (iommu_group_mutex_assert()).
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "axb.h"

#define AXB_CFG			0x000
#define AXB_RESET		0x004
#define AXB_ROUTE_DEFAULT	0x10

#define AXB_SMMU_FAULT_STAT	0x0f00
#define AXB_SMMU_FAULT_SID	0x0f04
#define AXB_SMMU_STE_LO(sid)	(0x1000 + 8 * (sid))
#define AXB_SMMU_STE_HI(sid)	(0x1004 + 8 * (sid))

#define AXB_FAULT_PENDING	BIT(0)
#define AXB_FAULT_FATAL		BIT(1)

#define AXB_STE_VALID		BIT_ULL(0)
#define AXB_STE_BYPASS		BIT_ULL(1)
#define AXB_STE_ABORT		BIT_ULL(2)
#define AXB_STE_PASID		BIT_ULL(3)
#define AXB_STE_STALL		BIT_ULL(4)
#define AXB_STE_PGT		GENMASK_ULL(47, 12)

#define AXB_SMMU_PAGE_SHIFT	12
#define AXB_SMMU_PAGE_SIZE	BIT(AXB_SMMU_PAGE_SHIFT)
#define AXB_SMMU_APERTURE	SZ_256M
#define AXB_SMMU_PGT_SIZE	((AXB_SMMU_APERTURE >> AXB_SMMU_PAGE_SHIFT) * sizeof(u32))

/* ---------------------------------------------------------------------
 * The IOMMU in front of the cells and context devices
 */

struct axb_smmu_domain {
	struct iommu_domain domain;
	struct axb_smmu *smmu;
	spinlock_t pgt_lock;		/* protects pgt[] */
	u32 *pgt;
	dma_addr_t pgt_dma;
};

static struct axb_smmu_domain *to_axb_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct axb_smmu_domain, domain);
}

static struct axb_host *smmu_to_host(struct axb_smmu *smmu)
{
	return container_of(smmu, struct axb_host, smmu);
}

/*
 * Write the stream table entries of @dev.  The iommu core serialises the
 * attach, PASID and default-domain decisions of a group under
 * group->mutex, and the entries are written under it too, as
 * amd/iommu.c:amd_iommu_set_gcr3() asserts.
 */
static void axb_smmu_write_ste(struct axb_smmu *smmu, struct device *dev,
			       u64 ste)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	unsigned long flags;
	unsigned int i;

	iommu_group_mutex_assert(dev);

	spin_lock_irqsave(&smmu->ste_lock, flags);
	for (i = 0; i < fwspec->num_ids; i++) {
		u32 sid = fwspec->ids[i];

		if (sid >= AXB_MAX_SID)
			continue;
		smmu->ste[sid] = ste;
		writel(lower_32_bits(ste), smmu->base + AXB_SMMU_STE_LO(sid));
		writel(upper_32_bits(ste), smmu->base + AXB_SMMU_STE_HI(sid));
	}
	spin_unlock_irqrestore(&smmu->ste_lock, flags);
}

/* Whether the first stream of @dev has a valid, non-aborting entry. */
static bool axb_smmu_ste_live(struct axb_smmu *smmu, struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	u64 ste;

	iommu_group_mutex_assert(dev);

	if (!fwspec || !fwspec->num_ids || fwspec->ids[0] >= AXB_MAX_SID)
		return false;

	ste = READ_ONCE(smmu->ste[fwspec->ids[0]]);
	return (ste & AXB_STE_VALID) && !(ste & AXB_STE_ABORT);
}

static int axb_smmu_attach_identity(struct iommu_domain *domain,
				    struct device *dev)
{
	struct axb_smmu_master *master = dev_iommu_priv_get(dev);

	master->rid_ste = AXB_STE_VALID | AXB_STE_BYPASS;
	/*
	 * iommu.c:__iommu_device_set_domain() -> __iommu_attach_device()
	 * calls ->attach_dev with group->mutex held.
	 */
	axb_smmu_write_ste(master->smmu, dev, master->rid_ste); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

static const struct iommu_domain_ops axb_smmu_identity_ops = {
	.attach_dev	= axb_smmu_attach_identity,
};

static struct iommu_domain axb_smmu_identity_domain = {
	.type	= IOMMU_DOMAIN_IDENTITY,
	.ops	= &axb_smmu_identity_ops,
};

static struct iommu_domain *axb_smmu_domain_alloc_paging(struct device *dev)
{
	struct axb_smmu_domain *dom;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;

	spin_lock_init(&dom->pgt_lock);
	dom->domain.geometry.aperture_start = 0;
	dom->domain.geometry.aperture_end = AXB_SMMU_APERTURE - 1;
	dom->domain.geometry.force_aperture = true;

	return &dom->domain;
}

static void axb_smmu_domain_free(struct iommu_domain *domain)
{
	struct axb_smmu_domain *dom = to_axb_domain(domain);

	if (dom->pgt)
		dma_free_coherent(dom->smmu->dev, AXB_SMMU_PGT_SIZE, dom->pgt,
				  dom->pgt_dma);
	kfree(dom);
}

static int axb_smmu_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct axb_smmu_master *master = dev_iommu_priv_get(dev);
	struct axb_smmu *smmu = master->smmu;
	struct axb_smmu_domain *dom = to_axb_domain(domain);

	if (!dom->pgt) {
		dom->pgt = dma_alloc_coherent(smmu->dev, AXB_SMMU_PGT_SIZE,
					      &dom->pgt_dma, GFP_KERNEL);
		if (!dom->pgt)
			return -ENOMEM;
		dom->smmu = smmu;
	} else if (dom->smmu != smmu) {
		return -EINVAL;
	}

	master->rid_ste = AXB_STE_VALID | (dom->pgt_dma & AXB_STE_PGT);
	/* as axb_smmu_attach_identity(): group->mutex held by the core */
	axb_smmu_write_ste(smmu, dev, master->rid_ste); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

static int axb_smmu_set_dev_pasid(struct iommu_domain *domain,
				  struct device *dev, ioasid_t pasid,
				  struct iommu_domain *old)
{
	struct axb_smmu_master *master = dev_iommu_priv_get(dev);
	struct axb_smmu_domain *dom = to_axb_domain(domain);

	if (dom->smmu && dom->smmu != master->smmu)
		return -EINVAL;
	if (!dom->pgt)
		return -EINVAL;

	/*
	 * iommu.c:iommu_attach_device_pasid() takes group->mutex around
	 * __iommu_set_group_pasid(), which calls ->set_dev_pasid.
	 */
	axb_smmu_write_ste(master->smmu, dev, master->rid_ste | AXB_STE_PASID); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

static void axb_smmu_remove_dev_pasid(struct device *dev, ioasid_t pasid,
				      struct iommu_domain *domain)
{
	struct axb_smmu_master *master = dev_iommu_priv_get(dev);

	/*
	 * iommu.c:iommu_detach_device_pasid() takes group->mutex around
	 * __iommu_remove_group_pasid(), which calls ->remove_dev_pasid.
	 */
	axb_smmu_write_ste(master->smmu, dev, master->rid_ste); /* EXPECT-NONE: group-mutex-required */
}

static int axb_smmu_map(struct iommu_domain *domain, unsigned long iova,
			phys_addr_t paddr, size_t pgsize, size_t pgcount,
			int prot, gfp_t gfp, size_t *mapped)
{
	struct axb_smmu_domain *dom = to_axb_domain(domain);
	unsigned long flags;
	size_t i;

	if (!dom->pgt)
		return -ENODEV;
	if (iova + pgcount * AXB_SMMU_PAGE_SIZE > AXB_SMMU_APERTURE)
		return -EINVAL;

	spin_lock_irqsave(&dom->pgt_lock, flags);
	for (i = 0; i < pgcount; i++)
		dom->pgt[(iova >> AXB_SMMU_PAGE_SHIFT) + i] =
			(paddr >> AXB_SMMU_PAGE_SHIFT) + i;
	spin_unlock_irqrestore(&dom->pgt_lock, flags);

	*mapped = pgcount * AXB_SMMU_PAGE_SIZE;
	return 0;
}

static size_t axb_smmu_unmap(struct iommu_domain *domain, unsigned long iova,
			     size_t pgsize, size_t pgcount,
			     struct iommu_iotlb_gather *gather)
{
	struct axb_smmu_domain *dom = to_axb_domain(domain);
	unsigned long flags;

	if (!dom->pgt || iova + pgcount * AXB_SMMU_PAGE_SIZE > AXB_SMMU_APERTURE)
		return 0;

	spin_lock_irqsave(&dom->pgt_lock, flags);
	memset(&dom->pgt[iova >> AXB_SMMU_PAGE_SHIFT], 0, pgcount * sizeof(u32));
	spin_unlock_irqrestore(&dom->pgt_lock, flags);

	return pgcount * AXB_SMMU_PAGE_SIZE;
}

static phys_addr_t axb_smmu_iova_to_phys(struct iommu_domain *domain,
					 dma_addr_t iova)
{
	struct axb_smmu_domain *dom = to_axb_domain(domain);

	if (!dom->pgt || iova >= AXB_SMMU_APERTURE)
		return 0;

	return ((phys_addr_t)dom->pgt[iova >> AXB_SMMU_PAGE_SHIFT] << AXB_SMMU_PAGE_SHIFT) |
	       (iova & (AXB_SMMU_PAGE_SIZE - 1));
}

static int axb_smmu_of_xlate(struct device *dev,
			     const struct of_phandle_args *args)
{
	struct axb_smmu_master *master = dev_iommu_priv_get(dev);
	struct platform_device *pdev;
	struct axb_host *host;

	if (!master) {
		pdev = of_find_device_by_node(args->np);
		if (!pdev)
			return -ENODEV;
		host = platform_get_drvdata(pdev);
		put_device(&pdev->dev);
		if (!host)
			return -EPROBE_DEFER;

		master = kzalloc(sizeof(*master), GFP_KERNEL);
		if (!master)
			return -ENOMEM;
		master->smmu = &host->smmu;
		master->dev = dev;
		dev_iommu_priv_set(dev, master);
	}

	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static struct iommu_device *axb_smmu_probe_device(struct device *dev)
{
	struct axb_smmu_master *master = dev_iommu_priv_get(dev);

	if (!master)
		return ERR_PTR(-ENODEV);

	return &master->smmu->iommu;
}

static void axb_smmu_release_device(struct device *dev)
{
	kfree(dev_iommu_priv_get(dev));
}

/*
 * iommu.c:iommu_probe_device() calls ->probe_finalize after
 * __iommu_probe_device() has dropped group->mutex, and bus_iommu_probe()
 * after mutex_unlock(&group->mutex) ("FIXME: Mis-locked").
 */
static void axb_smmu_probe_finalize(struct device *dev)
{
	struct axb_smmu_master *master = dev_iommu_priv_get(dev);

	/* stall rather than abort faults of the new stream from now on */
	axb_smmu_write_ste(master->smmu, dev, master->rid_ste | AXB_STE_STALL); /* EXPECT: group-mutex-required */
}

/*
 * iommu.c:iommu_get_def_domain_type(), called by
 * iommu_get_default_domain_type() which asserts group->mutex.
 */
static int axb_smmu_def_domain_type(struct device *dev)
{
	struct axb_smmu_master *master = dev_iommu_priv_get(dev);

	/* a stream the boot firmware left live keeps its identity mapping */
	if (axb_smmu_ste_live(master->smmu, dev)) /* EXPECT-NONE: group-mutex-required */
		return IOMMU_DOMAIN_IDENTITY;

	return 0;
}

static const struct iommu_ops axb_smmu_ops = {
	.identity_domain	= &axb_smmu_identity_domain,
	.domain_alloc_paging	= axb_smmu_domain_alloc_paging,
	.probe_device		= axb_smmu_probe_device,
	.release_device		= axb_smmu_release_device,
	.probe_finalize		= axb_smmu_probe_finalize,
	.device_group		= generic_device_group,
	.of_xlate		= axb_smmu_of_xlate,
	.def_domain_type	= axb_smmu_def_domain_type,
	.remove_dev_pasid	= axb_smmu_remove_dev_pasid,
	.pgsize_bitmap		= AXB_SMMU_PAGE_SIZE,
	.owner			= THIS_MODULE,
	.default_domain_ops = &(const struct iommu_domain_ops) {
		.attach_dev	= axb_smmu_attach_dev,
		.set_dev_pasid	= axb_smmu_set_dev_pasid,
		.map_pages	= axb_smmu_map,
		.unmap_pages	= axb_smmu_unmap,
		.iova_to_phys	= axb_smmu_iova_to_phys,
		.free		= axb_smmu_domain_free,
	}
};

static struct axb_smmu_master *axb_smmu_find_master(struct axb_smmu *smmu,
						    u32 sid)
{
	struct axb_host *host = smmu_to_host(smmu);
	unsigned int i;

	for (i = 0; i < host->ncells; i++) {
		struct device *dev = &host->cells[i]->dev;
		struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);

		if (fwspec && fwspec->num_ids && fwspec->ids[0] == sid)
			return dev_iommu_priv_get(dev);
	}

	return NULL;
}

/* A threaded IRQ handler: the iommu core holds nothing around it. */
static irqreturn_t axb_smmu_fault_thread(int irq, void *data)
{
	struct axb_smmu *smmu = data;
	struct axb_smmu_master *master;
	u32 stat, sid;

	stat = readl(smmu->base + AXB_SMMU_FAULT_STAT);
	if (!(stat & AXB_FAULT_PENDING))
		return IRQ_NONE;

	sid = readl(smmu->base + AXB_SMMU_FAULT_SID);
	master = axb_smmu_find_master(smmu, sid);
	if (master) {
		dev_err_ratelimited(master->dev, "translation fault on stream %u\n", sid);
		/* quarantine the faulting stream at once */
		axb_smmu_write_ste(smmu, master->dev, AXB_STE_VALID | AXB_STE_ABORT); /* EXPECT: group-mutex-required */
		put_device(smmu->last_fault_dev);
		smmu->last_fault_dev = get_device(master->dev);
	}

	writel(stat, smmu->base + AXB_SMMU_FAULT_STAT);
	if (stat & AXB_FAULT_FATAL)
		schedule_work(&smmu_to_host(smmu)->recover_work);

	return IRQ_HANDLED;
}

static int axb_smmu_ste_show(struct seq_file *s, void *unused)
{
	struct axb_smmu *smmu = s->private;
	struct device *dev = smmu->last_fault_dev;

	if (!dev)
		return 0;

	/* a debugfs read: no group->mutex */
	seq_printf(s, "%s: live %d\n", dev_name(dev), axb_smmu_ste_live(smmu, dev)); /* EXPECT: group-mutex-required */
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(axb_smmu_ste);

/* iommu.c:iommu_group_for_each_dev() calls @fn with group->mutex held */
static int axb_smmu_release_one(struct device *dev, void *data)
{
	struct axb_smmu_master *master = dev_iommu_priv_get(dev);

	axb_smmu_write_ste(master->smmu, dev, master->rid_ste); /* EXPECT-NONE: group-mutex-required */
	return 0;
}

/* debugfs: lift the quarantine of the last faulting stream's group */
static ssize_t axb_smmu_release_write(struct file *file, const char __user *ubuf,
				      size_t count, loff_t *ppos)
{
	struct axb_smmu *smmu = file->private_data;
	struct iommu_group *group;
	int ret;

	if (!smmu->last_fault_dev)
		return -ENODEV;

	group = iommu_group_get(smmu->last_fault_dev);
	if (!group)
		return -ENODEV;

	ret = iommu_group_for_each_dev(group, smmu, axb_smmu_release_one);
	iommu_group_put(group);

	return ret ? ret : count;
}

static const struct file_operations axb_smmu_release_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= axb_smmu_release_write,
};

static int axb_smmu_init(struct axb_host *host, struct platform_device *pdev)
{
	struct axb_smmu *smmu = &host->smmu;
	int ret;

	smmu->dev = &pdev->dev;
	spin_lock_init(&smmu->ste_lock);

	smmu->base = devm_platform_ioremap_resource(pdev, 1);
	if (IS_ERR(smmu->base))
		return PTR_ERR(smmu->base);

	smmu->irq = platform_get_irq(pdev, 0);
	if (smmu->irq < 0)
		return smmu->irq;

	ret = devm_request_threaded_irq(&pdev->dev, smmu->irq, NULL,
					axb_smmu_fault_thread, IRQF_ONESHOT,
					"axb-smmu", smmu);
	if (ret)
		return ret;

	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "%s",
				     dev_name(&pdev->dev));
	if (ret)
		return ret;

	ret = iommu_device_register(&smmu->iommu, &axb_smmu_ops, &pdev->dev);
	if (ret) {
		iommu_device_sysfs_remove(&smmu->iommu);
		return ret;
	}

	smmu->debugfs = debugfs_create_dir(dev_name(&pdev->dev), NULL);
	debugfs_create_file("ste", 0400, smmu->debugfs, smmu, &axb_smmu_ste_fops);
	debugfs_create_file("release", 0200, smmu->debugfs, smmu,
			    &axb_smmu_release_fops);

	return 0;
}

static void axb_smmu_exit(struct axb_host *host)
{
	struct axb_smmu *smmu = &host->smmu;

	debugfs_remove_recursive(smmu->debugfs);
	iommu_device_unregister(&smmu->iommu);
	iommu_device_sysfs_remove(&smmu->iommu);
	put_device(smmu->last_fault_dev);
}

/* ---------------------------------------------------------------------
 * The host
 */

/* Program the host's global configuration; the host's lock is held. */
static void axb_host_restore(struct axb_host *host)
{
	lockdep_assert_held(&host->dev->mutex);

	writel(host->saved_cfg, host->base + AXB_CFG);
}

/*
 * a6xx_gmu.c:a6xx_gmu_wrapper_init(): the microcontroller is a platform
 * device of its own, found by phandle.  No driver binds to it, so its bus
 * never configured its DMA, and the host does it here.  Only
 * axb_host_probe() calls this; it holds the host's device lock, not the
 * microcontroller's.
 */
static int axb_host_attach_mcu(struct axb_host *host)
{
	struct platform_device *mcu;
	struct device_node *np;
	int ret;

	np = of_parse_phandle(host->dev->of_node, "vendor,mcu", 0);
	if (!np)
		return 0;

	mcu = of_find_device_by_node(np);
	if (!mcu) {
		of_node_put(np);
		return -EPROBE_DEFER;
	}

	ret = of_dma_configure(&mcu->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required @axb_mcu */
	of_node_put(np);
	if (ret) {
		put_device(&mcu->dev);
		return ret;
	}

	host->mcu = mcu;
	return 0;
}

static void axb_ctx_release(struct device *dev)
{
	/* embedded in struct axb_host, freed with it */
}

/*
 * host1x/context.c:host1x_memory_context_list_init(): one device per
 * iommu-map entry, added on a bus without dma_configure and configured by
 * the code that created it, right after device_add().  Only
 * axb_host_probe() calls this; nobody holds the new devices' locks.
 */
static int axb_host_create_contexts(struct axb_host *host)
{
	struct device_node *node = host->dev->of_node;
	unsigned int i;
	int err;

	err = of_property_count_u32_elems(node, "iommu-map");
	if (err < 0)
		return 0;

	host->nctx = min_t(unsigned int, err / 4, AXB_MAX_CTX);

	for (i = 0; i < host->nctx; i++) {
		struct axb_ctx *ctx = &host->ctx[i];

		ctx->host = host;
		ctx->index = i;
		device_initialize(&ctx->dev);
		ctx->dma_mask = DMA_BIT_MASK(36);
		ctx->dev.dma_mask = &ctx->dma_mask;
		ctx->dev.coherent_dma_mask = ctx->dma_mask;
		ctx->dev.bus = &axb_ctx_bus_type;
		ctx->dev.parent = host->dev;
		ctx->dev.release = axb_ctx_release;

		err = dev_set_name(&ctx->dev, "axb-ctx.%u", i);
		if (!err)
			err = device_add(&ctx->dev);
		if (err) {
			put_device(&ctx->dev);
			goto unreg_devices;
		}

		err = of_dma_configure_id(&ctx->dev, node, true, &i); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @axb_ctx */
		if (err) {
			device_unregister(&ctx->dev);
			goto unreg_devices;
		}
	}

	return 0;

unreg_devices:
	while (i--)
		device_unregister(&host->ctx[i].dev);
	host->nctx = 0;
	return err;
}

static void axb_host_del_contexts(struct axb_host *host)
{
	while (host->nctx)
		device_unregister(&host->ctx[--host->nctx].dev);
}

static int axb_host_add_cells(struct axb_host *host)
{
	for_each_available_child_of_node_scoped(host->dev->of_node, np) {
		struct axb_device *adev;
		u32 slot;

		if (of_property_read_u32(np, "reg", &slot) ||
		    slot >= AXB_MAX_CELLS || host->ncells >= AXB_MAX_CELLS)
			continue;

		adev = axb_device_add(host, np, slot);
		if (IS_ERR(adev))
			return PTR_ERR(adev);

		/*
		 * An always-on cell is routed even without a driver.  It may
		 * have bound inside device_add() already: route it under its
		 * lock, as cxl/pmem.c:detach_nvdimm() works in
		 * scoped_guard(device, ...).
		 */
		if (of_property_read_bool(np, "vendor,always-on")) {
			scoped_guard(device, &adev->dev)
				axb_dev_set_route(adev, AXB_ROUTE_DEFAULT + slot); /* EXPECT-NONE: device-lock-required */
		}

		mutex_lock(&host->lock);
		host->cells[host->ncells++] = adev;
		mutex_unlock(&host->lock);
	}

	return 0;
}

static void axb_host_del_cells(struct axb_host *host)
{
	mutex_lock(&host->lock);
	while (host->ncells)
		axb_device_del(host->cells[--host->ncells]);
	mutex_unlock(&host->lock);
}

/*
 * vfio/fsl-mc/vfio_fsl_mc.c:vfio_fsl_mc_bus_notifier() shape.
 * BUS_NOTIFY_ADD_DEVICE comes from core.c:device_add() -> bus_notify()
 * without the device lock; BUS_NOTIFY_BOUND_DRIVER from dd.c:driver_bound(),
 * which really_probe() calls with device_lock(dev) held.
 */
static int axb_host_bus_notify(struct notifier_block *nb,
			       unsigned long action, void *data)
{
	struct axb_host *host = container_of(nb, struct axb_host, bus_nb);
	struct device *dev = data;
	struct axb_device *adev = to_axb_device(dev);

	if (adev->host != host)
		return NOTIFY_DONE;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		/* keep the new cell masked until a driver binds */
		axb_dev_set_route(adev, 0); /* EXPECT: device-lock-required */
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		axb_dev_set_route(adev, AXB_ROUTE_DEFAULT + adev->slot); /* EXPECT-NONE: device-lock-required */
		break;
	}

	return NOTIFY_DONE;
}

/*
 * Host reset after a fatal IOMMU fault, from a work item.  The
 * microcontroller loses its stream mapping with the reset; it is
 * re-applied (the a6xx_gmu_wrapper_init() call again) under the
 * microcontroller's device lock, so that no driver can bind to it
 * meanwhile.
 */
static void axb_host_recover_work(struct work_struct *work)
{
	struct axb_host *host = container_of(work, struct axb_host, recover_work);
	struct platform_device *mcu = host->mcu;
	int ret;

	mutex_lock(&host->lock);

	ret = axb_host_quiesce_cells(host); /* EXPECT: lock-imbalance @axb_quiesce */
	if (ret) {
		dev_err(host->dev, "cannot quiesce cells: %d\n", ret);
		goto out;
	}

	writel(1, host->base + AXB_RESET);
	usleep_range(100, 200);

	if (mcu) {
		device_lock(&mcu->dev);
		ret = of_dma_configure(&mcu->dev, mcu->dev.of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		device_unlock(&mcu->dev);
		if (ret)
			dev_warn(host->dev, "mcu DMA setup failed: %d\n", ret);
	}

	ret = axb_host_resume_cells(host);
	if (ret)
		dev_err(host->dev, "cannot resume cells: %d\n", ret);
out:
	mutex_unlock(&host->lock);
}

static int axb_host_suspend_noirq(struct device *dev)
{
	struct axb_host *host = dev_get_drvdata(dev);

	host->saved_cfg = readl(host->base + AXB_CFG);
	return 0;
}

/*
 * power/main.c:device_resume_noirq() runs noirq callbacks without the
 * device lock (only device_resume(), device_suspend(), device_prepare()
 * and device_complete() take it).
 */
static int axb_host_resume_noirq(struct device *dev)
{
	struct axb_host *host = dev_get_drvdata(dev);

	/* the fault interrupt is routed by AXB_CFG: restore it first */
	axb_host_restore(host); /* EXPECT: device-lock-required */
	return 0;
}

static const struct dev_pm_ops axb_host_pm_ops = {
	NOIRQ_SYSTEM_SLEEP_PM_OPS(axb_host_suspend_noirq, axb_host_resume_noirq)
};

static int axb_host_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct axb_host *host;
	u32 cfg = 0;
	int ret;

	host = devm_kzalloc(dev, sizeof(*host), GFP_KERNEL);
	if (!host)
		return -ENOMEM;

	host->dev = dev;
	host->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(host->base))
		return PTR_ERR(host->base);

	mutex_init(&host->lock);
	INIT_WORK(&host->recover_work, axb_host_recover_work);
	platform_set_drvdata(pdev, host);

	of_property_read_u32(dev->of_node, "vendor,host-config", &cfg);
	host->saved_cfg = cfg;
	/* platform_probe() from dd.c:really_probe(), device_lock(dev) held */
	axb_host_restore(host); /* EXPECT-NONE: device-lock-required */

	ret = axb_smmu_init(host, pdev);
	if (ret)
		return ret;

	ret = axb_host_attach_mcu(host); /* EXPECT: device-lock-required @axb_mcu */
	if (ret)
		goto err_smmu;

	ret = axb_host_create_contexts(host); /* EXPECT: device-lock-required @axb_ctx */
	if (ret)
		goto err_mcu;

	host->bus_nb.notifier_call = axb_host_bus_notify;
	ret = bus_register_notifier(&axb_bus_type, &host->bus_nb);
	if (ret)
		goto err_ctx;

	ret = axb_host_add_cells(host);
	if (ret)
		goto err_cells;

	return 0;

err_cells:
	axb_host_del_cells(host);
	bus_unregister_notifier(&axb_bus_type, &host->bus_nb);
err_ctx:
	axb_host_del_contexts(host);
err_mcu:
	if (host->mcu)
		put_device(&host->mcu->dev);
err_smmu:
	axb_smmu_exit(host);
	return ret;
}

static void axb_host_remove(struct platform_device *pdev)
{
	struct axb_host *host = platform_get_drvdata(pdev);

	cancel_work_sync(&host->recover_work);
	axb_host_del_cells(host);
	bus_unregister_notifier(&axb_bus_type, &host->bus_nb);
	axb_host_del_contexts(host);
	if (host->mcu)
		put_device(&host->mcu->dev);
	axb_smmu_exit(host);
}

static const struct of_device_id axb_host_of_match[] = {
	{ .compatible = "vendor,axb-host" },
	{ }
};
MODULE_DEVICE_TABLE(of, axb_host_of_match);

struct platform_driver axb_host_driver = {
	.probe	= axb_host_probe,
	.remove	= axb_host_remove,
	.driver	= {
		.name		= "axb-host",
		.of_match_table	= axb_host_of_match,
		.pm		= pm_sleep_ptr(&axb_host_pm_ops),
	},
};
