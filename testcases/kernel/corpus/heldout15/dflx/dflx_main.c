// SPDX-License-Identifier: GPL-2.0-only
/*
 * dflx - DFL multi-channel streaming DMA feature driver
 *
 * Binds to the streaming DMA private feature of the FME, spawns one child
 * device per channel and a companion platform device for the descriptor
 * prefetcher, and borrows the DDR window of the EMIF feature next to it.
 */
#include <linux/acpi.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/dfl.h>
#include <linux/dma-mapping.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "dflx.h"

/* ---- walks over the channel children ---- */

/* device_for_each_child() does not lock the children it visits. */
static int dflx_stop_one(struct device *dev, void *data)
{
	if (!dflx_is_chan(dev))
		return 0;

	return dflx_chan_stop_locked(to_dflx_chan(dev));	/* EXPECT: device-lock-required */
}

static int dflx_start_one(struct device *dev, void *data)
{
	int ret;

	if (!dflx_is_chan(dev))
		return 0;

	device_lock(dev);
	ret = dflx_chan_start_locked(to_dflx_chan(dev));	/* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return ret;
}

/* ---- sysfs on the DFL device ---- */

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	bool val;
	int ret;

	if (kstrtobool(buf, &val) || !val)
		return -EINVAL;

	ret = dflx_feature_reset_locked(to_dfl_dev(dev));	/* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(reset);

static ssize_t err_clear_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct dflx_priv *priv = dev_get_drvdata(dev);
	bool val;
	int ret;

	if (kstrtobool(buf, &val) || !val)
		return -EINVAL;

	guard(device)(dev);
	writeq(readq(priv->base + DFLX_ERR), priv->base + DFLX_ERR);
	ret = dflx_feature_reset_locked(to_dfl_dev(dev));	/* EXPECT-NONE: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(err_clear);

static ssize_t running_store(struct device *dev,
			     struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct dflx_priv *priv = dev_get_drvdata(dev);
	bool run;
	int ret;

	if (kstrtobool(buf, &run))
		return -EINVAL;

	if (run)
		ret = device_for_each_child(dev, NULL, dflx_start_one);
	else
		ret = device_for_each_child(dev, NULL, dflx_stop_one);
	if (ret)
		return ret;

	priv->saved_ctrl = run ? DFLX_CTRL_RUN : 0;
	return count;
}
static DEVICE_ATTR_WO(running);

static ssize_t chan_restart_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	struct dflx_priv *priv = dev_get_drvdata(dev);
	unsigned int idx;
	int ret;

	if (kstrtouint(buf, 0, &idx) || idx >= priv->num_chans)
		return -EINVAL;

	ret = dflx_chan_restart(priv->chans[idx]);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(chan_restart);

static ssize_t chan_pause_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct dflx_priv *priv = dev_get_drvdata(dev);
	unsigned int idx;
	int ret;

	if (kstrtouint(buf, 0, &idx) || idx >= priv->num_chans)
		return -EINVAL;

	ret = dflx_chan_pause(priv->chans[idx]);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(chan_pause);

static struct attribute *dflx_attrs[] = {
	&dev_attr_reset.attr,
	&dev_attr_err_clear.attr,
	&dev_attr_running.attr,
	&dev_attr_chan_restart.attr,
	&dev_attr_chan_pause.attr,
	NULL
};
ATTRIBUTE_GROUPS(dflx);

/* ---- error recovery and the EMIF peer ---- */

static int dflx_recover(struct dflx_priv *priv)
{
	struct device *dev = &priv->ddev->dev;
	int ret;

	device_lock(dev);
	ret = dflx_feature_reset_locked(priv->ddev);
	if (ret) {
		device_unlock(dev);
		dev_err(dev, "feature reset failed: %d\n", ret);
	}
	device_unlock(dev);			/* EXPECT: lock-imbalance */

	return ret;
}

static int dflx_recover_chans(struct dflx_priv *priv)
{
	struct device *dev = &priv->ddev->dev;
	int ret;

	device_lock(dev);
	ret = dflx_feature_reset_locked(priv->ddev);
	if (ret) {
		device_unlock(dev);
		dev_err(dev, "feature reset failed: %d\n", ret);
		return ret;
	}
	device_unlock(dev);			/* EXPECT-NONE: lock-imbalance */

	return dflx_chans_resume(priv);
}

static void dflx_err_work(struct work_struct *work)
{
	struct dflx_priv *priv = container_of(work, struct dflx_priv, err_work);
	struct device *host = dflx_dma_host(priv->ddev);
	int ret;

	ret = dflx_chans_quiesce(priv);
	if (ret)
		return;

	if (dflx_recover(priv))
		return;

	/* The prefetcher loses its stream mapping across a feature reset. */
	if (priv->dma_pdev) {
		struct device *pdev = &priv->dma_pdev->dev;

		scoped_guard(device, pdev)
			ret = acpi_dma_configure(pdev, device_get_dma_attr(host));	/* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */
		if (ret)
			dev_warn(pdev, "prefetcher DMA reconfigure failed: %d\n", ret);
	}

	ret = of_dma_configure(&priv->ddev->dev, host->of_node, true);	/* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT: device-lock-required */
	if (ret)
		dev_warn(&priv->ddev->dev, "DMA reconfigure failed: %d\n", ret);

	dflx_recover_chans(priv);
}

static int dflx_match_peer(struct device *dev, void *data)
{
	struct dfl_device *self = data;
	struct dfl_device *ddev;

	if (dev->bus != self->dev.bus || dev == &self->dev)
		return 0;

	ddev = to_dfl_dev(dev);
	return ddev->type == self->type &&
	       ddev->feature_id == DFLX_PEER_FEATURE_ID;
}

/* The EMIF must see our stream ID to accept writes into its window. */
static void dflx_peer_work(struct work_struct *work)
{
	struct dflx_priv *priv = container_of(work, struct dflx_priv, peer_work);
	struct device *host = dflx_dma_host(priv->ddev);
	int ret;

	if (!priv->peer)
		return;

	ret = acpi_dma_configure(priv->peer, device_get_dma_attr(host));	/* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required */
	if (ret)
		dev_warn(&priv->ddev->dev, "EMIF DMA setup failed: %d\n", ret);
}

static void dflx_peer_bind_work(struct work_struct *work)
{
	struct dflx_priv *priv = container_of(work, struct dflx_priv,
					      peer_bind_work);
	struct device *host = dflx_dma_host(priv->ddev);
	int ret;

	ret = dflx_lock_peer(priv);
	if (ret == -EBUSY) {
		schedule_work(work);
		return;
	}
	if (ret)
		return;

	ret = acpi_dma_configure(priv->peer, device_get_dma_attr(host));	/* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
	dflx_unlock_peer(priv);
	if (ret)
		dev_warn(&priv->ddev->dev, "EMIF DMA setup failed: %d\n", ret);
}

/* ---- probe / remove ---- */

static int dflx_add_prefetcher(struct dflx_priv *priv)
{
	struct dfl_device *ddev = priv->ddev;
	struct device *host = dflx_dma_host(ddev);
	struct platform_device_info info = { };
	struct platform_device *pdev;
	int ret;

	info.parent = &ddev->dev;
	info.name = "dflx-prefetch";
	info.id = PLATFORM_DEVID_AUTO;
	info.res = &ddev->mmio_res;
	info.num_res = 1;
	info.dma_mask = DMA_BIT_MASK(48);

	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);

	ret = acpi_dma_configure(&pdev->dev, device_get_dma_attr(host));	/* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT: device-lock-required */
	if (ret) {
		platform_device_unregister(pdev);
		return ret;
	}

	priv->dma_pdev = pdev;
	return 0;
}

static void dflx_put_peer(void *data)
{
	put_device(data);
}

static int dflx_probe(struct dfl_device *ddev)
{
	struct device *dev = &ddev->dev;
	struct device *host = dflx_dma_host(ddev);
	struct dflx_priv *priv;
	unsigned int i;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->ddev = ddev;
	INIT_WORK(&priv->err_work, dflx_err_work);
	INIT_WORK(&priv->peer_work, dflx_peer_work);
	INIT_WORK(&priv->peer_bind_work, dflx_peer_bind_work);
	dev_set_drvdata(dev, priv);

	priv->base = devm_ioremap_resource(dev, &ddev->mmio_res);
	if (IS_ERR(priv->base))
		return PTR_ERR(priv->base);

	ret = dflx_feature_reset_locked(ddev);	/* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	/* DFL devices carry no firmware node; borrow the PCI function's. */
	if (dev_of_node(host)) {
		ret = of_dma_configure(dev, host->of_node, true);	/* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}

	ret = dflx_add_prefetcher(priv);
	if (ret)
		return ret;

	priv->num_chans = min_t(unsigned int, readq(priv->base + DFLX_CAP) & 0xf,
				DFLX_MAX_CHANS);
	for (i = 0; i < priv->num_chans; i++) {
		struct dflx_chan *chan = dflx_chan_create(priv, i);

		if (IS_ERR(chan)) {
			ret = PTR_ERR(chan);
			goto err_chans;
		}
		priv->chans[i] = chan;
	}

	priv->peer = device_find_child(dev->parent, ddev, dflx_match_peer);
	if (priv->peer) {
		ret = devm_add_action_or_reset(dev, dflx_put_peer, priv->peer);
		if (ret)
			goto err_chans;
		schedule_work(ddev->revision > 0 ? &priv->peer_bind_work :
						    &priv->peer_work);
	}

	return 0;

err_chans:
	while (i--)
		dflx_chan_destroy(priv->chans[i]);
	platform_device_unregister(priv->dma_pdev);
	return ret;
}

static void dflx_remove(struct dfl_device *ddev)
{
	struct dflx_priv *priv = dev_get_drvdata(&ddev->dev);
	unsigned int i;

	for (i = 0; i < priv->num_chans; i++)
		cancel_delayed_work_sync(&priv->chans[i]->watchdog_work);
	cancel_work_sync(&priv->err_work);
	cancel_work_sync(&priv->peer_work);
	cancel_work_sync(&priv->peer_bind_work);

	for (i = 0; i < priv->num_chans; i++)
		dflx_chan_destroy(priv->chans[i]);
	platform_device_unregister(priv->dma_pdev);

	dflx_feature_reset_locked(ddev);	/* EXPECT-NONE: device-lock-required */
}

static const struct dfl_device_id dflx_ids[] = {
	{ FME_ID, DFLX_FEATURE_ID },
	{ }
};
MODULE_DEVICE_TABLE(dfl, dflx_ids);

static struct dfl_driver dflx_driver = {
	.drv	= {
		.name		= "dflx",
		.dev_groups	= dflx_groups,
	},
	.id_table	= dflx_ids,
	.probe		= dflx_probe,
	.remove		= dflx_remove,
};

static int __init dflx_init(void)
{
	int ret;

	ret = dflx_chan_bus_init();
	if (ret)
		return ret;

	ret = dfl_driver_register(&dflx_driver);
	if (ret)
		dflx_chan_bus_exit();

	return ret;
}
module_init(dflx_init);

static void __exit dflx_exit(void)
{
	dfl_driver_unregister(&dflx_driver);
	dflx_chan_bus_exit();
}
module_exit(dflx_exit);

MODULE_DESCRIPTION("DFL streaming DMA feature with per-channel devices");
MODULE_LICENSE("GPL");
