// SPDX-License-Identifier: GPL-2.0
/*
 * h17th - platform glue for the trace hub, module init.
 *
 * Modelled on drivers/hwtracing/intel_th/acpi.c:intel_th_acpi_probe()
 * and pci.c:intel_th_pci_probe(); the DMA set-up of the host follows
 * drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_bus_probe().
 *
 * Facts checked in linux-source-6.12:
 *  - probe/remove: drivers/base/platform.c:platform_probe()/
 *    platform_remove() from dd.c:really_probe()/__device_release_driver(),
 *    device_lock(&pdev->dev) held.
 *  - .suspend/.resume: drivers/base/power/main.c:device_suspend()/
 *    device_resume() hold device_lock(dev) around the callback.
 *  - .suspend_noirq/.resume_noirq: power/main.c:device_suspend_noirq()/
 *    device_resume_noirq() take no device lock (platform_dev_pm_ops has
 *    no noirq entry, so the driver's callback is used).
 *  - sysfs store: core.c:dev_attr_store(), no lock.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/kstrtox.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/sysfs.h>

#include "h17th.h"

#define H17TH_MODE_MAX		3
#define H17TH_WINDOW_MAX	0xffffff

/* Stream id of the host itself, as fsl_mc_bus_probe() reads FSL_MC_FAPR. */
static u32 h17th_host_stream_id(struct device *dev)
{
	u32 id = 0;

	device_property_read_u32(dev, "h17,stream-id", &id);

	return id;
}

/*
 * Host DMA set-up from sysfs once the platform's IORT was fixed up at
 * run time (ACPI hosts only).  dev_attr_store() holds no lock.
 */
static ssize_t dma_coherent_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	bool coherent;
	u32 sid;
	int ret;

	ret = kstrtobool(buf, &coherent);
	if (ret)
		return ret;
	if (!coherent)
		return -EINVAL;
	if (!has_acpi_companion(dev))
		return -EOPNOTSUPP;

	sid = h17th_host_stream_id(dev);
	ret = acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &sid); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(dma_coherent);

/* Takes the host lock itself; the range check returns with it held. */
static int h17th_glue_set_mode(struct h17th *th, u32 mode)
{
	device_lock(th->dev);
	if (mode > H17TH_MODE_MAX)
		return -EINVAL; /* EXPECT: lock-imbalance @h17th_mode */

	th->mode = mode;
	device_unlock(th->dev);

	return 0;
}

/* Twin of h17th_glue_set_mode() that unlocks on every return. */
static int h17th_glue_set_window(struct h17th *th, u32 window)
{
	int ret = 0;

	device_lock(th->dev);
	if (window > H17TH_WINDOW_MAX) {
		ret = -EINVAL;
		goto unlock;
	}

	th->window = window;
unlock:
	device_unlock(th->dev);

	return ret; /* EXPECT-NONE: lock-imbalance */
}

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct h17th *th = dev_get_drvdata(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	ret = h17th_glue_set_mode(th, val);

	return ret ? ret : count; /* EXPECT: lock-imbalance @h17th_mode */
}

static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct h17th *th = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", th->mode);
}
static DEVICE_ATTR_RW(mode);

static ssize_t window_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct h17th *th = dev_get_drvdata(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	ret = h17th_glue_set_window(th, val);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(window);

static struct attribute *h17th_glue_attrs[] = {
	&dev_attr_dma_coherent.attr,
	&dev_attr_mode.attr,
	&dev_attr_window.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h17th_glue);

/* platform.c:platform_probe() under device_lock(&pdev->dev) */
static int h17th_glue_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np;
	struct h17th *th;
	u32 sid;
	int irq, ret;

	if (has_acpi_companion(dev)) {
		/* as fsl_mc_bus_probe(): the fabric is coherent, _CCA or not */
		sid = h17th_host_stream_id(dev);
		ret = acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &sid); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret == -EPROBE_DEFER)
			return ret;
	} else {
		/* translate through the bridge node, not our own parent */
		np = of_parse_phandle(dev->of_node, "h17,dma-bridge", 0);
		if (np) {
			ret = of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
			of_node_put(np);
			if (ret)
				return ret;
		}
	}

	irq = platform_get_irq_optional(pdev, 0);
	if (irq < 0 && irq != -ENXIO)
		return irq;

	th = h17th_alloc(dev, irq);
	if (IS_ERR(th))
		return PTR_ERR(th);

	if (irq > 0) {
		ret = request_threaded_irq(irq, h17th_irq, h17th_irq_thread,
					   IRQF_SHARED, dev_name(dev), th);
		if (ret) {
			h17th_free(th);
			return ret;
		}
	}

	return 0;
}

/* platform.c:platform_remove() under device_lock(&pdev->dev) */
static void h17th_glue_remove(struct platform_device *pdev)
{
	struct h17th *th = platform_get_drvdata(pdev);

	h17th_host_park(&pdev->dev); /* EXPECT-NONE: device-lock-required */

	if (th->irq > 0)
		free_irq(th->irq, th);
	h17th_free(th);
}

/* power/main.c:device_suspend(): device_lock(dev) held */
static int h17th_glue_suspend(struct device *dev)
{
	h17th_host_park(dev); /* EXPECT-NONE: device-lock-required */

	return 0;
}

/* power/main.c:device_resume(): device_lock(dev) held */
static int h17th_glue_resume(struct device *dev)
{
	h17th_host_resync_locked(dev); /* EXPECT-NONE: device-lock-required */

	return 0;
}

/* power/main.c:device_suspend_noirq(): no device lock */
static int h17th_glue_suspend_noirq(struct device *dev)
{
	h17th_host_park(dev); /* EXPECT: device-lock-required */

	return 0;
}

static const struct dev_pm_ops h17th_glue_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(h17th_glue_suspend, h17th_glue_resume)
	NOIRQ_SYSTEM_SLEEP_PM_OPS(h17th_glue_suspend_noirq, NULL)
};

static const struct of_device_id h17th_glue_of_ids[] = {
	{ .compatible = "h17,trace-hub" },
	{ }
};
MODULE_DEVICE_TABLE(of, h17th_glue_of_ids);

static const struct acpi_device_id h17th_glue_acpi_ids[] = {
	{ "H17T0001", 0 },
	{ }
};
MODULE_DEVICE_TABLE(acpi, h17th_glue_acpi_ids);

static struct platform_driver h17th_glue_driver = {
	.driver = {
		.name			= "h17th",
		.of_match_table		= h17th_glue_of_ids,
		.acpi_match_table	= h17th_glue_acpi_ids,
		.dev_groups		= h17th_glue_groups,
		.pm			= pm_sleep_ptr(&h17th_glue_pm_ops),
	},
	.probe	= h17th_glue_probe,
	.remove	= h17th_glue_remove,
};

static int __init h17th_init(void)
{
	int ret;

	ret = bus_register(&h17th_bus);
	if (ret)
		return ret;

	ret = h17th_bus_notifier_init();
	if (ret)
		goto fail_bus;

	ret = h17th_driver_register(&h17th_msc_driver);
	if (ret)
		goto fail_notifier;

	ret = platform_driver_register(&h17th_glue_driver);
	if (ret)
		goto fail_msc;

	return 0;

fail_msc:
	h17th_driver_unregister(&h17th_msc_driver);
fail_notifier:
	h17th_bus_notifier_exit();
fail_bus:
	bus_unregister(&h17th_bus);
	return ret;
}

static void __exit h17th_exit(void)
{
	platform_driver_unregister(&h17th_glue_driver);
	h17th_driver_unregister(&h17th_msc_driver);
	h17th_bus_notifier_exit();
	bus_unregister(&h17th_bus);
}

module_init(h17th_init);
module_exit(h17th_exit);

MODULE_DESCRIPTION("h17 trace hub core, msc output and host glue");
MODULE_LICENSE("GPL");
