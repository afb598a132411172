// SPDX-License-Identifier: GPL-2.0
/*
 * auxdsp: a DSP host platform device that registers an auxiliary device
 * for its firmware loader, creates two ACPI-described children, and
 * borrows a companion device found through a DT phandle.  The driver core
 * holds device_lock() of a driver's own device in platform and auxiliary
 * probe/remove (drivers/base/dd.c:really_probe(),
 * device_release_driver_internal()); not of any other device.
 */
#include <linux/acpi.h>
#include <linux/auxiliary_bus.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "auxdsp.h"

struct auxdsp_host {
	struct device *dev;
	struct auxiliary_device adev;
	struct platform_device *mem_pdev;
	struct platform_device *log_pdev;
	struct platform_device *companion;
};

struct auxdsp_loader {
	struct auxiliary_device *adev;
	struct device_node *fw_np;
	struct work_struct reload_work;
	struct work_struct restart_work;
};

/*
 * Shape: drivers/cxl/core/port.c:cxl_decoder_add_locked(), exported to the
 * module's other file: the name is the contract (the caller holds the
 * device lock of @dev); dev->driver is only stable under it.
 */
int auxdsp_codec_attach_locked(struct device *dev)
{
	if (!dev->driver)
		return -ENODEV;
	dev_dbg(dev, "codec attached\n");
	return 0;
}

/**
 * auxdsp_codec_detach() - stop the DSP's use of a codec
 * @dev: the codec's device
 *
 * Shape: drivers/cxl/core/port.c:cxl_decoder_add_locked()'s kernel-doc,
 * whose contract is its Context: line.
 *
 * Context: Process context.  Expects the device lock of @dev to be held.
 */
void auxdsp_codec_detach(struct device *dev)
{
	if (dev->driver)
		dev_dbg(dev, "codec detached\n");
}

static void auxdsp_loader_reload(struct work_struct *work);
static void auxdsp_loader_restart(struct work_struct *work);

/*
 * The loader's own probed device, re-pointed at its parent's DT node:
 * the shape of drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe()
 * (of_dma_configure() on the probe's own device with another node), here
 * in an auxiliary driver's probe.
 */
static int auxdsp_loader_probe(struct auxiliary_device *adev,
			       const struct auxiliary_device_id *id)
{
	struct device *parent = adev->dev.parent;
	struct auxdsp_loader *ld;
	int ret;

	ld = devm_kzalloc(&adev->dev, sizeof(*ld), GFP_KERNEL);
	if (!ld)
		return -ENOMEM;
	ld->adev = adev;
	ld->fw_np = parent->of_node;
	INIT_WORK(&ld->reload_work, auxdsp_loader_reload);
	INIT_WORK(&ld->restart_work, auxdsp_loader_restart);
	auxiliary_set_drvdata(adev, ld);

	ret = of_dma_configure(&adev->dev, parent->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	return 0;
}

/*
 * After a firmware crash the loader re-points its own device at the
 * firmware's node from a work item, where no device lock is held.
 * Shape: drivers/remoteproc/remoteproc_core.c:rproc_crash_handler_work().
 */
static void auxdsp_loader_reload(struct work_struct *work)
{
	struct auxdsp_loader *ld = container_of(work, struct auxdsp_loader, reload_work);

	if (of_dma_configure(&ld->adev->dev, ld->fw_np, true)) /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
		dev_warn(&ld->adev->dev, "DMA reconfiguration failed\n");
}

/* The twin: the same from a work item, under scoped_guard(device). */
static void auxdsp_loader_restart(struct work_struct *work)
{
	struct auxdsp_loader *ld = container_of(work, struct auxdsp_loader, restart_work);
	struct device *dev = &ld->adev->dev;
	int ret = 0;

	scoped_guard(device, dev) {
		if (dev->driver)
			ret = of_dma_configure(dev, ld->fw_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	}
	if (ret)
		dev_warn(dev, "DMA reconfiguration failed\n");
}

static void auxdsp_loader_remove(struct auxiliary_device *adev)
{
	struct auxdsp_loader *ld = auxiliary_get_drvdata(adev);

	cancel_work_sync(&ld->reload_work);
	cancel_work_sync(&ld->restart_work);
}

static const struct auxiliary_device_id auxdsp_loader_ids[] = {
	{ .name = KBUILD_MODNAME ".loader" },
	{ }
};
MODULE_DEVICE_TABLE(auxiliary, auxdsp_loader_ids);

static struct auxiliary_driver auxdsp_loader_driver = {
	.name = "loader",
	.probe = auxdsp_loader_probe,
	.remove = auxdsp_loader_remove,
	.id_table = auxdsp_loader_ids,
};

/*
 * Shape: drivers/acpi/arm64/iort.c:iort_add_platform_device() allocates
 * and adds a platform device, then configures its DMA from ACPI; here in
 * a static helper with one caller, after platform_device_add(), when a
 * driver can already bind.
 */
static int auxdsp_mem_dma(struct device *dev)
{
	return acpi_dma_configure(dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus created-device @memdma; EXPECT: device-lock-required @memlock */
}

/* The twin: its one caller holds the child's lock around it. */
static int auxdsp_log_dma(struct device *dev)
{
	return acpi_dma_configure(dev, DEV_DMA_NON_COHERENT); /* EXPECT: dma-configure-outside-bus created-device @logdma; EXPECT-NONE: device-lock-required @loglock */
}

static struct platform_device *auxdsp_add_child(struct auxdsp_host *host, const char *name)
{
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc(name, PLATFORM_DEVID_AUTO);
	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.parent = host->dev;
	ACPI_COMPANION_SET(&pdev->dev, ACPI_COMPANION(host->dev));
	ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		return ERR_PTR(ret);
	}
	return pdev;
}

static void auxdsp_adev_release(struct device *dev)
{
}

static int auxdsp_host_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct platform_device *cpdev;
	struct auxdsp_host *host;
	struct device_node *np;
	int ret;

	host = devm_kzalloc(dev, sizeof(*host), GFP_KERNEL);
	if (!host)
		return -ENOMEM;
	host->dev = dev;
	platform_set_drvdata(pdev, host);

	/*
	 * Shape: drivers/remoteproc/mtk_scp.c:scp_get() finds the companion
	 * by phandle, drivers/gpu/drm/msm/adreno/a6xx_gmu.c:
	 * a6xx_gmu_wrapper_init() configures such a device's DMA: a device
	 * this driver did not probe, whose lock it does not hold.
	 */
	np = of_parse_phandle(dev->of_node, "dsp,companion", 0);
	if (np) {
		cpdev = of_find_device_by_node(np);
		if (!cpdev) {
			of_node_put(np);
			return -EPROBE_DEFER;
		}
		ret = of_dma_configure(&cpdev->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		of_node_put(np);
		if (ret) {
			put_device(&cpdev->dev);
			return ret;
		}
		host->companion = cpdev;
	}

	/* The twin: the second companion is configured under its lock. */
	np = of_parse_phandle(dev->of_node, "dsp,companion", 1);
	if (np) {
		cpdev = of_find_device_by_node(np);
		if (cpdev) {
			device_lock(&cpdev->dev);
			ret = of_dma_configure(&cpdev->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
			device_unlock(&cpdev->dev);
			put_device(&cpdev->dev);
		}
		of_node_put(np);
	}

	host->mem_pdev = auxdsp_add_child(host, "auxdsp-mem");
	if (IS_ERR(host->mem_pdev))
		return PTR_ERR(host->mem_pdev);
	ret = auxdsp_mem_dma(&host->mem_pdev->dev); /* EXPECT: device-lock-required @memlock; EXPECT: dma-configure-outside-bus created-device @memdma */
	if (ret)
		goto err_mem;

	host->log_pdev = auxdsp_add_child(host, "auxdsp-log");
	if (IS_ERR(host->log_pdev)) {
		ret = PTR_ERR(host->log_pdev);
		goto err_mem;
	}
	device_lock(&host->log_pdev->dev);
	ret = auxdsp_log_dma(&host->log_pdev->dev); /* EXPECT-NONE: device-lock-required @loglock; EXPECT: dma-configure-outside-bus created-device @logdma */
	device_unlock(&host->log_pdev->dev);
	if (ret)
		goto err_log;

	host->adev.name = "loader";
	host->adev.id = 0;
	host->adev.dev.parent = dev;
	host->adev.dev.release = auxdsp_adev_release;
	ret = auxiliary_device_init(&host->adev);
	if (ret)
		goto err_log;
	ret = auxiliary_device_add(&host->adev);
	if (ret) {
		auxiliary_device_uninit(&host->adev);
		goto err_log;
	}
	return 0;

err_log:
	platform_device_unregister(host->log_pdev);
err_mem:
	platform_device_unregister(host->mem_pdev);
	if (host->companion)
		put_device(&host->companion->dev);
	return ret;
}

static void auxdsp_host_remove(struct platform_device *pdev)
{
	struct auxdsp_host *host = platform_get_drvdata(pdev);

	auxiliary_device_delete(&host->adev);
	auxiliary_device_uninit(&host->adev);
	platform_device_unregister(host->log_pdev);
	platform_device_unregister(host->mem_pdev);
	if (host->companion)
		put_device(&host->companion->dev);
}

static const struct of_device_id auxdsp_host_of_match[] = {
	{ .compatible = "example,auxdsp" },
	{ }
};
MODULE_DEVICE_TABLE(of, auxdsp_host_of_match);

static struct platform_driver auxdsp_host_driver = {
	.driver = {
		.name = "auxdsp",
		.of_match_table = auxdsp_host_of_match,
	},
	.probe = auxdsp_host_probe,
	.remove = auxdsp_host_remove,
};

static int __init auxdsp_init(void)
{
	int ret;

	ret = auxiliary_driver_register(&auxdsp_loader_driver);
	if (ret)
		return ret;
	ret = platform_driver_register(&auxdsp_host_driver);
	if (ret)
		goto err_aux;
	ret = auxdsp_codec_register();
	if (ret)
		goto err_host;
	return 0;

err_host:
	platform_driver_unregister(&auxdsp_host_driver);
err_aux:
	auxiliary_driver_unregister(&auxdsp_loader_driver);
	return ret;
}
module_init(auxdsp_init);

static void __exit auxdsp_exit(void)
{
	auxdsp_codec_unregister();
	platform_driver_unregister(&auxdsp_host_driver);
	auxiliary_driver_unregister(&auxdsp_loader_driver);
}
module_exit(auxdsp_exit);

MODULE_DESCRIPTION("iommu-lockcheck held-out corpus 2: a DSP host");
MODULE_LICENSE("GPL");
