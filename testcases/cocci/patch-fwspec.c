// -D patch -D fwspec: of_dma_configure() becomes the seed-001 fwspec path
// where a header the file includes declares it: iommu_fwspec_alloc(), fill
// it from the node, iommu_probe_device_fwspec() owns it on success, the
// caller frees it otherwise.  Idempotent; compiles against the API.
// RUN: spatch --very-quiet --no-includes -D patch -D fwspec --sp-file %cocci/of_dma_configure.cocci -I %kinc %s -o %t.c > /dev/null 2> %t.err
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t.c
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// RUN: %clang -fsyntax-only -I %kinc %t.c
// RUN: spatch --very-quiet --no-includes -D patch -D fwspec --sp-file %cocci/of_dma_configure.cocci -I %kinc %t.c > %t.again 2>/dev/null
// RUN: not test -s %t.again

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/iommu_fwspec_api.h>

int with_ret(struct platform_device *pdev, struct device_node *np)
{
	int ret;

	ret = of_dma_configure(&pdev->dev, np, true);
	if (ret)
		return ret;
	return 0;
}
// CHECK:	{
// CHECK-NEXT:		struct iommu_fwspec *fwspec = iommu_fwspec_alloc();
// CHECK-EMPTY:
// CHECK-NEXT:		ret = IS_ERR(fwspec) ? PTR_ERR(fwspec) : 0;
// CHECK-NEXT:		if (!ret)
// CHECK-NEXT:			ret = of_iommu_fwspec_parse(fwspec, &pdev->dev, np);
// CHECK-NEXT:		if (!ret)
// CHECK-NEXT:			ret = iommu_probe_device_fwspec(&pdev->dev, fwspec);
// CHECK-NEXT:		if (ret && !IS_ERR(fwspec))
// CHECK-NEXT:			iommu_fwspec_dealloc(fwspec);
// CHECK-NEXT:	}
// CHECK-NEXT:	if (ret)

void ignored(struct device *dev, struct device_node *np)
{
	of_dma_configure(dev, np, true);
}
// CHECK:	{
// CHECK-NEXT:		struct iommu_fwspec *fwspec = iommu_fwspec_alloc();
// CHECK-EMPTY:
// CHECK-NEXT:		if (!IS_ERR(fwspec) && (of_iommu_fwspec_parse(fwspec, dev, np) || iommu_probe_device_fwspec(dev, fwspec)))
// CHECK-NEXT:			iommu_fwspec_dealloc(fwspec);
// CHECK-NEXT:	}

int returned(struct device *dev, struct device_node *np)
{
	return of_dma_configure(dev, np, true);
}
// CHECK:	{
// CHECK-NEXT:		struct iommu_fwspec *fwspec = iommu_fwspec_alloc();
// CHECK-NEXT:		int err = IS_ERR(fwspec) ? PTR_ERR(fwspec) : 0;
// CHECK-EMPTY:
// CHECK-NEXT:		if (!err)
// CHECK-NEXT:			err = of_iommu_fwspec_parse(fwspec, dev, np);
// CHECK-NEXT:		if (!err)
// CHECK-NEXT:			err = iommu_probe_device_fwspec(dev, fwspec);
// CHECK-NEXT:		if (err && !IS_ERR(fwspec))
// CHECK-NEXT:			iommu_fwspec_dealloc(fwspec);
// CHECK-NEXT:		return err;
// CHECK-NEXT:	}

/* of_dma_configure_id() carries an id the fwspec path has no slot for */
int with_id(struct device *dev, struct device_node *np, const u32 *id)
{
	// ERR: patch-fwspec.c:[[@LINE+1]]: fwspec rewrite skipped: no iommu_fwspec rewrite for of_dma_configure_id() [dma-configure-outside-bus]
	return of_dma_configure_id(dev, np, true, id);
}
// CHECK:	return of_dma_configure_id(dev, np, true, id);
