// SPDX-License-Identifier: GPL-2.0-only
/*
 * gbx - memory-mapped Greybus host controller
 *
 * Creates the Greybus host device for a FIFO-based UniPro bridge and moves
 * messages between the FIFOs and the Greybus core.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/greybus.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/sysfs.h>

#include "gbx.h"

#define GBX_TX_FIFO		0x000
#define GBX_TX_DOORBELL		0x800
#define GBX_CPORT_KICK		0x804

/* ---- gb_hd_driver ops, called by the Greybus core ---- */

static int gbx_hd_message_send(struct gb_host_device *hd, u16 cport_id,
			       struct gb_message *message, gfp_t gfp_mask)
{
	struct gbx_host *host = (struct gbx_host *)hd->hd_priv;
	size_t len = sizeof(*message->header) + message->payload_size;

	if (!test_bit(cport_id, &host->cports_live))
		return -ENOTCONN;
	if (len > GBX_BUF_MAX)
		return -EMSGSIZE;

	memcpy_toio(host->base + GBX_TX_FIFO, message->buffer, len);
	writel(cport_id, host->base + GBX_TX_DOORBELL);
	greybus_message_sent(hd, message, 0);
	return 0;
}

static void gbx_hd_message_cancel(struct gb_message *message)
{
}

/* gb_connection_enable() calls this with connection->mutex held only */
static int gbx_hd_cport_enable(struct gb_host_device *hd, u16 cport_id,
			       unsigned long flags)
{
	return gbx_hd_cport_setup_locked(hd, cport_id, true);	/* EXPECT: device-lock-required */
}

static int gbx_hd_cport_disable(struct gb_host_device *hd, u16 cport_id)
{
	guard(device)(&hd->dev);
	return gbx_hd_cport_setup_locked(hd, cport_id, false);	/* EXPECT-NONE: device-lock-required */
}

static struct gb_hd_driver gbx_hd_driver = {
	.hd_priv_size	= sizeof(struct gbx_host),
	.message_send	= gbx_hd_message_send,
	.message_cancel	= gbx_hd_message_cancel,
	.cport_enable	= gbx_hd_cport_enable,
	.cport_disable	= gbx_hd_cport_disable,
};

/* ---- deferred work ---- */

static void gbx_host_dma_work(struct work_struct *work)
{
	struct gbx_host *host = container_of(work, struct gbx_host, dma_work);
	struct gb_host_device *hd = host->hd;
	int ret;

	device_lock(&hd->dev);
	ret = of_dma_configure(&hd->dev, host->pdev->dev.of_node, true);	/* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT-NONE: device-lock-required */
	device_unlock(&hd->dev);
	if (ret)
		dev_warn(&hd->dev, "DMA reconfigure failed: %d\n", ret);
}

static void gbx_host_rx_work(struct work_struct *work)
{
	struct gbx_host *host = container_of(work, struct gbx_host, rx_work);
	u32 hdr = readl(host->base + GBX_TX_DOORBELL + 0x10);
	u16 cport_id = hdr >> 16;
	u16 len = hdr & 0xffff;
	u8 buf[64];

	if (!len || len > sizeof(buf) || cport_id >= GBX_NUM_CPORTS)
		return;

	memcpy_fromio(buf, host->base + GBX_TX_FIFO + GBX_BUF_MAX, len);
	greybus_data_rcvd(host->hd, cport_id, buf, len);
}

/* ---- sysfs on the platform device ---- */

static ssize_t cport_reset_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t count)
{
	struct gbx_host *host = dev_get_drvdata(dev);
	struct gb_host_device *hd = host->hd;
	u16 cport;
	int ret;

	if (kstrtou16(buf, 0, &cport) || cport >= GBX_NUM_CPORTS)
		return -EINVAL;

	if (!device_trylock(&hd->dev))
		return -EBUSY;

	if (!test_bit(cport, &host->cports_live))
		return -ENOTCONN;		/* EXPECT: lock-imbalance */

	ret = gbx_hd_cport_setup_locked(hd, cport, false);
	if (!ret)
		ret = gbx_hd_cport_setup_locked(hd, cport, true);
	device_unlock(&hd->dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(cport_reset);

static ssize_t cport_kick_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct gbx_host *host = dev_get_drvdata(dev);
	struct gb_host_device *hd = host->hd;
	u16 cport;
	int ret = 0;

	if (kstrtou16(buf, 0, &cport) || cport >= GBX_NUM_CPORTS)
		return -EINVAL;

	if (!device_trylock(&hd->dev))
		return -EBUSY;			/* EXPECT-NONE: lock-imbalance */

	if (!test_bit(cport, &host->cports_live)) {
		ret = -ENOTCONN;
		goto out_unlock;
	}

	writel(cport, host->base + GBX_CPORT_KICK);

out_unlock:
	device_unlock(&hd->dev);
	return ret ? ret : count;		/* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_WO(cport_kick);

static ssize_t dma_reset_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct gbx_host *host = dev_get_drvdata(dev);

	schedule_work(&host->dma_work);
	return count;
}
static DEVICE_ATTR_WO(dma_reset);

static struct attribute *gbx_host_attrs[] = {
	&dev_attr_cport_reset.attr,
	&dev_attr_cport_kick.attr,
	&dev_attr_dma_reset.attr,
	NULL
};
ATTRIBUTE_GROUPS(gbx_host);

/* ---- platform driver ---- */

static int gbx_host_probe(struct platform_device *pdev)
{
	struct gb_host_device *hd;
	struct gbx_host *host;
	void __iomem *base;
	int ret;

	base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(base))
		return PTR_ERR(base);

	hd = gb_hd_create(&gbx_hd_driver, &pdev->dev, GBX_BUF_MAX,
			  GBX_NUM_CPORTS);
	if (IS_ERR(hd))
		return PTR_ERR(hd);

	host = (struct gbx_host *)hd->hd_priv;
	host->pdev = pdev;
	host->hd = hd;
	host->base = base;
	INIT_WORK(&host->dma_work, gbx_host_dma_work);
	INIT_WORK(&host->rx_work, gbx_host_rx_work);
	platform_set_drvdata(pdev, host);

	ret = gb_hd_add(hd);
	if (ret)
		goto err_put;

	/* The bridge's DMA engine masters on behalf of the host device. */
	ret = of_dma_configure(&hd->dev, pdev->dev.of_node, true);	/* EXPECT: dma-configure-outside-bus created-device */ /* EXPECT: device-lock-required */
	if (ret)
		goto err_del;

	/* probe holds the platform device's lock, not the host device's */
	ret = gbx_hd_cport_setup_locked(hd, 0, true);	/* EXPECT: device-lock-required */
	if (ret)
		goto err_del;

	return 0;

err_del:
	gb_hd_del(hd);
err_put:
	gb_hd_put(hd);
	return ret;
}

static void gbx_host_remove(struct platform_device *pdev)
{
	struct gbx_host *host = platform_get_drvdata(pdev);
	struct gb_host_device *hd = host->hd;

	cancel_work_sync(&host->dma_work);
	cancel_work_sync(&host->rx_work);
	gb_hd_del(hd);
	gb_hd_put(hd);
}

static const struct of_device_id gbx_host_of_match[] = {
	{ .compatible = "example,gbx-bridge" },
	{ }
};
MODULE_DEVICE_TABLE(of, gbx_host_of_match);

struct platform_driver gbx_host_driver = {
	.probe	= gbx_host_probe,
	.remove	= gbx_host_remove,
	.driver	= {
		.name		= "gbx-host",
		.of_match_table	= gbx_host_of_match,
		.dev_groups	= gbx_host_groups,
	},
};
