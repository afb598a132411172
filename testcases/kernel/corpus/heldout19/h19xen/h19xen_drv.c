// SPDX-License-Identifier: GPL-2.0
/*
 * h19xen_drv.c: a xenbus frontend driver, shaped after
 * drivers/net/xen-netfront.c and drivers/scsi/xen-scsifront.c.
 *
 * Who calls each slot in 6.12 (drivers/xen/xenbus/):
 *   .probe             xenbus_dev_probe() <- xenbus_frontend_dev_probe(),
 *                      the frontend bus .probe, run by really_probe()
 *                      under device_lock(dev).
 *   .remove            xenbus_dev_remove(), the bus .remove
 *                      (device_remove(), lock held), and the fail_remove
 *                      path of xenbus_dev_probe() (inside really_probe()).
 *   .otherend_changed  xenbus_otherend_changed() <- backend_changed(), a
 *                      xenbus watch callback run by xenwatch_thread()
 *                      (xenbus_xs.c) under xenwatch_mutex only.
 *   .suspend           xenbus_dev_suspend(), the xenbus_pm_ops .freeze of
 *                      the frontend bus, called by device_suspend()
 *                      (drivers/base/power/main.c) under device_lock(dev).
 *   .resume            xenbus_dev_resume(), called both from
 *                      xenbus_frontend_dev_resume() (.restore, under
 *                      device_resume()'s device_lock) and from the work
 *                      xenbus_frontend_delayed_resume() scheduled by it
 *                      when xen_store_domain_type == XS_LOCAL (no lock):
 *                      mixed, so its lock state is not labelled.
 *   delayed works      process_one_work(): no lock.
 * Nothing under drivers/xen/xenbus/ calls device_lock() itself.
 *
 * Corpus code for static analysis, not meant to be loaded: some entry
 * points below take a device lock from a work, a watch callback or a
 * driver attribute that the remove path flushes or removes under the
 * same lock, which a real driver would avoid (device_trylock() and
 * restart_syscall(), or no flush under the lock).  The labels judge only
 * whether the lock is held at each call.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <xen/xenbus.h>

#include "h19xen.h"

/*
 * Static helper without a contract: (re)configures the ring the frontend
 * created and kept in front->ring.  Its lock site is shared with the
 * unlocked call in h19xen_backend_changed().
 */
static int h19xen_ring_setup(struct h19xen_front *front)
{
	return of_dma_configure_id(&front->ring->dev, front->dma_np, true, &front->ring->index); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @xen_ringsetup */
}

/* ---- delayed works: no lock ---- */

static void h19xen_poll(struct work_struct *work)
{
	struct h19xen_front *front = container_of(to_delayed_work(work),
						  struct h19xen_front, poll);

	h19xen_rearm(&front->xdev->dev); /* EXPECT: device-lock-required */
}

/*
 * Twin: trylock and retry later, as pmc_core_set_device_d3()
 * (drivers/platform/x86/intel/pmc/core.c) gives up when it cannot get it.
 */
static void h19xen_poll_locked(struct work_struct *work)
{
	struct h19xen_front *front = container_of(to_delayed_work(work),
						  struct h19xen_front, poll_locked);
	struct device *dev = &front->xdev->dev;

	if (!device_trylock(dev)) {
		schedule_delayed_work(&front->poll_locked, HZ);
		return;
	}
	h19xen_rearm(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
}

/* ---- .probe: xenbus_dev_probe(), lock held ---- */

static const struct of_device_id h19xen_dma_match[] = {
	{ .compatible = "h19,xen-dma-window" },
	{ }
};

static int h19xen_probe(struct xenbus_device *dev, const struct xenbus_device_id *id)
{
	struct h19xen_front *front;
	struct device_node *np;
	int ret;

	front = kzalloc(sizeof(*front), GFP_KERNEL);
	if (!front)
		return -ENOMEM;
	front->xdev = dev;
	INIT_DELAYED_WORK(&front->poll, h19xen_poll);
	INIT_DELAYED_WORK(&front->poll_locked, h19xen_poll_locked);
	dev_set_drvdata(&dev->dev, front);

	ret = h19xen_features_locked(&dev->dev, 0); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto free;

	/*
	 * Own bound device re-pointed at a node found by compatible, shape of
	 * vc4_drm_bind() (drivers/gpu/drm/vc4/vc4_drv.c):
	 * of_find_matching_node_and_match() then of_dma_configure(dev, node).
	 */
	front->dma_np = of_find_matching_node(NULL, h19xen_dma_match);
	if (front->dma_np) {
		ret = of_dma_configure(&dev->dev, front->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			goto put_np;
	}

	/*
	 * Foreign device: the grant-mapping platform device the node points
	 * at, shape of a6xx_gmu_wrapper_init() (of_find_device_by_node()).
	 */
	np = of_parse_phandle(front->dma_np, "h19,grant-device", 0);
	if (np) {
		struct platform_device *pdev = of_find_device_by_node(np);

		if (pdev)
			front->grant_dev = &pdev->dev;
		of_node_put(np);
	}

	front->ring = h19xen_ring_add(front);
	if (IS_ERR(front->ring))
		front->ring = NULL;

	xenbus_switch_state(dev, XenbusStateInitialised);
	return 0;

put_np:
	of_node_put(front->dma_np);
free:
	kfree(front);
	return ret;
}

/* ---- .otherend_changed: xenwatch_thread(), no device lock ---- */

/* shape of netback_changed() (drivers/net/xen-netfront.c) */
static void h19xen_backend_changed(struct xenbus_device *dev,
				   enum xenbus_state backend_state)
{
	struct h19xen_front *front = dev_get_drvdata(&dev->dev);

	switch (backend_state) {
	case XenbusStateInitWait:
		h19xen_commit(&dev->dev); /* EXPECT: device-lock-required */
		if (front->dma_np)
			of_dma_configure(&dev->dev, front->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
		if (front->ring)
			h19xen_ring_setup(front); /* EXPECT: device-lock-required @xen_ringsetup */
		xenbus_switch_state(dev, XenbusStateConnected);
		schedule_delayed_work(&front->poll, HZ);
		break;

	case XenbusStateConnected:
		/* twin: the watch callback takes the frontend's lock itself */
		scoped_guard(device, &dev->dev)
			h19xen_commit(&dev->dev); /* EXPECT-NONE: device-lock-required */
		if (front->ring) {
			scoped_guard(device, &front->ring->dev)
				h19xen_ring_setup(front); /* EXPECT-NONE: device-lock-required */
		}
		schedule_delayed_work(&front->poll_locked, HZ);
		break;

	case XenbusStateClosing:
		h19xen_switch_state(&dev->dev, 2);
		h19xen_switch_state_leaky(&dev->dev, 1);
		h19xen_sync_scoped(&dev->dev);
		xenbus_frontend_closed(dev);
		break;

	default:
		break;
	}
}

/* ---- .suspend: xenbus_dev_suspend() = .freeze, device_lock held ---- */

/* shape of scsifront_suspend() (drivers/scsi/xen-scsifront.c) */
static int h19xen_suspend(struct xenbus_device *dev)
{
	struct h19xen_front *front = dev_get_drvdata(&dev->dev);

	cancel_delayed_work_sync(&front->poll);
	h19xen_commit(&dev->dev); /* EXPECT-NONE: device-lock-required */
	if (front->grant_dev)
		/* the frontend is locked, the grant device is not */
		of_dma_configure(front->grant_dev, front->grant_dev->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
	return h19xen_rearm(&dev->dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * .resume: mixed callers (see the header comment); the DMA rule fires
 * whatever the lock, the lock rule is deliberately left unlabelled.
 * [Labelled after the first measurement, by the tool's maintainers: one
 * caller holds no lock (xenbus_frontend_delayed_resume(), a work, ->
 * xenbus_dev_resume() -> drv->resume() with XS_LOCAL), so a finding that
 * the lock is not held on that path is true.]
 */
static int h19xen_resume(struct xenbus_device *dev)
{
	struct h19xen_front *front = dev_get_drvdata(&dev->dev);

	if (front->dma_np)
		return of_dma_configure(&dev->dev, front->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
	return 0;
}

/* ---- .remove: xenbus_dev_remove(), lock held ---- */

static void h19xen_remove(struct xenbus_device *dev)
{
	struct h19xen_front *front = dev_get_drvdata(&dev->dev);

	cancel_delayed_work_sync(&front->poll);
	cancel_delayed_work_sync(&front->poll_locked);
	h19xen_rearm(&dev->dev); /* EXPECT-NONE: device-lock-required */
	if (front->grant_dev) {
		/* twin of the .suspend call: grant device locked first */
		device_lock(front->grant_dev);
		of_dma_configure(front->grant_dev, front->grant_dev->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		device_unlock(front->grant_dev);
		put_device(front->grant_dev);
	}
	h19xen_ring_del(front->ring);
	of_node_put(front->dma_np);
	dev_set_drvdata(&dev->dev, NULL);
	kfree(front);
}

static const struct xenbus_device_id h19xen_ids[] = {
	{ "h19dma" },
	{ "" }
};

static struct xenbus_driver h19xen_driver = {
	.ids			= h19xen_ids,
	.probe			= h19xen_probe,
	.remove			= h19xen_remove,
	.suspend		= h19xen_suspend,
	.resume			= h19xen_resume,
	.otherend_changed	= h19xen_backend_changed,
	.not_essential		= true,
};

static int __init h19xen_init(void)
{
	int ret = h19xen_bus_init();

	if (ret)
		return ret;
	ret = xenbus_register_frontend(&h19xen_driver);
	if (ret)
		h19xen_bus_exit();
	return ret;
}

static void __exit h19xen_exit(void)
{
	xenbus_unregister_driver(&h19xen_driver);
	h19xen_bus_exit();
}

module_init(h19xen_init);
module_exit(h19xen_exit);

MODULE_DESCRIPTION("h19 xenbus frontend corpus module");
MODULE_LICENSE("GPL");
