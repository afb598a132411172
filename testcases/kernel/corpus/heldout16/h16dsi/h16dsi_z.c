// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16dsi_z.c - the DSI panel driver, a real struct mipi_dsi_driver, with an
 * ESD-check timer and work and a sysfs interface.
 *
 * mipi_dsi_driver slots (drivers/gpu/drm/drm_mipi_dsi.c):
 *   ->probe    mipi_dsi_drv_probe() as device_driver.probe, from
 *              drivers/base/dd.c:really_probe(): device_lock(&dsi->dev) held.
 *   ->remove   mipi_dsi_drv_remove() as device_driver.remove, from
 *              drivers/base/dd.c:device_remove() in __device_release_driver():
 *              device_lock(&dsi->dev) held.
 *   ->shutdown mipi_dsi_drv_shutdown() as device_driver.shutdown, from
 *              drivers/base/core.c:device_shutdown(): device_lock(&dsi->dev)
 *              and the host's lock (its parent) held.
 * The DSI host (dsi->host->dev) is not locked by the core for probe/remove.
 * Timers run in softirq context, works and sysfs stores with no lock held.
 */
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "h16dsi.h"

#define H16DSI_ESD_PERIOD	(2 * HZ)

/*
 * ESD timer (softirq, nothing held): a panel that stopped answering is
 * flipped to recovery mode directly from the timer.
 */
static void h16dsi_esd_timer(struct timer_list *t)
{
	struct h16dsi_panel *p = from_timer(p, t, esd_timer);

	if (p->mode == H16DSI_MODE_RECOVER) {
		h16dsi_panel_set_mode(p->dsi, H16DSI_MODE_CMD); /* EXPECT: device-lock-required */
		return;
	}
	schedule_work(&p->esd_work);
	mod_timer(&p->esd_timer, jiffies + H16DSI_ESD_PERIOD);
}

/*
 * ESD work (nothing held).  Recovery re-points the panel's own, already
 * probed DSI device at the host's node before switching mode; the mode
 * switch is done under scoped_guard, the re-pointing is not.  Shape of
 * the recovery: drivers/gpu/drm/msm/adreno/a6xx_gmu.c:a6xx_gmu_init
 * (of_dma_configure() on a device after it exists).
 */
static void h16dsi_esd_work(struct work_struct *work)
{
	struct h16dsi_panel *p = container_of(work, struct h16dsi_panel,
					      esd_work);
	struct mipi_dsi_device *dsi = p->dsi;
	struct h16dsi_hdev *h = host_to_h16dsi(dsi->host);
	u8 power_mode;
	int ret;

	ret = mipi_dsi_dcs_get_power_mode(dsi, &power_mode);
	if (!ret) {
		if (p->mode == H16DSI_MODE_OFF)
			mipi_dsi_dcs_set_display_off(dsi);
		return;
	}

	ret = of_dma_configure(&dsi->dev, dsi->host->dev->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
	if (ret)
		dev_warn(&dsi->dev, "ESD: DMA re-setup failed: %d\n", ret);

	scoped_guard(device, &dsi->dev)
		h16dsi_panel_set_mode(dsi, H16DSI_MODE_RECOVER); /* EXPECT-NONE: device-lock-required */

	if (!h16dsi_host_lock_active(h)) {
		h16dsi_host_quiesce(&h->dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(&h->dev);
	}
}

/* --- sysfs on the panel's DSI device ----------------------------------- */

/*
 * "mode" stores p->mode under the panel's lock; its error path jumps to
 * the unlock before the lock was taken.  "mode_sync" is the same store
 * written correctly, and goes through h16dsi_panel_set_mode().
 */
static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct h16dsi_panel *p = dev_get_drvdata(dev);
	unsigned int mode;
	ssize_t ret = count;

	if (kstrtouint(buf, 0, &mode))
		return -EINVAL;
	if (!p || mode > H16DSI_MODE_RECOVER) {
		ret = -EINVAL;
		goto out_unlock;
	}

	device_lock(dev);
	p->mode = mode;
out_unlock:
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return ret;
}
static DEVICE_ATTR_WO(mode);

static ssize_t mode_sync_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct mipi_dsi_device *dsi = to_mipi_dsi_device(dev);
	unsigned int mode;
	ssize_t ret;

	if (kstrtouint(buf, 0, &mode))
		return -EINVAL;
	if (mode > H16DSI_MODE_RECOVER)
		return -EINVAL;

	device_lock(dev);
	ret = h16dsi_panel_set_mode(dsi, mode); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */

	return ret ?: count;
}
static DEVICE_ATTR_WO(mode_sync);

static struct attribute *h16dsi_panel_attrs[] = {
	&dev_attr_mode.attr,
	&dev_attr_mode_sync.attr,
	NULL
};
ATTRIBUTE_GROUPS(h16dsi_panel);

/* --- mipi_dsi_driver ---------------------------------------------------- */

/*
 * ->probe: device_lock(&dsi->dev) held.  Shape:
 * drivers/gpu/drm/panel/panel-novatek-nt35950.c:nt35950_probe; the
 * re-pointing of the probed device at the host's node before attaching
 * follows drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe.
 */
static int h16dsi_panel_probe(struct mipi_dsi_device *dsi)
{
	struct h16dsi_panel *p;
	int ret;

	p = devm_kzalloc(&dsi->dev, sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;

	p->dsi = dsi;
	timer_setup(&p->esd_timer, h16dsi_esd_timer, 0);
	INIT_WORK(&p->esd_work, h16dsi_esd_work);
	mipi_dsi_set_drvdata(dsi, p);

	if (of_property_read_bool(dsi->dev.of_node, "h16,host-dma")) {
		ret = of_dma_configure(&dsi->dev, dsi->host->dev->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}

	dsi->lanes = 4;
	dsi->format = MIPI_DSI_FMT_RGB888;
	dsi->mode_flags = MIPI_DSI_MODE_LPM;

	ret = mipi_dsi_attach(dsi);
	if (ret)
		return ret;

	mod_timer(&p->esd_timer, jiffies + H16DSI_ESD_PERIOD);
	return 0;
}

/* ->remove: device_lock(&dsi->dev) held. */
static void h16dsi_panel_remove(struct mipi_dsi_device *dsi)
{
	struct h16dsi_panel *p = mipi_dsi_get_drvdata(dsi);

	timer_shutdown_sync(&p->esd_timer);
	cancel_work_sync(&p->esd_work);
	mipi_dsi_detach(dsi);
}

/*
 * ->shutdown: device_shutdown() holds device_lock(&dsi->dev).
 * Shape: drivers/gpu/drm/panel/panel-jdi-lpm102a188a.c:jdi_panel_dsi_shutdown.
 */
static void h16dsi_panel_shutdown(struct mipi_dsi_device *dsi)
{
	struct h16dsi_panel *p = mipi_dsi_get_drvdata(dsi);

	timer_shutdown_sync(&p->esd_timer);
	h16dsi_panel_set_mode(dsi, H16DSI_MODE_OFF); /* EXPECT-NONE: device-lock-required */
}

static const struct of_device_id h16dsi_panel_of_match[] = {
	{ .compatible = "h16,dsi-panel" },
	{ }
};
MODULE_DEVICE_TABLE(of, h16dsi_panel_of_match);

struct mipi_dsi_driver h16dsi_panel_driver = {
	.driver = {
		.name		= "h16dsi-panel",
		.of_match_table	= h16dsi_panel_of_match,
		.dev_groups	= h16dsi_panel_groups,
	},
	.probe		= h16dsi_panel_probe,
	.remove		= h16dsi_panel_remove,
	.shutdown	= h16dsi_panel_shutdown,
};
