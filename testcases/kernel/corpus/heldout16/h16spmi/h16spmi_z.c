// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16spmi_z.c - the PMIC client, a real struct spmi_driver after
 * drivers/mfd/qcom-spmi-pmic.c, with a work and sysfs attributes.
 *
 * spmi_driver slots (drivers/spmi/spmi.c):
 *   ->probe    spmi_drv_probe() = spmi_bus_type.probe, from
 *              drivers/base/dd.c:really_probe(): device_lock(&sdev->dev) held.
 *   ->remove   spmi_drv_remove() = spmi_bus_type.remove, from
 *              drivers/base/dd.c:device_remove(): device_lock(&sdev->dev) held.
 *   ->shutdown spmi_drv_shutdown() = spmi_bus_type.shutdown, from
 *              drivers/base/core.c:device_shutdown(): device_lock(&sdev->dev)
 *              and its parent's (the controller's) lock held.
 * A sibling PMIC device found by DT is not locked by the core.  Works and
 * sysfs stores run with no device lock held.
 */
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "h16spmi.h"

/*
 * Find the base-USID sibling of a multi-USID PMIC.  Shape:
 * drivers/mfd/qcom-spmi-pmic.c:qcom_pmic_get_base_usid (walk the SPMI bus
 * node's children, spmi_find_device_by_of_node()).  Returns a referenced
 * device.
 */
static struct spmi_device *h16spmi_get_base_usid(struct h16spmi_pmic *ctx)
{
	struct spmi_device *sdev = ctx->sdev;
	struct spmi_device *base = ERR_PTR(-ENODATA);
	struct device_node *spmi_bus;
	u32 addr;

	if (sdev->usid % ctx->num_usids == 0) {
		get_device(&sdev->dev);
		return sdev;
	}

	spmi_bus = of_get_parent(sdev->dev.of_node);
	for_each_child_of_node_scoped(spmi_bus, child) {
		if (of_property_read_u32_index(child, "reg", 0, &addr))
			continue;
		if (addr == sdev->usid - (ctx->num_usids - 1)) {
			base = spmi_find_device_by_of_node(child);
			if (!base)
				base = ERR_PTR(-EPROBE_DEFER);
			break;
		}
	}
	of_node_put(spmi_bus);
	return base;
}

/*
 * Work (nothing held): the sibling stored in ctx->base by probe is read
 * back and, this time under its lock, pointed at this PMIC's node for the
 * shared revid DMA buffer.
 */
static void h16spmi_revid_work(struct work_struct *work)
{
	struct h16spmi_pmic *ctx = container_of(work, struct h16spmi_pmic,
						revid_work);
	struct spmi_device *base = ctx->base;
	int ret;

	if (!base)
		return;

	device_lock(&base->dev);
	ret = of_dma_configure(&base->dev, ctx->sdev->dev.of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(&base->dev);

	if (ret)
		dev_dbg(&ctx->sdev->dev, "base DMA setup: %d\n", ret);
}

/* --- sysfs ------------------------------------------------------------ */

static ssize_t resync_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct spmi_device *sdev = to_spmi_device(dev);
	int ret;

	ret = h16spmi_sdev_resync_locked(sdev); /* EXPECT: device-lock-required */
	return ret ?: count;
}
static DEVICE_ATTR_WO(resync);

static ssize_t resync_try_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct spmi_device *sdev = to_spmi_device(dev);
	int ret;

	if (!h16spmi_sdev_trylock(sdev))
		return -EBUSY;
	ret = h16spmi_sdev_resync_locked(sdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&sdev->dev);

	return ret ?: count;
}
static DEVICE_ATTR_WO(resync_try);

/*
 * "rev" and "rev_try" set the cached revision under a trylock.  The first
 * only logs a failed trylock and unlocks anyway.
 */
static ssize_t rev_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count)
{
	struct h16spmi_pmic *ctx = dev_get_drvdata(dev);
	u8 rev;

	if (kstrtou8(buf, 0, &rev))
		return -EINVAL;

	if (!device_trylock(dev))
		dev_dbg(dev, "rev: device busy\n");
	if (ctx)
		ctx->rev = rev;
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return count;
}
static DEVICE_ATTR_WO(rev);

static ssize_t rev_try_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct h16spmi_pmic *ctx = dev_get_drvdata(dev);
	u8 rev;

	if (kstrtou8(buf, 0, &rev))
		return -EINVAL;

	if (!device_trylock(dev))
		return -EBUSY;
	if (ctx)
		ctx->rev = rev;
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return count;
}
static DEVICE_ATTR_WO(rev_try);

static struct attribute *h16spmi_pmic_attrs[] = {
	&dev_attr_resync.attr,
	&dev_attr_resync_try.attr,
	&dev_attr_rev.attr,
	&dev_attr_rev_try.attr,
	NULL
};
ATTRIBUTE_GROUPS(h16spmi_pmic);

/* --- spmi_driver -------------------------------------------------------- */

/*
 * ->probe: device_lock(&sdev->dev) held; the sibling's lock is not.
 * Shape: drivers/mfd/qcom-spmi-pmic.c:pmic_spmi_probe /
 * pmic_spmi_get_base_revid.  Pointing the probed device at its bus node
 * follows drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe; the
 * sibling is configured as drivers/gpu/drm/sun4i/sun4i_backend.c:
 * sun4i_backend_bind configures a device it does not own.
 */
static int h16spmi_pmic_probe(struct spmi_device *sdev)
{
	struct device_node *bus_np;
	struct h16spmi_pmic *ctx;
	struct spmi_device *base;
	int ret;

	ctx = devm_kzalloc(&sdev->dev, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;

	ctx->sdev = sdev;
	ctx->num_usids = (uintptr_t)device_get_match_data(&sdev->dev) ?: 1;
	INIT_WORK(&ctx->revid_work, h16spmi_revid_work);
	spmi_device_set_drvdata(sdev, ctx);

	ret = h16spmi_sdev_resync_locked(sdev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	bus_np = of_get_parent(sdev->dev.of_node);
	if (bus_np && of_property_read_bool(bus_np, "dma-coherent")) {
		ret = of_dma_configure(&sdev->dev, bus_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret) {
			of_node_put(bus_np);
			return ret;
		}
	}
	of_node_put(bus_np);

	base = h16spmi_get_base_usid(ctx);
	if (IS_ERR(base))
		return PTR_ERR(base);

	if (base != sdev) {
		ret = of_dma_configure(&base->dev, sdev->dev.of_node, false); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		if (ret)
			dev_dbg(&sdev->dev, "base DMA setup: %d\n", ret);
		ctx->base = base;
		schedule_work(&ctx->revid_work);
		return 0;
	}

	put_device(&base->dev);
	return 0;
}

/* ->remove: device_lock(&sdev->dev) held. */
static void h16spmi_pmic_remove(struct spmi_device *sdev)
{
	struct h16spmi_pmic *ctx = spmi_device_get_drvdata(sdev);
	struct device *d = &sdev->dev;

	cancel_work_sync(&ctx->revid_work);
	if (ctx->base)
		put_device(&ctx->base->dev);
	h16spmi_sdev_resync_locked(to_spmi_device(d)); /* EXPECT-NONE: device-lock-required */
}

/* ->shutdown: device_shutdown() holds device_lock(&sdev->dev). */
static void h16spmi_pmic_shutdown(struct spmi_device *sdev)
{
	h16spmi_sdev_resync_locked(sdev); /* EXPECT-NONE: device-lock-required */
	spmi_command_shutdown(sdev);
}

static const struct of_device_id h16spmi_pmic_of_match[] = {
	{ .compatible = "h16,spmi-pmic", .data = (void *)1 },
	{ .compatible = "h16,spmi-pmic-2usid", .data = (void *)2 },
	{ }
};
MODULE_DEVICE_TABLE(of, h16spmi_pmic_of_match);

struct spmi_driver h16spmi_pmic_driver = {
	.probe		= h16spmi_pmic_probe,
	.remove		= h16spmi_pmic_remove,
	.shutdown	= h16spmi_pmic_shutdown,
	.driver = {
		.name		= "h16spmi-pmic",
		.of_match_table	= h16spmi_pmic_of_match,
		.dev_groups	= h16spmi_pmic_groups,
	},
};
