// SPDX-License-Identifier: GPL-2.0
/* A platform bus notifier, shaped as vfio_fsl_mc_bus_notifier(). */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>

static void busnotify_route(struct device *dev)
{
	device_lock_assert(dev);
	dev_set_drvdata(dev, NULL);
}

static int busnotify_call(struct notifier_block *nb, unsigned long action,
			  void *data)
{
	struct device *dev = data;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		busnotify_route(dev);
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		busnotify_route(dev);
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		busnotify_route(dev);
		break;
	}
	return NOTIFY_DONE;
}

static int busnotify_unbound(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	if (action != BUS_NOTIFY_UNBOUND_DRIVER)
		return NOTIFY_DONE;
	busnotify_route(data);
	return NOTIFY_OK;
}

static struct notifier_block busnotify_nb = {
	.notifier_call = busnotify_call,
};

static struct notifier_block busnotify_unbound_nb = {
	.notifier_call = busnotify_unbound,
};

static int __init busnotify_init(void)
{
	int ret = bus_register_notifier(&platform_bus_type, &busnotify_nb);

	if (ret)
		return ret;
	return bus_register_notifier(&platform_bus_type, &busnotify_unbound_nb);
}
module_init(busnotify_init);

static void __exit busnotify_exit(void)
{
	bus_unregister_notifier(&platform_bus_type, &busnotify_unbound_nb);
	bus_unregister_notifier(&platform_bus_type, &busnotify_nb);
}
module_exit(busnotify_exit);

MODULE_LICENSE("GPL");
