// SPDX-License-Identifier: GPL-2.0
/*
 * mdiox MDIO controller: platform driver registering a mii_bus.
 *
 * Shapes: drivers/net/mdio/mdio-bcm-unimac.c:unimac_mdio_probe() (platform
 * mii_bus with ->read/->write/->reset, devm_of_mdiobus_register()),
 * drivers/net/ethernet/ti/icssg/icss_iep.c:icss_iep_get_idx() (sibling
 * device found by phandle), drivers/net/wireless/ath/ath10k/snoc.c:
 * ath10k_fw_init() (of_dma_configure() of another device from a driver).
 *
 * Core locking (Linux 6.12):
 *  - platform probe/remove: really_probe()/device_release_driver_internal()
 *    -> platform_probe()/platform_remove(): HELD for &pdev->dev only.
 *  - .suspend/.resume: device_suspend()/device_resume(): HELD.
 *  - .suspend_late/.resume_early: device_suspend_late()/
 *    device_resume_early() (drivers/base/power/main.c): NOT held.
 *  - mii_bus ->read/->write: __mdiobus_read()/__mdiobus_write() under
 *    bus->mdio_lock only; callers are PHY probe (PHY's lock held), the
 *    phylib state machine (not held), ethtool/ioctl (RTNL) -- mixed.
 *  - mii_bus ->reset: __mdiobus_register(), from whoever registers the bus.
 *  - reboot notifier: kernel_restart_prepare() (kernel/reboot.c) runs
 *    reboot_notifier_list before device_shutdown(), no device lock: NOT held.
 *  - platform .shutdown: device_shutdown() -> platform_shutdown(): HELD.
 *  - workqueue: NOT held.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_mdio.h>
#include <linux/of_platform.h>
#include <linux/phy.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/reboot.h>

#include "mdiox.h"

static int mdiox_read(struct mii_bus *bus, int addr, int regnum)
{
	struct mdiox_bus_priv *bp = bus->priv;

	if (bp->quiesced)
		return -EIO;
	return bp->regs[addr][regnum & 0x1f];
}

static int mdiox_write(struct mii_bus *bus, int addr, int regnum, u16 val)
{
	struct mdiox_bus_priv *bp = bus->priv;

	if (bp->quiesced)
		return -EIO;
	bp->regs[addr][regnum & 0x1f] = val;
	return 0;
}

/*
 * ->reset runs from __mdiobus_register(); here that is reached from
 * mdiox_probe() through devm_of_mdiobus_register(), so the controller's lock
 * is held -- but only because of who registers the bus, which phylib does
 * not guarantee.  The helper call is left UNLABELLED on purpose.
 */
static int mdiox_reset(struct mii_bus *bus)
{
	struct mdiox_bus_priv *bp = bus->priv;

	bp->resets++;
	mdiox_hw_bus_quiesce(bp);
	bp->quiesced = false;
	return 0;
}

/* workqueue: NOT held; the MAC is a foreign (sibling) device. */
static void mdiox_mac_work(struct work_struct *work)
{
	struct mdiox_bus_priv *bp = container_of(work, struct mdiox_bus_priv,
						 mac_work);
	int ret;

	ret = of_dma_configure(bp->mac, bp->mac->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
	if (ret)
		dev_warn(bp->dev, "MAC DMA setup failed: %d\n", ret);

	/* Twin: the sibling's own lock is taken first (icss_iep_get_idx()). */
	device_lock(bp->mac);
	ret = of_dma_configure(bp->mac, bp->mac->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(bp->mac);
	if (ret)
		dev_warn(bp->dev, "MAC DMA setup failed: %d\n", ret);
}

static int mdiox_find_mac(struct mdiox_bus_priv *bp)
{
	struct platform_device *pdev;
	struct device_node *np;
	int ret;

	np = of_parse_phandle(bp->dev->of_node, "mdiox,mac", 0);
	if (!np)
		return 0;

	pdev = of_find_device_by_node(np);
	if (!pdev) {
		of_node_put(np);
		return -EPROBE_DEFER;
	}
	bp->mac = &pdev->dev;

	/*
	 * Foreign device configured from our probe: the lock held is the
	 * controller's (&pdev->dev of mdiox), not the MAC's, and the IOMMU
	 * core wants the configured device's own lock (the corpus README: the
	 * lock label was added when the half's false positives were read).
	 */
	ret = of_dma_configure(bp->mac, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
	of_node_put(np);
	return ret;
}

/* reboot notifier: NOT held (runs before device_shutdown()). */
static int mdiox_reboot_notify(struct notifier_block *nb, unsigned long action,
			       void *data)
{
	struct mdiox_bus_priv *bp = container_of(nb, struct mdiox_bus_priv,
						 reboot_nb);

	mdiox_hw_bus_quiesce(bp); /* EXPECT: device-lock-required */
	return NOTIFY_DONE;
}

/* platform probe: HELD for &pdev->dev. */
static int mdiox_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct mdiox_bus_priv *bp;
	struct mii_bus *bus;
	int ret;

	bus = devm_mdiobus_alloc_size(dev, sizeof(*bp));
	if (!bus)
		return -ENOMEM;

	bp = bus->priv;
	bp->dev = dev;
	bp->bus = bus;
	INIT_WORK(&bp->mac_work, mdiox_mac_work);
	platform_set_drvdata(pdev, bp);

	bus->name = "mdiox";
	bus->read = mdiox_read;
	bus->write = mdiox_write;
	bus->reset = mdiox_reset;
	bus->parent = dev;
	snprintf(bus->id, MII_BUS_ID_SIZE, "%s", dev_name(dev));

	ret = mdiox_find_mac(bp);
	if (ret)
		goto err_mac;

	ret = devm_of_mdiobus_register(dev, bus, dev->of_node);
	if (ret)
		goto err_mac;

	bp->reboot_nb.notifier_call = mdiox_reboot_notify;
	ret = devm_register_reboot_notifier(dev, &bp->reboot_nb);
	if (ret)
		goto err_mac;

	return 0;

err_mac:
	if (bp->mac)
		put_device(bp->mac);
	return ret;
}

/* platform remove: HELD for &pdev->dev. */
static void mdiox_remove(struct platform_device *pdev)
{
	struct mdiox_bus_priv *bp = platform_get_drvdata(pdev);

	cancel_work_sync(&bp->mac_work);
	if (bp->mac)
		put_device(bp->mac);
}

/* platform .shutdown: device_shutdown() -> platform_shutdown(), HELD. */
static void mdiox_shutdown(struct platform_device *pdev)
{
	struct mdiox_bus_priv *bp = platform_get_drvdata(pdev);

	mdiox_hw_bus_quiesce(bp); /* EXPECT-NONE: device-lock-required */
}

/* .suspend: device_suspend(), HELD. */
static int mdiox_suspend(struct device *dev)
{
	struct mdiox_bus_priv *bp = dev_get_drvdata(dev);

	mdiox_hw_bus_quiesce(bp); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/* .resume: device_resume(), HELD. */
static int mdiox_resume(struct device *dev)
{
	struct mdiox_bus_priv *bp = dev_get_drvdata(dev);

	bp->quiesced = false;
	if (bp->mac)
		schedule_work(&bp->mac_work);
	return 0;
}

/* .suspend_late: device_suspend_late(), NOT held. */
static int mdiox_suspend_late(struct device *dev)
{
	struct mdiox_bus_priv *bp = dev_get_drvdata(dev);

	mdiox_hw_bus_quiesce(bp); /* EXPECT: device-lock-required */
	return 0;
}

static const struct dev_pm_ops mdiox_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(mdiox_suspend, mdiox_resume)
	LATE_SYSTEM_SLEEP_PM_OPS(mdiox_suspend_late, NULL)
};

static const struct of_device_id mdiox_of_match[] = {
	{ .compatible = "heldout,mdiox" },
	{ }
};
MODULE_DEVICE_TABLE(of, mdiox_of_match);

static struct platform_driver mdiox_bus_driver = {
	.probe		= mdiox_probe,
	.remove		= mdiox_remove,
	.shutdown	= mdiox_shutdown,
	.driver		= {
		.name		= "mdiox",
		.of_match_table	= mdiox_of_match,
		.pm		= pm_sleep_ptr(&mdiox_pm_ops),
	},
};

int mdiox_bus_register(void)
{
	return platform_driver_register(&mdiox_bus_driver);
}

void mdiox_bus_unregister(void)
{
	platform_driver_unregister(&mdiox_bus_driver);
}
