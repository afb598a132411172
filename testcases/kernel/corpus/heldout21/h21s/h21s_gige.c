// SPDX-License-Identifier: GPL-2.0
/*
 * h21s_gige.c - b44-like Ethernet MAC core driver on the h21s backplane.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/net/ethernet/broadcom/b44.c: b44_init_one(), b44_remove_one(),
 *	b44_suspend()/b44_resume() (ssb_driver .suspend/.resume),
 *	b44_timer() (periodic link check), b44_chip_reset()
 *   drivers/net/ethernet/broadcom/bgmac-bcma.c: bgmac_probe() (looks up a
 *	sibling core on the same backplane, uses core->dma_dev)
 *   drivers/ssb/main.c: ssb_device_enable()/ssb_device_disable() callers
 *
 * Core locking facts read in 6.12 (see h21s_main.c for the bus side):
 *   drivers/base/dd.c:really_probe() -> h21s_bus_probe() -> .probe: HELD for
 *	this core only; the host (parent) and sibling cores NOT held.
 *   drivers/base/dd.c:device_release_driver_internal() -> .remove: HELD.
 *   drivers/base/core.c:device_shutdown() -> .shutdown: HELD.
 *   drivers/base/power/main.c:device_suspend() legacy_suspend() and
 *	device_resume() "legacy bus" -> .suspend/.resume: HELD (own core
 *	only).
 *   kernel/time/timer.c (call_timer_fn()), kernel/irq/manage.c
 *	(irq_thread()), kernel/workqueue.c, fs/sysfs/file.c
 *	(dev_attr_store()): NOT held.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_irq.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include "h21s.h"

#define H21S_GIGE_TIMER_PERIOD	HZ
#define H21S_GIGE_FLAG_EXT_PHY	BIT(0)

struct h21s_gige {
	struct h21s_core	*core;
	struct h21s_core	*phy_core;	/* sibling, not ours */
	struct timer_list	timer;
	struct work_struct	reset_work;
	int			irq;
	u32			flags;
	u32			stream;
	bool			link_up;
};

/* ------------------------------------------------------------------ */
/* timer / work / threaded IRQ                                         */

static void h21s_gige_timer(struct timer_list *t)
{
	struct h21s_gige *gige = from_timer(gige, t, timer);

	if (!gige->link_up && !gige->core->enabled) {
		/* call_timer_fn(): no device lock */
		h21s_core_enable(gige->core, 0); /* EXPECT: device-lock-required */
		schedule_work(&gige->reset_work);
	}

	mod_timer(&gige->timer, round_jiffies(jiffies + H21S_GIGE_TIMER_PERIOD));
}

static void h21s_gige_reset_work(struct work_struct *work)
{
	struct h21s_gige *gige = container_of(work, struct h21s_gige, reset_work);
	struct h21s_core *core = gige->core;

	if (h21s_core_trylock_enabled(core)) {
		h21s_core_disable_locked(&core->dev); /* EXPECT-NONE: device-lock-required */
		h21s_core_enable(core, 0); /* EXPECT-NONE: device-lock-required */
		device_unlock(&core->dev);
		return;
	}

	/* core disabled or contended: full host reset (locks each core) */
	if (h21s_bus_host_reset(core->bus))
		dev_err(&core->dev, "host reset failed\n");
}

static irqreturn_t h21s_gige_isr(int irq, void *dev_id)
{
	return IRQ_WAKE_THREAD;
}

static irqreturn_t h21s_gige_isr_thread(int irq, void *dev_id)
{
	struct h21s_gige *gige = dev_id;
	struct device *dev = &gige->core->dev;

	/* stream fault: re-program, forgetting that irq_thread() holds nothing */
	if (h21s_core_set_stream(dev, gige->stream)) /* EXPECT: device-lock-required */
		schedule_work(&gige->reset_work);

	return IRQ_HANDLED;
}

/* ------------------------------------------------------------------ */
/* sysfs                                                               */

static ssize_t stream_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct h21s_gige *gige = dev_get_drvdata(dev);
	u32 sid;
	int ret;

	ret = kstrtou32(buf, 0, &sid);
	if (ret)
		return ret;

	scoped_guard(device, dev) {
		ret = h21s_core_set_stream(dev, sid); /* EXPECT-NONE: device-lock-required */
		if (!ret)
			gige->stream = sid;
	}

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(stream);

static ssize_t phy_reset_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct h21s_gige *gige = dev_get_drvdata(dev);
	struct device *pdev;

	if (!gige->phy_core)
		return -ENODEV;

	/* the sibling PHY core, reset without its lock */
	pdev = &gige->phy_core->dev;
	h21s_core_disable_locked(pdev); /* EXPECT: device-lock-required */
	h21s_core_enable(gige->phy_core, 0); /* EXPECT: device-lock-required */

	return count;
}
static DEVICE_ATTR_WO(phy_reset);

static ssize_t core_reset_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct h21s_gige *gige = dev_get_drvdata(dev);
	bool doit;
	int ret;

	ret = kstrtobool(buf, &doit);
	if (ret || !doit)
		return ret ?: count;

	if (!device_trylock(dev))
		return -EBUSY; /* EXPECT-NONE: lock-imbalance */
	if (!gige->core->enabled)
		return -EIO; /* EXPECT: lock-imbalance */

	h21s_core_disable_locked(dev); /* EXPECT-NONE: device-lock-required */
	h21s_core_enable(gige->core, 0); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return count;
}
static DEVICE_ATTR_WO(core_reset);

static struct attribute *h21s_gige_attrs[] = {
	&dev_attr_stream.attr,
	&dev_attr_phy_reset.attr,
	&dev_attr_core_reset.attr,
	NULL
};
ATTRIBUTE_GROUPS(h21s_gige);

/* ------------------------------------------------------------------ */
/* foreign DMA setup: host bridge and sibling PHY core                  */

static int h21s_gige_phy_dma_restore(struct h21s_gige *gige)
{
	struct h21s_core *phy = gige->phy_core;
	int ret;

	if (!phy)
		return 0;

	device_lock(&phy->dev);
	ret = acpi_dma_configure(&phy->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	if (!ret)
		h21s_core_enable(phy, 0);
	device_unlock(&phy->dev);

	return ret;
}

static int h21s_gige_host_dma_restore(struct h21s_core *core)
{
	struct device *host = core->dma_dev;
	int ret;

	if (host == &core->dev || !host->of_node)
		return 0;

	guard(device)(host);
	ret = of_dma_configure(host, host->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	return ret;
}

/* ------------------------------------------------------------------ */
/* h21s driver callbacks                                               */

static int h21s_gige_probe(struct h21s_core *core, const struct ssb_device_id *id)
{
	struct device *dev = &core->dev;
	struct device_node *np;
	struct h21s_gige *gige;
	int ret;

	gige = devm_kzalloc(dev, sizeof(*gige), GFP_KERNEL);
	if (!gige)
		return -ENOMEM;

	gige->core = core;
	gige->stream = core->stream_id;
	timer_setup(&gige->timer, h21s_gige_timer, 0);
	INIT_WORK(&gige->reset_work, h21s_gige_reset_work);
	dev_set_drvdata(dev, gige);

	ret = h21s_core_set_stream(dev, gige->stream); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	/*
	 * The MAC's descriptors live in a separate "dma" sub-node on some
	 * boards: point the core being probed at it (its lock is held).
	 */
	np = dev->of_node ? of_get_child_by_name(dev->of_node, "dma") : NULL;
	if (np) {
		ret = of_dma_configure_id(dev, np, true, &gige->stream); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(np);
		if (ret)
			return ret;
	}

	/*
	 * DMA is mastered by the host bridge on PCI-hosted backplanes
	 * (core->dma_dev == parent): only this core's lock is held.
	 */
	if (core->dma_dev != dev && core->dma_dev->of_node) {
		ret = of_dma_configure(core->dma_dev, core->dma_dev->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		if (ret)
			return ret;
	}

	gige->phy_core = h21s_find_sibling(core, H21S_CORE_ETH_PHY);
	if (gige->phy_core) {
		get_device(&gige->phy_core->dev);
		if (has_acpi_companion(&gige->phy_core->dev)) {
			ret = acpi_dma_configure(&gige->phy_core->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
			if (ret)
				goto err_put_phy;
		}
		gige->flags |= H21S_GIGE_FLAG_EXT_PHY;
	}

	gige->irq = of_irq_get(dev->of_node, 0);
	if (gige->irq > 0) {
		ret = request_threaded_irq(gige->irq, h21s_gige_isr,
					   h21s_gige_isr_thread, IRQF_ONESHOT,
					   dev_name(dev), gige);
		if (ret)
			goto err_put_phy;
	}

	mod_timer(&gige->timer, jiffies + H21S_GIGE_TIMER_PERIOD);
	return 0;

err_put_phy:
	if (gige->phy_core)
		put_device(&gige->phy_core->dev);
	h21s_core_disable_locked(dev); /* EXPECT-NONE: device-lock-required */
	return ret;
}

static void h21s_gige_remove(struct h21s_core *core)
{
	struct h21s_gige *gige = dev_get_drvdata(&core->dev);

	timer_shutdown_sync(&gige->timer);
	if (gige->irq > 0)
		free_irq(gige->irq, gige);
	cancel_work_sync(&gige->reset_work);
	if (gige->phy_core)
		put_device(&gige->phy_core->dev);

	h21s_core_set_stream(&core->dev, 0); /* EXPECT-NONE: device-lock-required */
}

static void h21s_gige_shutdown(struct h21s_core *core)
{
	struct h21s_gige *gige = dev_get_drvdata(&core->dev);

	del_timer_sync(&gige->timer);
	h21s_core_disable_locked(&core->dev); /* EXPECT-NONE: device-lock-required */
}

static int h21s_gige_suspend(struct h21s_core *core, pm_message_t state)
{
	struct h21s_gige *gige = dev_get_drvdata(&core->dev);

	del_timer_sync(&gige->timer);
	flush_work(&gige->reset_work);
	h21s_core_disable_locked(&core->dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int h21s_gige_resume(struct h21s_core *core)
{
	struct h21s_gige *gige = dev_get_drvdata(&core->dev);
	int ret;

	h21s_core_enable(core, 0); /* EXPECT-NONE: device-lock-required */
	ret = h21s_core_set_stream(&core->dev, gige->stream);
	if (ret)
		return ret;

	ret = h21s_gige_host_dma_restore(core);
	if (ret)
		return ret;
	ret = h21s_gige_phy_dma_restore(gige);
	if (ret)
		return ret;

	mod_timer(&gige->timer, jiffies + H21S_GIGE_TIMER_PERIOD);
	return 0;
}

static const struct ssb_device_id h21s_gige_tbl[] = {
	SSB_DEVICE(H21S_VENDOR_BROADCOM, H21S_CORE_ETHERNET, SSB_ANY_REV),
	{},
};

static struct h21s_driver h21s_gige_driver = {
	.name		= "h21s-gige",
	.id_table	= h21s_gige_tbl,
	.probe		= h21s_gige_probe,
	.remove		= h21s_gige_remove,
	.suspend	= h21s_gige_suspend,
	.resume		= h21s_gige_resume,
	.shutdown	= h21s_gige_shutdown,
	.drv		= {
		.dev_groups	= h21s_gige_groups,
	},
};

int h21s_gige_init(void)
{
	return h21s_driver_register(&h21s_gige_driver);
}

void h21s_gige_exit(void)
{
	h21s_driver_unregister(&h21s_gige_driver);
}
