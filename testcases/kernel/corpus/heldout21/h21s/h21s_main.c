// SPDX-License-Identifier: GPL-2.0
/*
 * h21s_main.c - core of a private SSB-style backplane bus: bus type with a
 * real .dma_configure, core enumeration/registration, bus notifier.
 *
 * Shapes copied from Linux 6.12:
 *   drivers/ssb/main.c: ssb_bus_match(), ssb_device_probe(),
 *	ssb_device_remove(), ssb_device_shutdown(), ssb_device_suspend()/
 *	ssb_device_resume() (legacy bus_type .suspend/.resume),
 *	ssb_devices_register(), __ssb_driver_register()
 *   drivers/bcma/main.c: bcma_prepare_core(), bcma_of_fill_device()
 *	(of_dma_configure() on a core the bus code allocated),
 *	bcma_register_devices(), bcma_find_core_unit()
 *   drivers/base/platform.c: platform_dma_configure() (fwnode dispatch)
 *   drivers/amba/bus.c: amba_dma_configure()
 *
 * Core locking facts read in 6.12:
 *   drivers/base/dd.c:really_probe(): bus .dma_configure, then bus .probe:
 *	device_lock(core) HELD; the host/parent lock NOT held
 *	(__device_attach() locks dev only, need_parent_lock unset).
 *   drivers/base/dd.c:device_release_driver_internal(): bus .remove HELD.
 *   drivers/base/core.c:device_shutdown(): bus .shutdown HELD.
 *   drivers/base/power/main.c:device_suspend(): with dev->bus->pm == NULL
 *	and dev->bus->suspend set, legacy_suspend() runs between
 *	device_lock(dev) and device_unlock(dev): HELD.  device_resume():
 *	"legacy bus" dev->bus->resume is run by dpm_run_callback() before
 *	device_unlock(dev): HELD.
 *   drivers/base/core.c:device_add(): bus_notify(dev, BUS_NOTIFY_ADD_DEVICE)
 *	with the device lock NOT held.
 *   drivers/base/dd.c:really_probe() -> driver_sysfs_add():
 *	bus_notify(dev, BUS_NOTIFY_BIND_DRIVER) with device_lock(dev) HELD
 *	(device_bind_driver(), the other caller, is never used on this bus).
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "h21s.h"

static struct device *h21s_host;
static struct h21s_bus h21s_bus0;

/* ------------------------------------------------------------------ */
/* bus type                                                            */

static int h21s_match_devid(const struct ssb_device_id *tabid,
			    const struct ssb_device_id *devid)
{
	if ((tabid->vendor != devid->vendor) && tabid->vendor != SSB_ANY_VENDOR)
		return 0;
	if ((tabid->coreid != devid->coreid) && tabid->coreid != SSB_ANY_ID)
		return 0;
	if ((tabid->revision != devid->revision) && tabid->revision != SSB_ANY_REV)
		return 0;
	return 1;
}

static int h21s_bus_match(struct device *dev, const struct device_driver *drv)
{
	struct h21s_core *core = to_h21s_core(dev);
	const struct h21s_driver *sdrv = drv_to_h21s_drv(drv);
	const struct ssb_device_id *id;

	for (id = sdrv->id_table; id->vendor || id->coreid || id->revision; id++)
		if (h21s_match_devid(id, &core->id))
			return 1;
	return 0;
}

static int h21s_bus_uevent(const struct device *dev, struct kobj_uevent_env *env)
{
	const struct h21s_core *core = container_of_const(dev, struct h21s_core, dev);

	return add_uevent_var(env, "MODALIAS=h21s:v%04Xid%04Xrev%02X",
			      core->id.vendor, core->id.coreid, core->id.revision);
}

static int h21s_bus_probe(struct device *dev)
{
	struct h21s_core *core = to_h21s_core(dev);
	struct h21s_driver *sdrv = drv_to_h21s_drv(dev->driver);
	int err;

	get_device(dev);
	/* really_probe(): HELD */
	h21s_core_enable(core, 0); /* EXPECT-NONE: device-lock-required */
	err = sdrv->probe ? sdrv->probe(core, &core->id) : 0;
	if (err) {
		h21s_core_disable_locked(dev);
		put_device(dev);
	}
	return err;
}

static void h21s_bus_remove(struct device *dev)
{
	struct h21s_core *core = to_h21s_core(dev);
	struct h21s_driver *sdrv = drv_to_h21s_drv(dev->driver);

	if (sdrv->remove)
		sdrv->remove(core);
	/* device_release_driver_internal(): HELD */
	h21s_core_disable_locked(dev); /* EXPECT-NONE: device-lock-required */
	put_device(dev);
}

static void h21s_bus_shutdown(struct device *dev)
{
	struct h21s_driver *sdrv;

	if (!dev->driver)
		return;
	sdrv = drv_to_h21s_drv(dev->driver);
	if (sdrv->shutdown)
		sdrv->shutdown(to_h21s_core(dev));
	/* device_shutdown(): HELD */
	h21s_core_disable_locked(dev); /* EXPECT-NONE: device-lock-required */
}

/* legacy bus callbacks: device_suspend()/device_resume() HELD */
static int h21s_bus_suspend(struct device *dev, pm_message_t state)
{
	struct h21s_driver *sdrv;
	int err = 0;

	if (dev->driver) {
		sdrv = drv_to_h21s_drv(dev->driver);
		if (sdrv->suspend)
			err = sdrv->suspend(to_h21s_core(dev), state);
	}
	if (!err)
		h21s_core_disable_locked(dev); /* EXPECT-NONE: device-lock-required */
	return err;
}

static int h21s_bus_resume(struct device *dev)
{
	struct h21s_core *core = to_h21s_core(dev);
	struct h21s_driver *sdrv;

	h21s_core_enable(core, 0); /* EXPECT-NONE: device-lock-required */
	if (dev->driver) {
		sdrv = drv_to_h21s_drv(dev->driver);
		if (sdrv->resume)
			return sdrv->resume(core);
	}
	return 0;
}

/* bus .dma_configure: really_probe() HELD */
static int h21s_bus_dma_configure(struct device *dev)
{
	struct h21s_core *core = to_h21s_core(dev);
	struct fwnode_handle *fwnode = dev_fwnode(dev);
	int ret = 0;

	if (is_of_node(fwnode))
		ret = of_dma_configure_id(dev, to_of_node(fwnode), true, &core->stream_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	else if (is_acpi_device_node(fwnode))
		ret = acpi_dma_configure_id(dev, device_get_dma_attr(dev), &core->stream_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	else if (core->bus->np)
		/* no node of its own: the core masters through the backplane node */
		ret = of_dma_configure(dev, core->bus->np, false); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	if (ret)
		return ret;

	return h21s_core_set_stream(dev, core->stream_id); /* EXPECT-NONE: device-lock-required */
}

static const struct bus_type h21s_bus_type = {
	.name		= "h21s",
	.match		= h21s_bus_match,
	.uevent		= h21s_bus_uevent,
	.probe		= h21s_bus_probe,
	.remove		= h21s_bus_remove,
	.shutdown	= h21s_bus_shutdown,
	.suspend	= h21s_bus_suspend,
	.resume		= h21s_bus_resume,
	.dma_configure	= h21s_bus_dma_configure,
};

int h21s_driver_register(struct h21s_driver *drv)
{
	drv->drv.name = drv->name;
	drv->drv.bus = &h21s_bus_type;
	return driver_register(&drv->drv);
}

void h21s_driver_unregister(struct h21s_driver *drv)
{
	driver_unregister(&drv->drv);
}

/* bcma_find_core_unit() shape: a sibling core on the same backplane */
struct h21s_core *h21s_find_sibling(struct h21s_core *core, u16 coreid)
{
	struct h21s_core *sib;

	list_for_each_entry(sib, &core->bus->cores, list)
		if (sib != core && sib->id.coreid == coreid && sib->registered)
			return sib;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* bus notifier                                                        */

static int h21s_bus_notify(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct device *dev = data;
	struct h21s_core *core = to_h21s_core(dev);

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		/* device_add(): the new core's lock is NOT held */
		h21s_core_set_stream(dev, core->core_index); /* EXPECT: device-lock-required */
		break;
	case BUS_NOTIFY_BIND_DRIVER:
		/* really_probe() -> driver_sysfs_add(): HELD */
		h21s_core_set_stream(dev, core->stream_id ?: core->core_index); /* EXPECT-NONE: device-lock-required */
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		/* device_del(): NOT held; take it */
		device_lock(dev);
		h21s_core_disable_locked(dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block h21s_bus_nb = {
	.notifier_call = h21s_bus_notify,
};

/* ------------------------------------------------------------------ */
/* core enumeration                                                    */

static void h21s_release_core(struct device *dev)
{
	kfree(to_h21s_core(dev));
}

static struct device_node *h21s_of_find_child(struct h21s_bus *bus,
					       struct h21s_core *core)
{
	struct device_node *np;
	u32 idx;

	if (!bus->np)
		return NULL;

	for_each_available_child_of_node(bus->np, np) {
		if (!of_property_read_u32(np, "reg", &idx) && idx == core->core_index)
			return np;
	}
	return NULL;
}

/* bcma_prepare_core() + bcma_of_fill_device(): core allocated right here */
static void h21s_prepare_core(struct h21s_bus *bus, struct h21s_core *core)
{
	struct device_node *node;

	device_initialize(&core->dev);
	core->dev.release = h21s_release_core;
	core->dev.bus = &h21s_bus_type;
	dev_set_name(&core->dev, "h21s%u:%u", bus->num, core->core_index);
	core->dev.parent = bus->host;

	node = h21s_of_find_child(bus, core);
	if (node) {
		core->dev.of_node = node;
		of_dma_configure(&core->dev, node, false); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
		core->dma_dev = bus->host;
	} else {
		core->dev.coherent_dma_mask = DMA_BIT_MASK(32);
		core->dev.dma_mask = &core->dev.coherent_dma_mask;
		core->dma_dev = &core->dev;
	}
}

/* Re-apply a core's node (used after a host bridge reset). */
static int h21s_core_refresh_node(struct h21s_core *core)
{
	struct device *dev = &core->dev;
	int ret;

	if (!dev->of_node)
		return 0;

	device_lock(dev);
	ret = of_dma_configure(dev, dev->of_node, false); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	if (!ret)
		ret = h21s_core_set_stream(dev, core->stream_id);
	device_unlock(dev);

	return ret;
}

static int h21s_scan(struct h21s_bus *bus)
{
	static const u16 ids[] = {
		H21S_CORE_CHIPCOMMON, H21S_CORE_ETHERNET, H21S_CORE_ETH_PHY,
	};
	struct h21s_core *core;
	unsigned int i;

	INIT_LIST_HEAD(&bus->cores);
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		core = kzalloc(sizeof(*core), GFP_KERNEL);
		if (!core)
			return -ENOMEM;
		core->bus = bus;
		core->core_index = i;
		core->id.vendor = H21S_VENDOR_BROADCOM;
		core->id.coreid = ids[i];
		core->id.revision = 1;
		h21s_prepare_core(bus, core);
		list_add_tail(&core->list, &bus->cores);
		bus->cores_arr[bus->nr_cores++] = core;
	}
	return 0;
}

static int h21s_register_cores(struct h21s_bus *bus)
{
	struct h21s_core *core;
	int err;

	list_for_each_entry(core, &bus->cores, list) {
		/* the chipcommon core is driven by the bus code itself */
		if (core->id.coreid == H21S_CORE_CHIPCOMMON) {
			h21s_core_enable(core, 0); /* EXPECT: device-lock-required */
			continue;
		}

		err = device_add(&core->dev);
		if (err) {
			dev_err(&core->dev, "could not register core 0x%03x\n",
				core->id.coreid);
			continue;
		}
		core->registered = true;
	}
	return 0;
}

static void h21s_unregister_cores(struct h21s_bus *bus)
{
	struct h21s_core *core, *tmp;

	list_for_each_entry_safe(core, tmp, &bus->cores, list) {
		list_del(&core->list);
		if (core->registered)
			device_unregister(&core->dev);
		else
			put_device(&core->dev);
	}
}

/* Host bridge reset: every registered core is re-pointed and re-enabled. */
int h21s_bus_host_reset(struct h21s_bus *bus)
{
	struct h21s_core *core;
	int err;

	list_for_each_entry(core, &bus->cores, list) {
		if (!core->registered)
			continue;
		err = h21s_core_refresh_node(core);
		if (err)
			return err;
		err = h21s_core_reset_fixed(core);
		if (err)
			return err;
	}
	return 0;
}

static int __init h21s_init(void)
{
	int err;

	err = bus_register(&h21s_bus_type);
	if (err)
		return err;

	err = bus_register_notifier(&h21s_bus_type, &h21s_bus_nb);
	if (err)
		goto err_bus;

	err = h21s_gige_init();
	if (err)
		goto err_nb;

	h21s_host = root_device_register("h21s-host");
	if (IS_ERR(h21s_host)) {
		err = PTR_ERR(h21s_host);
		goto err_gige;
	}

	h21s_bus0.host = h21s_host;
	h21s_bus0.np = of_find_compatible_node(NULL, NULL, "h21s,backplane");
	err = h21s_scan(&h21s_bus0);
	if (err)
		goto err_cores;
	err = h21s_register_cores(&h21s_bus0);
	if (err)
		goto err_cores;
	return 0;

err_cores:
	h21s_unregister_cores(&h21s_bus0);
	of_node_put(h21s_bus0.np);
	root_device_unregister(h21s_host);
err_gige:
	h21s_gige_exit();
err_nb:
	bus_unregister_notifier(&h21s_bus_type, &h21s_bus_nb);
err_bus:
	bus_unregister(&h21s_bus_type);
	return err;
}
module_init(h21s_init);

static void __exit h21s_exit(void)
{
	h21s_unregister_cores(&h21s_bus0);
	of_node_put(h21s_bus0.np);
	root_device_unregister(h21s_host);
	h21s_gige_exit();
	bus_unregister_notifier(&h21s_bus_type, &h21s_bus_nb);
	bus_unregister(&h21s_bus_type);
}
module_exit(h21s_exit);

MODULE_DESCRIPTION("h21s SSB-style backplane bus and Ethernet core driver");
MODULE_LICENSE("GPL");
