// SPDX-License-Identifier: GPL-2.0
/*
 * h21a_drv.c - PL330-like DMA controller driver on the h21a primecell bus.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/dma/pl330.c: pl330_probe(), pl330_remove(), pl330_suspend()/
 *	pl330_resume() (SET_LATE_SYSTEM_SLEEP_PM_OPS), the threaded error
 *	handling and the dmac reset work
 *   drivers/dma/amba-pl08x.c: pl08x_probe() (error unwinding ladder)
 *   drivers/dma/ti/dma-crossbar.c: ti_dra7_xbar_probe() (DMA router found by
 *	phandle with of_find_device_by_node())
 *   drivers/bcma/main.c: bcma_of_fill_device() (of_dma_configure() on a child
 *	the driver creates itself)
 *
 * Core locking facts read in 6.12 (h21a_bustype has a dev_pm_ops with
 * runtime callbacks only, so system-sleep phases fall through to
 * dev->driver->pm, drivers/base/power/main.c "Run:" / "Driver:" labels):
 *   drivers/base/dd.c:really_probe(): driver probe (via h21a_probe) HELD for
 *	the probed cell only; router / parent / children NOT held.
 *   drivers/base/dd.c:device_release_driver_internal(): remove HELD.
 *   drivers/base/core.c:device_shutdown(): shutdown HELD.
 *   drivers/base/power/main.c:device_prepare(), device_suspend(),
 *	device_resume(), device_complete(): HELD.
 *   drivers/base/power/main.c:device_suspend_late(), device_resume_early(),
 *	device_suspend_noirq(), device_resume_noirq(): NOT held.
 *   kernel/workqueue.c, kernel/time/timer.c, kernel/irq/manage.c
 *	(irq_thread()): NOT held.
 *   fs/sysfs/file.c:sysfs_kf_write() -> dev_attr_store(): NOT held.
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include "h21a.h"

#define H21A_DMAC_QUIRK_ROUTER		BIT(0)
#define H21A_DMAC_QUIRK_PARENT_SMMU	BIT(1)

struct h21a_dmac {
	struct h21a_device	*adev;
	struct device		*dev;		/* == &adev->dev */
	struct platform_device	*router;	/* not ours: found by phandle */
	struct platform_device	*vchan;		/* ours: created in probe */
	struct work_struct	reset_work;
	struct work_struct	recover_work;
	struct timer_list	watchdog;
	spinlock_t		lock;
	unsigned long		quirks;
	u32			saved_cfg;
	bool			hung;
};

/* ------------------------------------------------------------------ */
/* deferred work, timer, threaded IRQ: nobody holds the cell lock here */

static void h21a_dmac_reset_work(struct work_struct *work)
{
	struct h21a_dmac *dmac = container_of(work, struct h21a_dmac, reset_work);
	struct device *dev = dmac->dev;

	guard(device)(dev);
	if (!dev->driver)
		return;

	h21a_pclk_gate(dmac->adev, false); /* EXPECT-NONE: device-lock-required */
	h21a_pclk_gate(dmac->adev, true);
	h21a_periph_reconfig_locked(dev, dmac->saved_cfg); /* EXPECT-NONE: device-lock-required */
	dmac->hung = false;
}

static void h21a_dmac_recover_work(struct work_struct *work)
{
	struct h21a_dmac *dmac = container_of(work, struct h21a_dmac, recover_work);

	/* power-cycles the island without the cell lock */
	if (h21a_set_power_domain(dmac->dev, false)) /* EXPECT: device-lock-required */
		return;
	h21a_set_power_domain(dmac->dev, true); /* EXPECT: device-lock-required */
	h21a_periph_reconfig_locked(&dmac->adev->dev, dmac->saved_cfg); /* EXPECT: device-lock-required */

	/* these two take the cell lock themselves */
	if (h21a_begin_reprogram(dmac->adev) == -ENODEV)
		return;
	h21a_cell_sync(dmac->adev, dmac->saved_cfg);
}

static void h21a_dmac_watchdog(struct timer_list *t)
{
	struct h21a_dmac *dmac = from_timer(dmac, t, watchdog);

	if (!dmac->hung)
		return;

	/* timer (softirq) context: gating is a register write, but unlocked */
	h21a_pclk_gate(dmac->adev, false); /* EXPECT: device-lock-required */
	schedule_work(&dmac->reset_work);
}

static irqreturn_t h21a_dmac_irq(int irq, void *data)
{
	struct h21a_dmac *dmac = data;
	u32 status;

	status = readl(dmac->adev->base + H21A_REG_STATUS);
	if (!status)
		return IRQ_NONE;

	writel(status, dmac->adev->base + H21A_REG_IRQ_CLR);
	return (status & 0x80000000) ? IRQ_WAKE_THREAD : IRQ_HANDLED;
}

static irqreturn_t h21a_dmac_irq_thread(int irq, void *data)
{
	struct h21a_dmac *dmac = data;
	struct device *dev = &dmac->adev->dev;

	/* Fast path: fix the fault in place if nobody is (un)binding. */
	if (device_trylock(dev)) {
		h21a_periph_reconfig_locked(dev, dmac->saved_cfg); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
		return IRQ_HANDLED;
	}

	/* Contended: the fallback forgets that it does not own the lock. */
	h21a_periph_reconfig_locked(dev, dmac->saved_cfg & ~H21A_CFG_BURST_MASK); /* EXPECT: device-lock-required */
	schedule_work(&dmac->reset_work);
	return IRQ_HANDLED;
}

/* ------------------------------------------------------------------ */
/* sysfs: dev_attr_store() does not take the device lock                */

static ssize_t burst_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct h21a_dmac *dmac = dev_get_drvdata(dev);
	u32 burst;
	int ret;

	ret = kstrtou32(buf, 0, &burst);
	if (ret)
		return ret;

	device_lock(dev);
	if (!dev->driver)
		return -ENODEV; /* EXPECT: lock-imbalance */

	dmac->saved_cfg = (dmac->saved_cfg & ~H21A_CFG_BURST_MASK) |
			  ((burst << 4) & H21A_CFG_BURST_MASK);
	ret = h21a_periph_reconfig_locked(dev, dmac->saved_cfg); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(burst);

static ssize_t secure_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct h21a_dmac *dmac = dev_get_drvdata(dev);
	bool secure;
	int ret;

	ret = kstrtobool(buf, &secure);
	if (ret)
		return ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}

	if (secure)
		dmac->saved_cfg |= H21A_CFG_SECURE;
	else
		dmac->saved_cfg &= ~H21A_CFG_SECURE;
	ret = h21a_periph_reconfig_locked(dev, dmac->saved_cfg); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(secure);

static ssize_t power_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	bool on;
	int ret;

	ret = kstrtobool(buf, &on);
	if (ret)
		return ret;

	ret = h21a_set_power_domain(dev, on); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(power);

static ssize_t gate_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct h21a_device *adev = to_h21a_device(dev);
	bool on;
	int ret;

	ret = kstrtobool(buf, &on);
	if (ret)
		return ret;

	if (!h21a_lock_if_bound(dev))
		return -ENODEV;
	h21a_pclk_gate(adev, on); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return count;
}
static DEVICE_ATTR_WO(gate);

static ssize_t sync_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct h21a_dmac *dmac = dev_get_drvdata(dev);
	int ret;

	/* h21a_cell_sync_checked() takes and drops the cell lock itself */
	ret = h21a_cell_sync_checked(dmac->adev, dmac->saved_cfg);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(sync);

static struct attribute *h21a_dmac_attrs[] = {
	&dev_attr_sync.attr,
	&dev_attr_burst.attr,
	&dev_attr_secure.attr,
	&dev_attr_power.attr,
	&dev_attr_gate.attr,
	NULL
};
ATTRIBUTE_GROUPS(h21a_dmac);

/* ------------------------------------------------------------------ */
/* router (foreign) and virtual-channel child (created)                */

/*
 * Resume path: the router is somebody else's device, so its lock is taken
 * before it is re-pointed at its DMA node.
 */
static int h21a_dmac_router_restore(struct h21a_dmac *dmac)
{
	struct device *rdev;
	int ret;

	if (!dmac->router)
		return 0;

	rdev = &dmac->router->dev;
	device_lock(rdev);
	ret = of_dma_configure(rdev, rdev->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(rdev);

	return ret;
}

static int h21a_dmac_add_vchan(struct h21a_dmac *dmac)
{
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc("h21a-vchan", PLATFORM_DEVID_AUTO);
	if (!pdev)
		return -ENOMEM;

	pdev->dev.parent = dmac->dev;
	device_set_of_node_from_dev(&pdev->dev, dmac->dev);
	ret = of_dma_configure(&pdev->dev, dmac->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	if (ret)
		goto err_put;

	ret = platform_device_add(pdev);
	if (ret)
		goto err_put;

	dmac->vchan = pdev;
	return 0;

err_put:
	platform_device_put(pdev);
	return ret;
}

/* Re-run after resume on the child that already exists. */
static int h21a_dmac_vchan_restore(struct h21a_dmac *dmac)
{
	struct platform_device *pdev = dmac->vchan;
	int ret = 0;

	if (!pdev)
		return 0;

	scoped_guard(device, &pdev->dev)
		ret = of_dma_configure(&pdev->dev, dmac->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */

	return ret;
}

/* ------------------------------------------------------------------ */
/* h21a driver callbacks                                               */

static int h21a_dmac_probe(struct h21a_device *adev, const struct amba_id *id)
{
	struct device *dev = &adev->dev;
	struct device_node *np;
	struct h21a_dmac *dmac;
	int ret;

	dmac = devm_kzalloc(dev, sizeof(*dmac), GFP_KERNEL);
	if (!dmac)
		return -ENOMEM;

	dmac->adev = adev;
	dmac->dev = dev;
	dmac->quirks = (unsigned long)id->data;
	dmac->saved_cfg = H21A_CFG_DEFAULT;
	spin_lock_init(&dmac->lock);
	INIT_WORK(&dmac->reset_work, h21a_dmac_reset_work);
	INIT_WORK(&dmac->recover_work, h21a_dmac_recover_work);
	timer_setup(&dmac->watchdog, h21a_dmac_watchdog, 0);
	dev_set_drvdata(dev, dmac);

	adev->base = devm_ioremap_resource(dev, &adev->res);
	if (IS_ERR(adev->base))
		return PTR_ERR(adev->base);

	ret = h21a_set_power_domain(dev, true); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	/*
	 * The DMAC shares the SMMU stream of its parent interconnect node:
	 * re-point the device being probed at that node (probe holds its lock).
	 */
	if ((dmac->quirks & H21A_DMAC_QUIRK_PARENT_SMMU) && dev->parent &&
	    dev->parent->of_node) {
		ret = of_dma_configure(dev, dev->parent->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			goto err_power;
	}

	if (dmac->quirks & H21A_DMAC_QUIRK_ROUTER) {
		np = of_parse_phandle(dev->of_node, "arm,dma-router", 0);
		if (!np) {
			ret = -ENODEV;
			goto err_power;
		}
		dmac->router = of_find_device_by_node(np);
		if (!dmac->router) {
			of_node_put(np);
			ret = -EPROBE_DEFER;
			goto err_power;
		}
		/* only the DMAC's own lock is held by really_probe() */
		ret = of_dma_configure(&dmac->router->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		of_node_put(np);
		if (ret)
			goto err_router;
	}

	ret = h21a_dmac_add_vchan(dmac);
	if (ret)
		goto err_router;

	if (adev->irq > 0) {
		ret = devm_request_threaded_irq(dev, adev->irq, h21a_dmac_irq,
						h21a_dmac_irq_thread, IRQF_ONESHOT,
						dev_name(dev), dmac);
		if (ret)
			goto err_vchan;
	}

	return 0;

err_vchan:
	platform_device_unregister(dmac->vchan);
err_router:
	if (dmac->router)
		put_device(&dmac->router->dev);
err_power:
	h21a_set_power_domain(dev, false); /* EXPECT-NONE: device-lock-required */
	return ret;
}

static void h21a_dmac_remove(struct h21a_device *adev)
{
	struct h21a_dmac *dmac = dev_get_drvdata(&adev->dev);

	timer_shutdown_sync(&dmac->watchdog);
	cancel_work_sync(&dmac->reset_work);
	cancel_work_sync(&dmac->recover_work);

	platform_device_unregister(dmac->vchan);
	if (dmac->router)
		put_device(&dmac->router->dev);

	h21a_set_power_domain(&adev->dev, false); /* EXPECT-NONE: device-lock-required */
}

static void h21a_dmac_shutdown(struct h21a_device *adev)
{
	struct h21a_dmac *dmac = dev_get_drvdata(&adev->dev);

	del_timer_sync(&dmac->watchdog);
	h21a_periph_reconfig_locked(&adev->dev, 0); /* EXPECT-NONE: device-lock-required */
}

/* ------------------------------------------------------------------ */
/* system sleep                                                        */

static int h21a_dmac_prepare(struct device *dev)
{
	struct h21a_dmac *dmac = dev_get_drvdata(dev);

	dmac->saved_cfg = to_h21a_device(dev)->cfg;
	return h21a_periph_reconfig_locked(dev, dmac->saved_cfg & ~H21A_CFG_BURST_MASK); /* EXPECT-NONE: device-lock-required */
}

static int h21a_dmac_suspend(struct device *dev)
{
	struct h21a_dmac *dmac = dev_get_drvdata(dev);

	del_timer_sync(&dmac->watchdog);
	flush_work(&dmac->reset_work);
	return h21a_set_power_domain(dev, false); /* EXPECT-NONE: device-lock-required */
}

static int h21a_dmac_suspend_noirq(struct device *dev)
{
	struct h21a_dmac *dmac = dev_get_drvdata(dev);

	h21a_pclk_gate(dmac->adev, false); /* EXPECT: device-lock-required */
	return 0;
}

static int h21a_dmac_resume_noirq(struct device *dev)
{
	struct h21a_device *adev = to_h21a_device(dev);

	h21a_pclk_gate(adev, true); /* EXPECT: device-lock-required */
	return 0;
}

static int h21a_dmac_resume_early(struct device *dev)
{
	struct h21a_dmac *dmac = dev_get_drvdata(dev);

	return h21a_periph_reconfig_locked(dev, dmac->saved_cfg); /* EXPECT: device-lock-required */
}

static int h21a_dmac_resume(struct device *dev)
{
	struct h21a_dmac *dmac = dev_get_drvdata(dev);
	int ret;

	ret = h21a_set_power_domain(dev, true); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	ret = h21a_dmac_router_restore(dmac);
	if (ret)
		return ret;

	return h21a_dmac_vchan_restore(dmac);
}

static void h21a_dmac_complete(struct device *dev)
{
	struct h21a_dmac *dmac = dev_get_drvdata(dev);

	h21a_periph_reconfig_locked(dev, dmac->saved_cfg); /* EXPECT-NONE: device-lock-required */
}

static const struct dev_pm_ops h21a_dmac_pm = {
	.prepare	= h21a_dmac_prepare,
	.complete	= h21a_dmac_complete,
	SET_SYSTEM_SLEEP_PM_OPS(h21a_dmac_suspend, h21a_dmac_resume)
	.resume_early	= h21a_dmac_resume_early,
	SET_NOIRQ_SYSTEM_SLEEP_PM_OPS(h21a_dmac_suspend_noirq,
				      h21a_dmac_resume_noirq)
};

static const struct amba_id h21a_dmac_ids[] = {
	{ .id = 0x00041330, .mask = 0x000fffff, .data = (void *)0 },
	{ .id = 0x00241330, .mask = 0x00ffffff,
	  .data = (void *)(H21A_DMAC_QUIRK_ROUTER | H21A_DMAC_QUIRK_PARENT_SMMU) },
	{ 0, 0 },
};

static struct h21a_driver h21a_dmac_driver = {
	.drv = {
		.name		= "h21a-dmac",
		.pm		= &h21a_dmac_pm,
		.dev_groups	= h21a_dmac_groups,
	},
	.id_table	= h21a_dmac_ids,
	.probe		= h21a_dmac_probe,
	.remove		= h21a_dmac_remove,
	.shutdown	= h21a_dmac_shutdown,
};

int h21a_dmac_init(void)
{
	return h21a_driver_register(&h21a_dmac_driver);
}

void h21a_dmac_exit(void)
{
	h21a_driver_unregister(&h21a_dmac_driver);
}
