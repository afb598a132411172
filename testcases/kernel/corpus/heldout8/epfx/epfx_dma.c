// SPDX-License-Identifier: GPL-2.0
/*
 * epfx function DMA and BAR helpers, called from epfx_func.c.  Their
 * callers must hold the EPF device's lock (ef->epf->dev): the channel and
 * the BAR belong to the bound driver and are torn down by remove().
 *
 * Shapes: drivers/pci/endpoint/functions/pci-epf-test.c:
 * pci_epf_test_init_dma_chan() (a channel filtered by the controller's
 * device), pci_epf_test_set_bar(); drivers/gpu/drm/msm/adreno/a6xx_gmu.c:
 * a6xx_gmu_wrapper_init() (a device found by phandle and configured by a
 * driver that does not own it).
 */
#include <linux/device.h>
#include <linux/dmaengine.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/pci-epc.h>
#include <linux/pci-epf.h>
#include <linux/platform_device.h>

#include "epfx.h"

/*
 * a6xx_gmu.c:a6xx_gmu_wrapper_init() shape (of_find_device_by_node(),
 * then of_dma_configure() of a device the caller does not own).
 * The system DMA engine the function copies with is a platform device of
 * its own, found by phandle from the endpoint controller's node.  No
 * driver of this module binds it; its DMA is configured here.  Only
 * epfx_bind() calls this, and it holds no device lock (epf->lock only).
 */
int epfx_dma_find_engine(struct epfx_func *ef)
{
	struct device *epc_parent = ef->epf->epc->dev.parent;
	struct platform_device *pdev;
	struct device_node *np;
	int ret;

	np = of_parse_phandle(epc_parent->of_node, "vendor,sysdma", 0);
	if (!np)
		return 0;

	pdev = of_find_device_by_node(np);
	if (!pdev) {
		of_node_put(np);
		return -EPROBE_DEFER;
	}

	ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required @epfx_engine */
	of_node_put(np);
	if (ret) {
		platform_device_put(pdev);
		return ret;
	}

	ef->dma_pdev = pdev;
	return 0;
}

static bool epfx_dma_filter(struct dma_chan *chan, void *param)
{
	return chan->device->dev == param;
}

/*
 * pci-epf-test.c:pci_epf_test_init_dma_chan() shape.
 * Take a memcpy channel of the system DMA engine.  The channel is
 * released by remove() and unbind(): the caller holds the EPF device's
 * lock so that neither runs meanwhile.
 */
int epfx_dma_setup(struct epfx_func *ef)
{
	dma_cap_mask_t mask;

	device_lock_assert(&ef->epf->dev);

	if (ef->chan)
		return 0;
	if (!ef->dma_pdev)
		return -ENODEV;

	dma_cap_zero(mask);
	dma_cap_set(DMA_MEMCPY, mask);
	ef->chan = dma_request_channel(mask, epfx_dma_filter, &ef->dma_pdev->dev);

	return ef->chan ? 0 : -ENODEV;
}

/* The name is the contract: the caller holds the EPF device's lock. */
void epfx_dma_release_locked(struct epfx_func *ef)
{
	mutex_lock(&ef->cmd_lock);
	if (ef->chan) {
		dmaengine_terminate_sync(ef->chan);
		dma_release_channel(ef->chan);
		ef->chan = NULL;
	}
	mutex_unlock(&ef->cmd_lock);
}

/**
 * epfx_func_map_bar() - expose the register BAR to the host
 * @ef: the function
 *
 * Context: Process context.  The caller holds the device lock of the
 * EPF device (ef->epf->dev).
 *
 * Return: 0 or the error of pci_epc_set_bar().
 */
int epfx_func_map_bar(struct epfx_func *ef)
{
	struct pci_epf *epf = ef->epf;
	int ret;

	ret = pci_epc_set_bar(epf->epc, epf->func_no, epf->vfunc_no,
			      &epf->bar[ef->reg_bar]);
	if (ret)
		return ret;

	ef->bar_mapped = true;
	return 0;
}
