// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_xbus core: two bus types defined as elements of one array, with
 * the callbacks of drivers/bus/fsl-mc/fsl-mc-bus.c (fsl_mc_dma_configure():
 * of_dma_configure_id() or acpi_dma_configure_id()), bus online/offline
 * (device_online()/device_offline() in drivers/base/core.c hold the
 * device lock), and a bus notifier, which the driver core calls from
 * device_add() and device_del() without it.
 */
#include <linux/acpi.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include "xbus.h"

/* Callers hold device_lock(dev). */
void xbus_sync(struct device *dev)
{
	device_lock_assert(dev);
	dev_dbg(dev, "synced\n");
}

static int xbus_match(struct device *dev, const struct device_driver *drv)
{
	return !strcmp(dev_name(dev), drv->name);
}

static int xbus_dma_configure(struct device *dev)
{
	u32 input_id = dev->id;

	if (dev->parent && dev->parent->of_node)
		return of_dma_configure_id(dev, dev->parent->of_node, true, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

static int xbus_probe(struct device *dev)
{
	xbus_sync(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static void xbus_remove(struct device *dev)
{
	xbus_sync(dev); /* EXPECT-NONE: device-lock-required */
}

static int xbus_online(struct device *dev)
{
	xbus_sync(dev); /* EXPECT-NONE: device-lock-required */
	/* device_online() took it: a self-deadlock */
	device_lock(dev); /* EXPECT: lock-imbalance */
	dev->offline = false;
	device_unlock(dev);
	return 0;
}

static int xbus_offline(struct device *dev)
{
	xbus_sync(dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static int xbus_port_dma_configure(struct device *dev)
{
	/* the port takes its host's configuration */
	return acpi_dma_configure(dev, DEV_DMA_NON_COHERENT); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
}

static int xbus_port_probe(struct device *dev)
{
	struct device *host = dev->parent;

	if (host && host->of_node)
		/* re-pointing the port's own device from its probe */
		return of_dma_configure(dev, host->of_node, false); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	return 0;
}

const struct bus_type xbus_types[XBUS_NR] = {
	[XBUS_HOST] = {
		.name = "corpus-xbus-host",
		.match = xbus_match,
		.probe = xbus_probe,
		.remove = xbus_remove,
		.online = xbus_online,
		.offline = xbus_offline,
		.dma_configure = xbus_dma_configure,
	},
	[XBUS_PORT] = {
		.name = "corpus-xbus-port",
		.match = xbus_match,
		.probe = xbus_port_probe,
		.dma_configure = xbus_port_dma_configure,
	},
};

/* BUS_NOTIFY_*: from device_add()/device_del(), no device lock held. */
static int xbus_notify(struct notifier_block *nb, unsigned long action, void *data)
{
	struct device *dev = data;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		xbus_sync(dev); /* EXPECT: device-lock-required */
		if (dev->parent && dev->parent->of_node)
			of_dma_configure(dev, dev->parent->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		device_lock(dev); /* EXPECT-NONE: lock-imbalance */
		xbus_sync(dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block xbus_nb = {
	.notifier_call = xbus_notify,
};

static int __init xbus_init(void)
{
	int i, ret;

	for (i = 0; i < XBUS_NR; i++) {
		ret = bus_register(&xbus_types[i]);
		if (ret)
			goto err;
	}
	ret = bus_register_notifier(&xbus_types[XBUS_HOST], &xbus_nb);
	if (ret)
		goto err;
	ret = xbus_dev_init();
	if (ret) {
		bus_unregister_notifier(&xbus_types[XBUS_HOST], &xbus_nb);
		goto err;
	}
	return 0;
err:
	while (i--)
		bus_unregister(&xbus_types[i]);
	return ret;
}
module_init(xbus_init);

static void __exit xbus_exit(void)
{
	xbus_dev_exit();
	bus_unregister_notifier(&xbus_types[XBUS_HOST], &xbus_nb);
	for (int i = XBUS_NR - 1; i >= 0; i--)
		bus_unregister(&xbus_types[i]);
}
module_exit(xbus_exit);

MODULE_DESCRIPTION("iommu-lockcheck corpus: bus_type array shapes");
MODULE_LICENSE("GPL");
