// SPDX-License-Identifier: GPL-2.0
/*
 * h18hda_core.c - HD-audio ext codec driver, shaped after
 * sound/soc/codecs/hdac_hdmi.c (6.12): hdac_hdmi_dev_probe,
 * hdac_hdmi_dev_remove, hdac_hdmi_pm, and the unsolicited-event hook of
 * sound/pci/hda/hda_bind.c:hda_codec_unsol_event.
 *
 * What the core holds around each slot (6.12):
 *  - hdac_driver.probe/.remove/.shutdown: sound/hda/ext/hdac_ext_bus.c:
 *    snd_hda_ext_driver_register installs hda_ext_drv_probe,
 *    hdac_ext_drv_remove and hdac_ext_drv_shutdown as driver.probe/remove/
 *    shutdown.  snd_hda_bus_type (sound/hda/hda_bus_type.c) has no probe,
 *    so drivers/base/dd.c:call_driver_probe runs them from really_probe
 *    under device_lock(dev); remove runs from __device_release_driver
 *    under device_lock(dev); shutdown from drivers/base/core.c:
 *    device_shutdown under device_lock(dev) (and the parent's).
 *  - hdac_driver.unsol_event: sound/hda/hdac_bus.c:
 *    snd_hdac_bus_process_unsol_events, a work item, drops bus->reg_lock
 *    around the call and takes no device lock.
 *  - driver.pm system sleep (prepare, suspend, resume, complete):
 *    drivers/base/power/main.c:device_prepare, device_suspend,
 *    device_resume, device_complete all hold device_lock(dev); codec
 *    devices have no pm_domain, type or class (sound/hda/hdac_device.c:
 *    snd_hdac_device_init) and the bus has no pm, so the driver's ops run.
 *    Runtime PM callbacks are left without sites: rpm_callback takes no
 *    lock, but __device_release_driver calls pm_runtime_get_sync(dev)
 *    with the lock held, so they run both ways.
 *  - bus notifier on snd_hda_bus_type: BUS_NOTIFY_BOUND_DRIVER comes from
 *    drivers/base/dd.c:driver_bound, reached from really_probe or from
 *    device_bind_driver in __device_attach, both under device_lock(dev)
 *    (no hda code calls device_bind_driver itself); BUS_NOTIFY_ADD_DEVICE
 *    comes from drivers/base/core.c:device_add with no device lock.
 *  - timer (softirq), works, sysfs store (drivers/base/core.c:
 *    dev_attr_store): no device lock.
 */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <sound/hdaudio.h>
#include <sound/hdaudio_ext.h>
#include "h18hda.h"

#define H18HDA_UNSOL_JACK	0x01
#define H18HDA_UNSOL_ELD	0x02
#define H18HDA_UNSOL_RESET	0x04

/* a debounce timer armed by the unsolicited-event hook */
static void h18hda_debounce(struct timer_list *t)
{
	struct h18hda *hda = from_timer(hda, t, debounce);

	if (h18hda_pin_route_locked(hda->dev, hda->route)) /* EXPECT: device-lock-required */
		schedule_work(&hda->route_work);
}

static void h18hda_route_work(struct work_struct *work)
{
	struct h18hda *hda = container_of(work, struct h18hda, route_work);
	unsigned int i;

	if (h18hda_lock_codec(hda))
		return; /* EXPECT-NONE: lock-imbalance */
	h18hda_pin_route_locked(hda->dev, 0); /* EXPECT-NONE: device-lock-required */
	h18hda_unlock_codec(hda);

	for (i = 0; i < hda->nr_pins; i++)
		h18hda_pin_touch(hda->pins[i]);
}

/* the probed codec, reached again through hda->dev, from a work */
static void h18hda_reset_work(struct work_struct *work)
{
	struct h18hda *hda = container_of(work, struct h18hda, reset_work);

	of_dma_configure(hda->dev, hda->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
	h18hda_pin_retarget(hda, hda->dma_np);
}

/* hda_bind.c:hda_codec_unsol_event slot, from the bus's unsol work */
static void h18hda_unsol_event(struct hdac_device *hdev, unsigned int res)
{
	struct h18hda *hda = dev_get_drvdata(&hdev->dev);
	u8 eld[8];

	if (res & H18HDA_UNSOL_JACK) {
		h18hda_jack_sync(hdev); /* EXPECT: device-lock-required */
		mod_timer(&hda->debounce, jiffies + msecs_to_jiffies(50));
	}
	if (res & H18HDA_UNSOL_ELD) {
		h18hda_eld_copy(hda, eld, sizeof(eld)); /* EXPECT-NONE: device-lock-required */
		scoped_guard(device, &hdev->dev)
			h18hda_eld_refresh(&hdev->dev); /* EXPECT-NONE: device-lock-required */
	}
	if ((res & H18HDA_UNSOL_RESET) && hda->dma_np)
		schedule_work(&hda->reset_work);
}

/* ---- sysfs (driver dev_groups) ---- */

static ssize_t route_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	unsigned int v;
	int ret;

	ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;
	ret = h18hda_pin_route_locked(dev, v); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(route);

static ssize_t route_sync_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	unsigned int v;
	int ret;

	ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;
	guard(device)(dev);
	ret = h18hda_pin_route_locked(dev, v); /* EXPECT-NONE: device-lock-required */
	return ret ? ret : count; /* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_WO(route_sync);

static struct attribute *h18hda_attrs[] = {
	&dev_attr_route.attr,
	&dev_attr_route_sync.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h18hda);

/* ---- bus notifier: sibling codecs on snd_hda_bus_type ---- */

static struct h18hda *h18hda_first;	/* the bound instance, if any */

static int h18hda_bus_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct device *dev = data;
	struct h18hda *hda = READ_ONCE(h18hda_first);

	if (!hda || dev == hda->dev || !hda->dma_np)
		return NOTIFY_DONE;
	if (dev_to_hdac_dev(dev)->bus != hda->hdev->bus)
		return NOTIFY_DONE;

	switch (action) {
	case BUS_NOTIFY_BOUND_DRIVER:
		h18hda_link_sibling(dev); /* EXPECT-NONE: device-lock-required */
		of_dma_configure(dev, hda->dma_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		break;
	case BUS_NOTIFY_ADD_DEVICE:
		of_dma_configure(dev, hda->dma_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block h18hda_bus_nb = {
	.notifier_call = h18hda_bus_notify,
};

/* ---- probe / remove / shutdown ---- */

static int h18hda_probe(struct hdac_device *hdev)
{
	struct h18hda *hda;
	int ret;

	hda = devm_kzalloc(&hdev->dev, sizeof(*hda), GFP_KERNEL);
	if (!hda)
		return -ENOMEM;
	hda->hdev = hdev;
	hda->dev = &hdev->dev;
	hda->nr_pins = min_t(unsigned int, hdev->num_nodes, H18HDA_MAX_PINS);
	spin_lock_init(&hda->eld_lock);
	timer_setup(&hda->debounce, h18hda_debounce, 0);
	INIT_WORK(&hda->route_work, h18hda_route_work);
	INIT_WORK(&hda->reset_work, h18hda_reset_work);
	dev_set_drvdata(&hdev->dev, hda);

	h18hda_jack_sync(hdev); /* EXPECT-NONE: device-lock-required */

	/*
	 * etnaviv_drv.c:etnaviv_pdev_probe: the codec has no node of its own,
	 * so it takes the DMA setup of the controller's node.
	 */
	hda->dma_np = of_node_get(hdev->bus->dev->of_node);
	if (hda->dma_np) {
		ret = of_dma_configure(&hdev->dev, hda->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			goto err_np;
	}

	ret = h18hda_pin_add_all(hda);
	if (ret)
		goto err_np;
	WRITE_ONCE(h18hda_first, hda);
	return 0;

err_np:
	of_node_put(hda->dma_np);
	return ret;
}

static int h18hda_remove(struct hdac_device *hdev)
{
	struct h18hda *hda = dev_get_drvdata(&hdev->dev);

	WRITE_ONCE(h18hda_first, NULL);
	timer_shutdown_sync(&hda->debounce);
	cancel_work_sync(&hda->route_work);
	cancel_work_sync(&hda->reset_work);
	h18hda_pin_route_locked(&hdev->dev, 0); /* EXPECT-NONE: device-lock-required */
	h18hda_pin_del_all(hda);
	of_node_put(hda->dma_np);
	return 0;
}

static void h18hda_shutdown(struct hdac_device *hdev)
{
	struct h18hda *hda = dev_get_drvdata(&hdev->dev);

	del_timer_sync(&hda->debounce);
	h18hda_pins_quiesce(hda); /* EXPECT: lock-imbalance @hda_quiesce */
}

/* ---- system sleep ---- */

static int h18hda_suspend(struct device *dev)
{
	struct h18hda *hda = dev_get_drvdata(dev);

	del_timer_sync(&hda->debounce);
	return h18hda_pin_route_locked(dev, 0); /* EXPECT-NONE: device-lock-required */
}

static int h18hda_resume(struct device *dev)
{
	struct h18hda *hda = dev_get_drvdata(dev);
	int ret;

	if (hda->dma_np) {
		ret = of_dma_configure(dev, hda->dma_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}
	return h18hda_pins_restore(hda);
}

static void h18hda_complete(struct device *dev)
{
	h18hda_jack_sync(dev_to_hdac_dev(dev)); /* EXPECT-NONE: device-lock-required */
}

static const struct dev_pm_ops h18hda_pm = {
	SYSTEM_SLEEP_PM_OPS(h18hda_suspend, h18hda_resume)
	.complete = pm_sleep_ptr(h18hda_complete),
};

static const struct hda_device_id h18hda_list[] = {
	HDA_CODEC_EXT_ENTRY(0x18180001, 0x100000, "h18 link codec", 0),
	{}
};
MODULE_DEVICE_TABLE(hdaudio, h18hda_list);

static struct hdac_driver h18hda_driver = {
	.driver = {
		.name		= "h18hda",
		.pm		= pm_sleep_ptr(&h18hda_pm),
		.dev_groups	= h18hda_groups,
	},
	.id_table	= h18hda_list,
	.probe		= h18hda_probe,
	.remove		= h18hda_remove,
	.shutdown	= h18hda_shutdown,
	.unsol_event	= h18hda_unsol_event,
};

static int __init h18hda_init(void)
{
	int ret;

	ret = h18hda_pin_bus_init();
	if (ret)
		return ret;
	ret = bus_register_notifier(&snd_hda_bus_type, &h18hda_bus_nb);
	if (ret)
		goto err_bus;
	ret = snd_hda_ext_driver_register(&h18hda_driver);
	if (ret)
		goto err_nb;
	return 0;

err_nb:
	bus_unregister_notifier(&snd_hda_bus_type, &h18hda_bus_nb);
err_bus:
	h18hda_pin_bus_exit();
	return ret;
}
module_init(h18hda_init);

static void __exit h18hda_exit(void)
{
	snd_hda_ext_driver_unregister(&h18hda_driver);
	bus_unregister_notifier(&snd_hda_bus_type, &h18hda_bus_nb);
	h18hda_pin_bus_exit();
}
module_exit(h18hda_exit);

MODULE_DESCRIPTION("h18 HD-audio ext codec with per-pin function devices");
MODULE_LICENSE("GPL");
