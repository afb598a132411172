// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16dsi_y.c - the DSI host controller driver: probe/remove/shutdown
 * (reached through the private bus's .probe/.remove/.shutdown, host lock
 * held) and the struct mipi_dsi_host_ops table.
 *
 * mipi_dsi_host_ops slots (drivers/gpu/drm/drm_mipi_dsi.c):
 *   ->attach   called by mipi_dsi_attach(), ->detach by mipi_dsi_detach();
 *              the DSI core takes no lock around them.  Which device locks
 *              happen to be held depends on the caller (a panel's probe
 *              holds the panel's lock; mipi_dsi_host_unregister() from the
 *              host's remove holds the host's), so these two only record
 *              the device and defer to h16dsi_attach_work.
 *   ->transfer called by every mipi_dsi_*_write/read helper, from panel
 *              enable/disable paths, works and probe alike; the DSI core
 *              takes no lock around it.
 */
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "h16dsi.h"

/* --- mipi_dsi_host_ops ------------------------------------------------- */

/* Shape: drivers/gpu/drm/msm/dsi/dsi_host.c:dsi_host_attach. */
static int h16dsi_host_attach(struct mipi_dsi_host *host,
			      struct mipi_dsi_device *dsi)
{
	struct h16dsi_hdev *h = host_to_h16dsi(host);

	if (dsi->channel >= H16DSI_MAX_DEVS)
		return -EINVAL;

	h->devs[dsi->channel] = dsi;
	WRITE_ONCE(h->pending, dsi);
	schedule_work(&h->attach_work);
	return 0;
}

static int h16dsi_host_detach(struct mipi_dsi_host *host,
			      struct mipi_dsi_device *dsi)
{
	struct h16dsi_hdev *h = host_to_h16dsi(host);

	if (dsi->channel < H16DSI_MAX_DEVS)
		h->devs[dsi->channel] = NULL;
	cmpxchg(&h->pending, dsi, NULL);
	return 0;
}

/*
 * Shape: drivers/gpu/drm/bridge/samsung-dsim.c:samsung_dsim_host_transfer.
 * A timed-out transfer quiesces the host; nothing holds its lock here, and
 * only the -EIO path bothers to trylock it first.
 */
static ssize_t h16dsi_host_transfer(struct mipi_dsi_host *host,
				    const struct mipi_dsi_msg *msg)
{
	struct h16dsi_hdev *h = host_to_h16dsi(host);
	struct mipi_dsi_packet packet;
	ssize_t ret;

	ret = mipi_dsi_create_packet(&packet, msg);
	if (ret)
		return ret;

	mutex_lock(&h->xfer_lock);
	ret = h->powered ? packet.size : -ETIMEDOUT;
	if (READ_ONCE(h->dead))
		ret = -EIO;
	mutex_unlock(&h->xfer_lock);

	if (ret == -ETIMEDOUT) {
		h16dsi_host_quiesce(host->dev); /* EXPECT: device-lock-required */
	} else if (ret == -EIO && device_trylock(host->dev)) {
		h16dsi_host_quiesce(host->dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(host->dev);
	}
	return ret;
}

static const struct mipi_dsi_host_ops h16dsi_host_ops = {
	.attach		= h16dsi_host_attach,
	.detach		= h16dsi_host_detach,
	.transfer	= h16dsi_host_transfer,
};

/*
 * Static helper without a contract of its own, called only from
 * h16dsi_attach_work() for peripherals attached by other drivers: once
 * with the peripheral locked, once without.  The of_dma_configure() call
 * here and the unlocked call of the helper are one site per rule.
 */
static int h16dsi_link_dma_setup(struct mipi_dsi_device *dsi,
				 struct device_node *np, bool coherent)
{
	return of_dma_configure(&dsi->dev, np, coherent); /* EXPECT: dma-configure-outside-bus foreign-device @dsi_link_dma; EXPECT: device-lock-required @dsi_link_lock */
}

/*
 * Work: nothing held.  The device recorded by ->attach is read back from
 * the private struct.  It is either the DSI device this host created in
 * h16dsi_hdev_probe() or a peripheral some other driver attached (a device
 * this code neither created nor probes).  Shape of the re-pointing:
 * drivers/staging/vc04_services/interface/vchiq_arm/vchiq_bus.c:
 * vchiq_device_register (of_dma_configure() on a child from the parent's
 * node).
 */
static void h16dsi_attach_work(struct work_struct *work)
{
	struct h16dsi_hdev *h = container_of(work, struct h16dsi_hdev,
					     attach_work);
	struct device_node *np = h->dev.of_node;
	struct mipi_dsi_device *dsi = READ_ONCE(h->pending);
	int ret;

	if (!dsi)
		return;

	if (dsi == h->extra) {
		guard(device)(&dsi->dev);
		ret = of_dma_configure(&dsi->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	} else if (dsi->mode_flags & MIPI_DSI_MODE_VIDEO) {
		device_lock(&dsi->dev);
		ret = h16dsi_link_dma_setup(dsi, np, true); /* EXPECT: dma-configure-outside-bus foreign-device @dsi_link_dma; EXPECT-NONE: device-lock-required */
		device_unlock(&dsi->dev);
	} else {
		ret = h16dsi_link_dma_setup(dsi, np, false); /* EXPECT: dma-configure-outside-bus foreign-device @dsi_link_dma; EXPECT: device-lock-required @dsi_link_lock */
	}

	if (ret)
		dev_warn(&h->dev, "%s: DMA setup failed: %d\n",
			 dev_name(&dsi->dev), ret);
}

/* --- walks over the attached peripherals ------------------------------- */

/*
 * Push the host's lane count to every bound peripheral under the
 * peripheral's lock.  The "unbound" exit breaks out with that lock held.
 */
int h16dsi_host_sync_attached(struct h16dsi_hdev *h)
{
	unsigned int i;

	for (i = 0; i < H16DSI_MAX_DEVS; i++) {
		struct mipi_dsi_device *dsi = h->devs[i];

		if (!dsi)
			continue;
		device_lock(&dsi->dev);
		if (!dsi->dev.driver)
			break;
		dsi->lanes = 4;
		device_unlock(&dsi->dev);
	}
	return 0; /* EXPECT: lock-imbalance */
}

int h16dsi_host_count_attached(struct h16dsi_hdev *h)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < H16DSI_MAX_DEVS; i++) {
		struct mipi_dsi_device *dsi = h->devs[i];

		if (!dsi)
			continue;
		device_lock(&dsi->dev);
		if (!dsi->dev.driver) {
			device_unlock(&dsi->dev);
			continue;
		}
		n++;
		device_unlock(&dsi->dev);
	}
	return n; /* EXPECT-NONE: lock-imbalance */
}

/* --- host driver ------------------------------------------------------- */

/*
 * Host driver probe, called from h16dsi_host_bus_probe(): device_lock of
 * the host held, not of any DSI device.  After mipi_dsi_host_register()
 * the host creates one more DSI device for its secondary link, as
 * drivers/gpu/drm/panel/panel-novatek-nt35950.c:nt35950_probe does, and
 * gives it a DMA window right away, as
 * drivers/net/wireless/ath/ath11k/ahb.c:ath11k_ahb_fw_resources_init does
 * for the device it registers.
 */
static int h16dsi_hdev_probe(struct h16dsi_hdev *h)
{
	struct mipi_dsi_device_info info = {
		.type = "h16dsi-link1",
		.channel = 1,
		.node = NULL,
	};
	int ret;

	INIT_WORK(&h->attach_work, h16dsi_attach_work);
	h->host.dev = &h->dev;
	h->host.ops = &h16dsi_host_ops;
	h->powered = true;

	ret = mipi_dsi_host_register(&h->host);
	if (ret)
		return ret;

	h->extra = mipi_dsi_device_register_full(&h->host, &info);
	if (IS_ERR(h->extra)) {
		ret = PTR_ERR(h->extra);
		h->extra = NULL;
		goto err_host;
	}

	ret = of_dma_configure(&h->extra->dev, h->dev.of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (ret)
		dev_dbg(&h->dev, "link1 without DMA window: %d\n", ret);

	return 0;

err_host:
	mipi_dsi_host_unregister(&h->host);
	return ret;
}

/* From h16dsi_host_bus_remove(): host lock held. */
static void h16dsi_hdev_remove(struct h16dsi_hdev *h)
{
	h16dsi_host_sync_attached(h);
	if (h->extra)
		mipi_dsi_device_unregister(h->extra);
	mipi_dsi_host_unregister(&h->host);
	cancel_work_sync(&h->attach_work);
}

/* From h16dsi_host_bus_shutdown(): host lock held (device_shutdown()). */
static void h16dsi_hdev_shutdown(struct h16dsi_hdev *h)
{
	mutex_lock(&h->xfer_lock);
	h->powered = false;
	mutex_unlock(&h->xfer_lock);
}

static const struct of_device_id h16dsi_host_of_match[] = {
	{ .compatible = "h16,dsi-host" },
	{ }
};

struct h16dsi_host_driver h16dsi_host_driver = {
	.driver = {
		.name		= "h16dsi-host",
		.bus		= &h16dsi_host_bus,
		.of_match_table	= h16dsi_host_of_match,
	},
	.probe		= h16dsi_hdev_probe,
	.remove		= h16dsi_hdev_remove,
	.shutdown	= h16dsi_hdev_shutdown,
};
