// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_xbus devices: memory child devices in the shape of
 * s5p_mfc_alloc_memdev() (drivers/media/platform/samsung/s5p-mfc/
 * s5p_mfc.c), a firmware device registered and then configured as in
 * venus_firmware_init() (drivers/media/platform/qcom/venus/firmware.c),
 * a platform driver configuring its own device through ACPI in probe as
 * fsl_mc_bus_probe() does (drivers/bus/fsl-mc/fsl-mc-bus.c), and an AMBA
 * driver.
 */
#include <linux/acpi.h>
#include <linux/amba/bus.h>
#include <linux/dma-mapping.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include "xbus.h"

static void xbus_memdev_release(struct device *dev)
{
	of_reserved_mem_device_release(dev);
}

static struct device *xbus_memdev_new(struct device *dev, const char *name)
{
	struct device *child = devm_kzalloc(dev, sizeof(*child), GFP_KERNEL);

	if (!child)
		return NULL;
	device_initialize(child);
	dev_set_name(child, "%s:%s", dev_name(dev), name);
	child->parent = dev;
	child->coherent_dma_mask = dev->coherent_dma_mask;
	child->dma_mask = dev->dma_mask;
	child->release = xbus_memdev_release;
	return child;
}

struct device *xbus_alloc_memdev(struct device *dev, const char *name)
{
	struct device *child = xbus_memdev_new(dev, name);

	if (!child)
		return NULL;
	of_dma_configure(child, dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (device_add(child)) {
		put_device(child);
		return NULL;
	}
	return child;
}

struct device *xbus_alloc_memdev_guarded(struct device *dev, const char *name)
{
	struct device *child = xbus_memdev_new(dev, name);
	int ret;

	if (!child)
		return NULL;
	{
		guard(device)(child);
		ret = of_dma_configure(child, dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
		if (!ret)
			xbus_sync(child); /* EXPECT-NONE: device-lock-required */
	}
	if (ret || device_add(child)) {
		put_device(child);
		return NULL;
	}
	return child;
}

/* venus_firmware_init(): registered first, configured after. */
static struct platform_device *xbus_fw_register(struct device *parent,
						struct device_node *np, bool lock)
{
	struct platform_device_info info = {
		.fwnode = of_fwnode_handle(np),
		.parent = parent,
		.name = np->name,
		.dma_mask = DMA_BIT_MASK(32),
	};
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev))
		return pdev;
	pdev->dev.of_node = np;
	if (lock) {
		device_lock(&pdev->dev);
		ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
		device_unlock(&pdev->dev);
	} else {
		ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @fw_register */
	}
	if (ret) {
		platform_device_unregister(pdev);
		return ERR_PTR(ret);
	}
	return pdev;
}

static int xbus_host_probe(struct platform_device *pdev)
{
	struct device_node *fw_np;
	struct platform_device *fw;
	u32 input_id = pdev->id;
	int ret;

	/* fsl_mc_bus_probe(): the probed device itself, through ACPI */
	ret = acpi_dma_configure_id(&pdev->dev, DEV_DMA_COHERENT, &input_id); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	fw_np = of_get_child_by_name(pdev->dev.of_node, "video-firmware");
	if (fw_np) {
		fw = xbus_fw_register(&pdev->dev, fw_np, /* EXPECT: device-lock-required @fw_register */
				      of_property_read_bool(fw_np, "corpus,locked"));
		if (IS_ERR(fw)) {
			of_node_put(fw_np);
			return PTR_ERR(fw);
		}
		platform_set_drvdata(pdev, fw);
	}
	if (!xbus_alloc_memdev(&pdev->dev, "left") ||
	    !xbus_alloc_memdev_guarded(&pdev->dev, "right"))
		return -ENOMEM;
	return 0;
}

static void xbus_host_remove(struct platform_device *pdev)
{
	struct platform_device *fw = platform_get_drvdata(pdev);

	if (fw)
		platform_device_unregister(fw);
}

static struct platform_driver xbus_host_driver = {
	.probe = xbus_host_probe,
	.remove = xbus_host_remove,
	.driver = { .name = "corpus-xbus-host" },
};

/* AMBA: the probed device, then a timer-less poll that holds nothing. */
static int xbus_amba_probe(struct amba_device *adev, const struct amba_id *id)
{
	struct device *dev = &adev->dev;
	struct device_node *np = of_parse_phandle(dev->of_node, "dma-parent", 0);
	int ret = 0;

	if (np) {
		ret = of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(np);
	}
	xbus_sync(dev); /* EXPECT-NONE: device-lock-required */
	return ret;
}

static void xbus_amba_remove(struct amba_device *adev)
{
	xbus_sync(&adev->dev); /* EXPECT-NONE: device-lock-required */
}

static const struct amba_id xbus_amba_ids[] = {
	{ .id = 0x000bb000, .mask = 0x000fffff },
	{ }
};

static struct amba_driver xbus_amba_driver = {
	.drv = { .name = "corpus-xbus-amba" },
	.probe = xbus_amba_probe,
	.remove = xbus_amba_remove,
	.id_table = xbus_amba_ids,
};

int xbus_dev_init(void)
{
	int ret = platform_driver_register(&xbus_host_driver);

	if (ret)
		return ret;
	ret = amba_driver_register(&xbus_amba_driver);
	if (ret)
		platform_driver_unregister(&xbus_host_driver);
	return ret;
}

void xbus_dev_exit(void)
{
	amba_driver_unregister(&xbus_amba_driver);
	platform_driver_unregister(&xbus_host_driver);
}
