// SPDX-License-Identifier: GPL-2.0
/*
 * spix_host.c - the spix SPI controller, a platform driver registering a
 * spi_controller, shaped on drivers/spi/spi-fsl-lpspi.c:fsl_lpspi_probe();
 * its DMA window child is shaped on drivers/media/platform/samsung/s5p-mfc/
 * s5p_mfc.c:s5p_mfc_alloc_memdev().
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/spi/spi.h>
#include "spix.h"

static void spix_memdev_release(struct device *dev)
{
	kfree(dev);
}

/*
 * A child device the driver initialises itself to carry the DMA window,
 * configured from the controller's node: s5p_mfc.c:s5p_mfc_alloc_memdev().
 * Reached only from spix_host_probe(), which holds the lock of the platform
 * device, never of this child.
 */
static struct device *spix_alloc_memdev(struct device *dev)
{
	struct device *child;
	int ret;

	child = kzalloc(sizeof(*child), GFP_KERNEL);
	if (!child)
		return NULL;

	device_initialize(child);
	dev_set_name(child, "%s:dmawin", dev_name(dev));
	child->parent = dev;
	child->coherent_dma_mask = dev->coherent_dma_mask;
	child->dma_mask = dev->dma_mask;
	child->release = spix_memdev_release;

	of_dma_configure(child, dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @spixmem */

	ret = device_add(child);
	if (ret) {
		put_device(child);
		return NULL;
	}
	return child;
}

static void spix_free_memdev(void *data)
{
	device_unregister(data);
}

static int spix_host_transfer_one(struct spi_controller *ctlr,
				  struct spi_device *spi,
				  struct spi_transfer *xfer)
{
	struct spix_host *host = spi_controller_get_devdata(ctlr);

	/*
	 * No label here: spi.c runs ->transfer_one from the message pump's
	 * kthread, or in the caller of spi_sync(), which may be a client's
	 * probe nested in this controller's probe: the platform device's lock
	 * is held on some paths only.
	 */
	host->st.pending += xfer->len;
	spi_finalize_current_transfer(ctlr);
	return 0;
}

/*
 * Threaded IRQ handler: kernel/irq/manage.c:irq_thread() runs it in the
 * IRQ thread, with no device lock.  Shaped on spi-fsl-lpspi.c:
 * fsl_lpspi_isr() (status, then FIFO handling), with the trylock of
 * drivers/pci/pci.c:pci_dev_trylock() users.
 */
static irqreturn_t spix_host_irq_thread(int irq, void *data)
{
	struct spix_host *host = data;
	u32 stat = host->st.pending;

	if (!stat)
		return IRQ_NONE;

	if (stat & SPIX_IRQ_CS)
		spix_hw_set_cs_timing(host->dev, host->st.cs_ns); /* EXPECT: device-lock-required */

	if (stat & SPIX_IRQ_OVF) {
		if (device_trylock(host->dev)) {
			spix_hw_flush_fifo(host->dev); /* EXPECT-NONE: device-lock-required */
			device_unlock(host->dev);
		}
	}
	return IRQ_HANDLED;
}

/*
 * platform_driver.probe: drivers/base/platform.c:platform_probe() is
 * platform_bus_type.probe, which drivers/base/dd.c:really_probe() calls
 * under device_lock(&pdev->dev).  The controller's own class device
 * (devm_spi_alloc_host() -> __spi_alloc_controller() -> device_initialize())
 * is not locked by anyone here.  Shaped on spi-fsl-lpspi.c:fsl_lpspi_probe().
 */
static int spix_host_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct spi_controller *ctlr;
	struct spix_host *host;
	int irq, ret;

	ctlr = devm_spi_alloc_host(dev, sizeof(*host));
	if (!ctlr)
		return -ENOMEM;

	host = spi_controller_get_devdata(ctlr);
	host->dev = dev;
	host->ctlr = ctlr;
	platform_set_drvdata(pdev, host);

	ctlr->bus_num = -1;
	ctlr->num_chipselect = 4;
	ctlr->mode_bits = SPI_CPOL | SPI_CPHA | SPI_CS_HIGH;
	ctlr->transfer_one = spix_host_transfer_one;
	ctlr->dev.of_node = dev->of_node;

	ret = spix_hw_set_cs_timing(dev, 10); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	host->memdev = spix_alloc_memdev(dev); /* EXPECT: device-lock-required @spixmem */
	if (!host->memdev)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, spix_free_memdev, host->memdev);
	if (ret)
		return ret;

	/* the same created-device shape, with the created device's lock */
	scoped_guard(device, &ctlr->dev)
		ret = of_dma_configure(&ctlr->dev, dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	ret = devm_request_threaded_irq(dev, irq, NULL, spix_host_irq_thread,
					IRQF_ONESHOT, dev_name(dev), host);
	if (ret)
		return ret;

	return devm_spi_register_controller(dev, ctlr);
}

/*
 * platform_driver.remove: platform_remove() is platform_bus_type.remove,
 * called by drivers/base/dd.c:device_remove() from
 * __device_release_driver() under device_lock(&pdev->dev).
 */
static void spix_host_remove(struct platform_device *pdev)
{
	spix_hw_flush_fifo(&pdev->dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * platform_driver.shutdown: platform_shutdown() is platform_bus_type.shutdown,
 * called by drivers/base/core.c:device_shutdown() under device_lock(dev).
 */
static void spix_host_shutdown(struct platform_device *pdev)
{
	spix_hw_reload_locked(&pdev->dev, 0); /* EXPECT-NONE: device-lock-required */
}

/*
 * System sleep .suspend: drivers/base/power/main.c:device_suspend() takes
 * device_lock(dev) and runs it through platform_pm_suspend().
 */
static int spix_host_suspend(struct device *dev)
{
	return spix_hw_reload_locked(dev, 0); /* EXPECT-NONE: device-lock-required */
}

/*
 * .suspend_late: drivers/base/power/main.c:device_suspend_late() runs it
 * through dpm_run_callback() with no device lock (platform_dev_pm_ops has
 * no late callback, so the driver's is used).
 */
static int spix_host_suspend_late(struct device *dev)
{
	return spix_hw_reload_locked(dev, 0); /* EXPECT: device-lock-required */
}

static int spix_host_resume(struct device *dev)
{
	return 0;
}

static const struct dev_pm_ops spix_host_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(spix_host_suspend, spix_host_resume)
	LATE_SYSTEM_SLEEP_PM_OPS(spix_host_suspend_late, NULL)
};

static const struct of_device_id spix_host_of_match[] = {
	{ .compatible = "corpus,spix-host" },
	{ }
};
MODULE_DEVICE_TABLE(of, spix_host_of_match);

static struct platform_driver spix_host_driver = {
	.probe = spix_host_probe,
	.remove = spix_host_remove,
	.shutdown = spix_host_shutdown,
	.driver = {
		.name = "spix-host",
		.of_match_table = spix_host_of_match,
		.pm = pm_sleep_ptr(&spix_host_pm_ops),
	},
};

int spix_host_register(void)
{
	return platform_driver_register(&spix_host_driver);
}

void spix_host_unregister(void)
{
	platform_driver_unregister(&spix_host_driver);
}
