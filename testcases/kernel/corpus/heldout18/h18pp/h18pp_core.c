// SPDX-License-Identifier: GPL-2.0
/*
 * h18pp_core.c - parport client driver, shaped after
 * drivers/pps/clients/pps_parport.c (6.12): parport_attach (match_port),
 * parport_detach, parport_irq; drivers/i2c/busses/i2c-parport.c:
 * i2c_parport_attach/i2c_parport_detach (a list of instances under a
 * mutex); drivers/char/ppdev.c:pp_probe (the name check in .probe).
 *
 * What the core holds around each slot (6.12):
 *  - parport_driver.match_port / .detach: drivers/parport/share.c:
 *    attach_driver_chain (from parport_announce_port) and
 *    __parport_register_driver -> port_check call match_port, and
 *    detach_driver_chain (from parport_remove_port) and
 *    parport_unregister_driver -> port_detach call detach, all under
 *    registration_lock only.  No lock of the pardevice we register there,
 *    nor of port->bus_dev, is held.  port->dev (the low-level port's own
 *    device) may or may not be locked there (parport_pc announces ports
 *    from its PCI probe and from its init), so no site here touches it.
 *  - parport_driver.probe: share.c:parport_probe is parport_bus_type's
 *    .probe, run by drivers/base/dd.c:really_probe under
 *    device_lock(&pardev->dev).
 *  - pardev_cb.irq_func: share.c:parport_irq_handler ->
 *    include/linux/parport.h:parport_generic_irq, hard interrupt context.
 *  - of_reconfig notifier: drivers/of/dynamic.c:of_reconfig_notify ->
 *    blocking_notifier_call_chain, no device lock.
 *  - works, sysfs store (drivers/base/core.c:dev_attr_store): no device
 *    lock.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/parport.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "h18pp.h"

static LIST_HEAD(h18pp_list);
static DEFINE_MUTEX(h18pp_list_lock);
static int h18pp_index;

/* pps_parport.c:parport_irq: hard interrupt, nothing held */
static void h18pp_irq(void *handle)
{
	struct h18pp *pp = handle;

	h18pp_dev_poll(pp->pardev); /* EXPECT: device-lock-required */
	schedule_work(&pp->work);
}

static void h18pp_work(struct work_struct *work)
{
	struct h18pp *pp = container_of(work, struct h18pp, work);

	/* the low-level port's device: another driver's, and not locked here */
	if (pp->port->dev && pp->np)
		of_dma_configure(pp->port->dev, pp->np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */

	if (h18pp_lock_dev(pp))
		return; /* EXPECT-NONE: lock-imbalance */
	h18pp_dev_poll(pp->pardev); /* EXPECT-NONE: device-lock-required */
	if (pp->np)
		of_dma_configure(&pp->pardev->dev, pp->np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	h18pp_unlock_dev(pp);

	/* the daisy device kept in pp->daisy, under its own lock */
	if (pp->daisy && pp->port->dev && has_acpi_companion(pp->port->dev)) {
		scoped_guard(device, &pp->daisy->dev)
			acpi_dma_configure(&pp->daisy->dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	}
}

/* i2c-core-of.c:of_i2c_notify style: react to a changed DT property */
static int h18pp_of_notify(struct notifier_block *nb, unsigned long action,
			   void *arg)
{
	struct of_reconfig_data *rd = arg;
	struct device *port_dev = NULL;
	struct device_node *np = NULL;
	struct h18pp *pp;

	if (action != OF_RECONFIG_UPDATE_PROPERTY)
		return NOTIFY_DONE;

	mutex_lock(&h18pp_list_lock);
	list_for_each_entry(pp, &h18pp_list, node) {
		if (pp->np == rd->dn && pp->port->dev) {
			port_dev = get_device(pp->port->dev);
			np = of_node_get(pp->np);
			break;
		}
	}
	mutex_unlock(&h18pp_list_lock);
	if (!port_dev)
		return NOTIFY_DONE;

	scoped_guard(device, port_dev)
		of_dma_configure(port_dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	of_node_put(np);
	put_device(port_dev);
	return NOTIFY_OK; /* EXPECT-NONE: lock-imbalance */
}

static struct notifier_block h18pp_of_nb = {
	.notifier_call = h18pp_of_notify,
};

/* ---- match_port / detach ---- */

static void h18pp_attach(struct parport *port)
{
	struct pardev_cb cb;
	struct h18pp *pp;

	pp = kzalloc(sizeof(*pp), GFP_KERNEL);
	if (!pp)
		return;
	pp->port = port;
	INIT_WORK(&pp->work, h18pp_work);

	memset(&cb, 0, sizeof(cb));
	cb.private = pp;
	cb.irq_func = h18pp_irq;
	pp->pardev = parport_register_dev_model(port, "h18pp", &cb, h18pp_index++);
	if (!pp->pardev) {
		kfree(pp);
		return;
	}

	/* venus/firmware.c:venus_firmware_init: registered, then configured */
	if (port->dev)
		pp->np = of_get_child_by_name(port->dev->of_node, "h18,pp-dma");
	if (pp->np)
		of_dma_configure(&pp->pardev->dev, pp->np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	h18pp_dev_setup_locked(&pp->pardev->dev); /* EXPECT: device-lock-required */

	if (h18pp_daisy_add(pp))
		dev_warn(&pp->pardev->dev, "no daisy device\n");

	mutex_lock(&h18pp_list_lock);
	list_add_tail(&pp->node, &h18pp_list);
	mutex_unlock(&h18pp_list_lock);
}

static void h18pp_detach(struct parport *port)
{
	struct h18pp *pp, *tmp;

	mutex_lock(&h18pp_list_lock);
	list_for_each_entry_safe(pp, tmp, &h18pp_list, node) {
		if (pp->port != port)
			continue;
		list_del(&pp->node);
		cancel_work_sync(&pp->work);
		h18pp_daisy_del(pp);
		scoped_guard(device, &pp->pardev->dev)
			h18pp_dev_setup_locked(&pp->pardev->dev); /* EXPECT-NONE: device-lock-required */
		parport_unregister_device(pp->pardev);
		of_node_put(pp->np);
		kfree(pp);
	}
	mutex_unlock(&h18pp_list_lock);
}

/* ppdev.c:pp_probe: only our own pardevices */
static int h18pp_probe(struct pardevice *pardev)
{
	if (strcmp(pardev->name, "h18pp"))
		return -ENODEV;
	h18pp_dev_setup_locked(&pardev->dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

/* ---- sysfs on the bound pardevice (driver dev_groups) ---- */

static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct h18pp *pp = to_pardevice(dev)->private;
	unsigned int mode;
	int ret;

	ret = kstrtouint(buf, 0, &mode);
	if (ret)
		return ret;
	ret = h18pp_set_mode(pp, mode);
	return ret ? ret : count; /* EXPECT: lock-imbalance @pp_mode */
}
static DEVICE_ATTR_WO(mode);

static struct attribute *h18pp_attrs[] = {
	&dev_attr_mode.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h18pp);

static struct parport_driver h18pp_driver = {
	.name		= "h18pp",
	.match_port	= h18pp_attach,
	.detach		= h18pp_detach,
	.probe		= h18pp_probe,
	.driver		= {
		.dev_groups	= h18pp_groups,
	},
};

static int __init h18pp_init(void)
{
	int ret;

	ret = h18pp_daisy_bus_init();
	if (ret)
		return ret;
	if (IS_ENABLED(CONFIG_OF_DYNAMIC))
		WARN_ON(of_reconfig_notifier_register(&h18pp_of_nb));
	ret = parport_register_driver(&h18pp_driver);
	if (ret) {
		if (IS_ENABLED(CONFIG_OF_DYNAMIC))
			of_reconfig_notifier_unregister(&h18pp_of_nb);
		h18pp_daisy_bus_exit();
	}
	return ret;
}
module_init(h18pp_init);

static void __exit h18pp_exit(void)
{
	parport_unregister_driver(&h18pp_driver);
	if (IS_ENABLED(CONFIG_OF_DYNAMIC))
		of_reconfig_notifier_unregister(&h18pp_of_nb);
	h18pp_daisy_bus_exit();
}
module_exit(h18pp_exit);

MODULE_DESCRIPTION("h18 parport client with a daisy-chain device");
MODULE_LICENSE("GPL");
