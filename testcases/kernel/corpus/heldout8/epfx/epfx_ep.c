// SPDX-License-Identifier: GPL-2.0
/*
 * epfx endpoint controller: a platform driver that creates the pci_epc,
 * its eDMA and doorbell child devices, and notifies the function driver
 * of PERST# and link events from a threaded IRQ.
 *
 * Shapes: drivers/pci/controller/dwc/pcie-qcom-ep.c:
 * qcom_pcie_ep_perst_irq_thread() and qcom_pcie_ep_probe(),
 * drivers/media/platform/qcom/venus/firmware.c:venus_firmware_init() and
 * drivers/dma/qcom/hidma_mgmt.c:hidma_mgmt_of_populate_channels()
 * (child devices created and DMA-configured by their creator).
 */
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pci-epc.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/sizes.h>

#include "epfx.h"

#define EPFX_EP_CTRL		0x000
#define EPFX_EP_LTSSM		0x004
#define EPFX_EP_IRQ_STAT	0x010
#define EPFX_EP_BAR(n)		(0x100 + 8 * (n))
#define EPFX_EP_HDR		0x200

#define EPFX_EP_CTRL_CORE_EN	BIT(0)
#define EPFX_EP_CTRL_LTSSM_EN	BIT(1)

#define EPFX_EP_IRQ_PERST	BIT(0)
#define EPFX_EP_IRQ_LINK_UP	BIT(1)
#define EPFX_EP_IRQ_LINK_DOWN	BIT(2)

/*
 * Bring the controller core up.  Runs in the controller's probe and
 * resume, with the controller's device lock held.
 */
static int epfx_ep_core_init(struct epfx_ep *ep)
{
	lockdep_assert_held(&ep->dev->mutex);

	writel(EPFX_EP_CTRL_CORE_EN, ep->base + EPFX_EP_CTRL);
	writel(ep->saved_ltssm, ep->base + EPFX_EP_LTSSM);
	return 0;
}

static int epfx_ep_write_header(struct pci_epc *epc, u8 func_no, u8 vfunc_no,
				struct pci_epf_header *hdr)
{
	struct epfx_ep *ep = epc_get_drvdata(epc);

	writel(hdr->vendorid | (hdr->deviceid << 16), ep->base + EPFX_EP_HDR);
	return 0;
}

static int epfx_ep_set_bar(struct pci_epc *epc, u8 func_no, u8 vfunc_no,
			   struct pci_epf_bar *epf_bar)
{
	struct epfx_ep *ep = epc_get_drvdata(epc);

	writel(lower_32_bits(epf_bar->phys_addr), ep->base + EPFX_EP_BAR(epf_bar->barno));
	writel(upper_32_bits(epf_bar->phys_addr), ep->base + EPFX_EP_BAR(epf_bar->barno) + 4);
	return 0;
}

static void epfx_ep_clear_bar(struct pci_epc *epc, u8 func_no, u8 vfunc_no,
			      struct pci_epf_bar *epf_bar)
{
	struct epfx_ep *ep = epc_get_drvdata(epc);

	writel(0, ep->base + EPFX_EP_BAR(epf_bar->barno));
	writel(0, ep->base + EPFX_EP_BAR(epf_bar->barno) + 4);
}

static int epfx_ep_map_addr(struct pci_epc *epc, u8 func_no, u8 vfunc_no,
			    phys_addr_t addr, u64 pci_addr, size_t size)
{
	return 0;
}

static void epfx_ep_unmap_addr(struct pci_epc *epc, u8 func_no, u8 vfunc_no,
			       phys_addr_t addr)
{
}

static int epfx_ep_raise_irq(struct pci_epc *epc, u8 func_no, u8 vfunc_no,
			     unsigned int type, u16 interrupt_num)
{
	return 0;
}

static int epfx_ep_start(struct pci_epc *epc)
{
	struct epfx_ep *ep = epc_get_drvdata(epc);

	writel(EPFX_EP_CTRL_CORE_EN | EPFX_EP_CTRL_LTSSM_EN, ep->base + EPFX_EP_CTRL);
	return 0;
}

static void epfx_ep_stop(struct pci_epc *epc)
{
	struct epfx_ep *ep = epc_get_drvdata(epc);

	writel(EPFX_EP_CTRL_CORE_EN, ep->base + EPFX_EP_CTRL);
}

static const struct pci_epc_features epfx_ep_features = {
	.linkup_notifier	= true,
	.msi_capable		= true,
	.align			= SZ_4K,
};

static const struct pci_epc_features *
epfx_ep_get_features(struct pci_epc *epc, u8 func_no, u8 vfunc_no)
{
	return &epfx_ep_features;
}

static const struct pci_epc_ops epfx_epc_ops = {
	.write_header	= epfx_ep_write_header,
	.set_bar	= epfx_ep_set_bar,
	.clear_bar	= epfx_ep_clear_bar,
	.map_addr	= epfx_ep_map_addr,
	.unmap_addr	= epfx_ep_unmap_addr,
	.raise_irq	= epfx_ep_raise_irq,
	.start		= epfx_ep_start,
	.stop		= epfx_ep_stop,
	.get_features	= epfx_ep_get_features,
	.owner		= THIS_MODULE,
};

/*
 * pcie-qcom-ep.c:qcom_pcie_ep_perst_irq_thread() shape: a threaded IRQ
 * handler, no device lock held.
 */
static irqreturn_t epfx_ep_irq_thread(int irq, void *data)
{
	struct epfx_ep *ep = data;
	u32 stat;

	stat = readl(ep->base + EPFX_EP_IRQ_STAT);
	writel(stat, ep->base + EPFX_EP_IRQ_STAT);

	if (stat & EPFX_EP_IRQ_PERST) {
		/* the host released PERST#: the core was reset with it */
		epfx_ep_core_init(ep); /* EXPECT: device-lock-required */
		pci_epc_init_notify(ep->epc);
	}
	if (stat & EPFX_EP_IRQ_LINK_UP)
		pci_epc_linkup(ep->epc);
	if (stat & EPFX_EP_IRQ_LINK_DOWN)
		pci_epc_linkdown(ep->epc);

	return IRQ_HANDLED;
}

/*
 * The eDMA and doorbell blocks are subnodes of the controller.  The
 * controller creates a platform device for each and configures its DMA
 * itself, as venus_firmware_init() (eDMA) and
 * hidma_mgmt_of_populate_channels() (doorbell, before
 * platform_device_add()).  Only epfx_ep_probe() calls this; it holds the
 * controller's lock, not the children's.
 */
static int epfx_ep_add_children(struct epfx_ep *ep)
{
	struct device *dev = ep->dev;
	struct platform_device *pdev;
	struct device_node *np;
	int ret;

	np = of_get_child_by_name(dev->of_node, "edma");
	if (np) {
		struct platform_device_info info = {
			.parent		= dev,
			.fwnode		= of_fwnode_handle(np),
			.name		= "epfx-edma",
			.id		= PLATFORM_DEVID_AUTO,
			.dma_mask	= DMA_BIT_MASK(40),
		};

		pdev = platform_device_register_full(&info);
		if (IS_ERR(pdev)) {
			of_node_put(np);
			return PTR_ERR(pdev);
		}

		ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @epfx_edma */
		of_node_put(np);
		if (ret) {
			platform_device_unregister(pdev);
			return ret;
		}
		ep->edma = pdev;
	}

	np = of_get_child_by_name(dev->of_node, "doorbell");
	if (np) {
		pdev = platform_device_alloc("epfx-doorbell", PLATFORM_DEVID_AUTO);
		if (!pdev) {
			of_node_put(np);
			ret = -ENOMEM;
			goto err_edma;
		}
		pdev->dev.parent = dev;
		device_set_node(&pdev->dev, of_fwnode_handle(np));

		device_lock(&pdev->dev);
		ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
		device_unlock(&pdev->dev);
		if (!ret)
			ret = platform_device_add(pdev);
		if (ret) {
			platform_device_put(pdev);
			goto err_edma;
		}
		ep->doorbell = pdev;
	}

	return 0;

err_edma:
	if (ep->edma)
		platform_device_unregister(ep->edma);
	ep->edma = NULL;
	return ret;
}

static int epfx_ep_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct resource *res;
	struct epfx_ep *ep;
	int ret;

	ep = devm_kzalloc(dev, sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;

	ep->dev = dev;
	ep->base = devm_platform_ioremap_resource_byname(pdev, "dbi");
	if (IS_ERR(ep->base))
		return PTR_ERR(ep->base);

	res = platform_get_resource_byname(pdev, IORESOURCE_MEM, "addr_space");
	if (!res)
		return -EINVAL;

	ep->irq = platform_get_irq(pdev, 0);
	if (ep->irq < 0)
		return ep->irq;

	platform_set_drvdata(pdev, ep);

	/* platform_probe() from dd.c:really_probe(), device_lock(dev) held */
	ret = epfx_ep_core_init(ep); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	ep->epc = devm_pci_epc_create(dev, &epfx_epc_ops);
	if (IS_ERR(ep->epc))
		return PTR_ERR(ep->epc);

	epc_set_drvdata(ep->epc, ep);
	ep->epc->max_functions = 1;

	ret = pci_epc_mem_init(ep->epc, res->start, resource_size(res), SZ_4K);
	if (ret)
		return ret;

	ret = devm_request_threaded_irq(dev, ep->irq, NULL, epfx_ep_irq_thread,
					IRQF_ONESHOT, "epfx-ep", ep);
	if (ret)
		goto err_mem;

	ret = epfx_ep_add_children(ep); /* EXPECT: device-lock-required @epfx_edma */
	if (ret)
		goto err_mem;

	pci_epc_init_notify(ep->epc);
	return 0;

err_mem:
	pci_epc_mem_exit(ep->epc);
	return ret;
}

static void epfx_ep_remove(struct platform_device *pdev)
{
	struct epfx_ep *ep = platform_get_drvdata(pdev);

	pci_epc_deinit_notify(ep->epc);
	if (ep->doorbell)
		platform_device_unregister(ep->doorbell);
	if (ep->edma)
		platform_device_unregister(ep->edma);
	pci_epc_mem_exit(ep->epc);
}

static int epfx_ep_suspend(struct device *dev)
{
	struct epfx_ep *ep = dev_get_drvdata(dev);

	ep->saved_ltssm = readl(ep->base + EPFX_EP_LTSSM);
	writel(0, ep->base + EPFX_EP_CTRL);
	return 0;
}

/*
 * System sleep: platform_pm_resume() from power/main.c:device_resume(),
 * which holds device_lock(dev).
 */
static int epfx_ep_resume(struct device *dev)
{
	struct epfx_ep *ep = dev_get_drvdata(dev);

	return epfx_ep_core_init(ep); /* EXPECT-NONE: device-lock-required */
}

static const struct dev_pm_ops epfx_ep_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(epfx_ep_suspend, epfx_ep_resume)
};

static const struct of_device_id epfx_ep_of_match[] = {
	{ .compatible = "vendor,epfx-ep" },
	{ }
};

struct platform_driver epfx_ep_driver = {
	.probe	= epfx_ep_probe,
	.remove	= epfx_ep_remove,
	.driver	= {
		.name		= "epfx-ep",
		.of_match_table	= epfx_ep_of_match,
		.pm		= pm_sleep_ptr(&epfx_ep_pm_ops),
	},
};
