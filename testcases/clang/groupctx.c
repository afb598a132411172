// The iommu core's group-mutex slot contexts, and a group requirement on a
// struct device * kept in a member (iommu_group_mutex_assert(master->dev),
// the shape of amd_iommu_set_gcr3() and arm-smmu-v3's helpers).
//
// Pass 1 (no path analysis) of Inputs/iommucore.c: ->attach_dev is called
// from a function with a rules-table requirement on the group mutex,
// ->def_domain_type from a static helper whose caller asserts it; the
// other three slots are called without it on some path.
// RUN: rm -rf %t && mkdir -p %t/sum
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/sum \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/iommucore.c
// RUN: grep -h '^@slot' %t/sum/*.sum | sort | FileCheck --check-prefix=CORE %s
// CORE: @slot iommu_domain_ops.attach_dev 1 DEV_GROUP_MUTEX
// CORE-NEXT: @slot iommu_ops.def_domain_type 0 DEV_GROUP_MUTEX
// CORE-NOT: @slot
//
// The full analysis of the core agrees.  iommu_deferred_attach() calls
// __iommu_attach_device() without the mutex (seed 004): reported there,
// and ->attach_dev() keeps the context its caller's requirement states.
// RUN: mkdir %t/full
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/full \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %S/Inputs/iommucore.c
// RUN: grep -h '^@slot' %t/full/*.sum | sort | FileCheck --check-prefix=CORE %s
//
// This file's pass 1: the helpers' requirements name the member.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/sum \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %s
// RUN: grep -h '^grp_' %t/sum/*.sum | sort | FileCheck --check-prefix=SUM %s
// SUM: grp_ste_clear 0 DEV_GROUP_MUTEX dev
// SUM-NEXT: grp_ste_install 0 DEV_GROUP_MUTEX dev
// SUM-NOT: grp_
//
// Pass 2: the callbacks start with the contexts the core's summary gives.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/sum \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
// Without the core's summary no slot has a context: the negative twins
// are reported too (what the default check avoids by indexing iommu.c).
// RUN: rm %t/sum/*iommucore*
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/sum \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=nocore %s
#include <linux/device.h>
#include <linux/iommu.h>

struct grp_master {
	struct device *dev;
	int ste;
};

void grp_ste_install(struct grp_master *master, int ste)
{
	iommu_group_mutex_assert(master->dev);
	master->ste = ste;
}

void grp_ste_clear(struct grp_master *master)
{
	iommu_group_mutex_assert(master->dev);
	master->ste = 0;
}

/* A static helper: its requirement is judged where it is inlined. */
static void grp_reinstall(struct grp_master *master)
{
	grp_ste_install(master, master->ste); // expected-warning{{grp_ste_install() requires the iommu group mutex of 'master->dev', which is not held on this path (from grp_probe_finalize())}} nocore-warning{{from grp_probe_finalize()}}
}

static int grp_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct grp_master *master = dev_iommu_priv_get(dev);

	grp_ste_install(master, 1); // nocore-warning{{grp_ste_install() requires the iommu group mutex of 'master->dev'}}
	return 0;
}

static int grp_set_dev_pasid(struct iommu_domain *domain, struct device *dev,
			     u32 pasid)
{
	struct grp_master *master = dev_iommu_priv_get(dev);

	grp_ste_clear(master); // expected-warning{{grp_ste_clear() requires the iommu group mutex of 'master->dev', which is not held on this path (from grp_set_dev_pasid())}} nocore-warning{{from grp_set_dev_pasid()}}
	return 0;
}

static const struct iommu_domain_ops grp_domain_ops = {
	.attach_dev = grp_attach_dev,
	.set_dev_pasid = grp_set_dev_pasid,
};

static void grp_probe_finalize(struct device *dev)
{
	grp_reinstall(dev_iommu_priv_get(dev));
}

static int grp_def_domain_type(struct device *dev)
{
	struct grp_master *master = dev_iommu_priv_get(dev);

	grp_ste_clear(master); // nocore-warning{{from grp_def_domain_type()}}
	return 0;
}

static int grp_dev_enable_feat(struct device *dev, int feat)
{
	struct grp_master *master = dev_iommu_priv_get(dev);

	grp_ste_clear(master); // expected-warning{{grp_ste_clear() requires the iommu group mutex of 'master->dev', which is not held on this path (from grp_dev_enable_feat())}} nocore-warning{{from grp_dev_enable_feat()}}
	return 0;
}

static const struct iommu_ops grp_ops = {
	.probe_finalize = grp_probe_finalize,
	.def_domain_type = grp_def_domain_type,
	.dev_enable_feat = grp_dev_enable_feat,
};

const void *grp_tables[] = { &grp_domain_ops, &grp_ops };

/* A non-static function passes the requirement on to its callers. */
void grp_detach(struct grp_master *master)
{
	grp_ste_clear(master);
}
