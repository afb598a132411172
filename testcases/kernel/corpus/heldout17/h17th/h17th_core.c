// SPDX-License-Identifier: GPL-2.0
/*
 * h17th - trace hub core: the h17th bus and its sub-devices.
 *
 * Modelled on drivers/hwtracing/intel_th/core.c.  Facts checked in
 * linux-source-6.12 for the callbacks below:
 *  - bus_type.probe / .dma_configure: drivers/base/dd.c:really_probe()
 *    calls dev->bus->dma_configure(dev) and then call_driver_probe() ->
 *    dev->bus->probe(dev); every caller of really_probe()
 *    (__driver_attach(), __device_attach(), the async helpers,
 *    device_driver_attach()) holds device_lock(dev).
 *  - bus_type.remove: dd.c:device_remove() from __device_release_driver(),
 *    under device_lock(dev) (device_release_driver_internal()).
 *  - bus notifier: drivers/base/core.c:device_add() sends
 *    BUS_NOTIFY_ADD_DEVICE with no lock of dev; dd.c:driver_bound()
 *    sends BUS_NOTIFY_BOUND_DRIVER from really_probe() (device lock held)
 *    and from device_bind_driver(), which this core never uses (it never
 *    presets dev->driver).
 *  - sysfs show/store: core.c:dev_attr_show()/dev_attr_store(), no lock.
 *    As in intel_th core.c:active_store(), ->activate/->deactivate are
 *    called from sysfs with no device lock; ->reset is called by
 *    reset_store() below with device_lock(dev) held.
 *  - hard IRQ handler (intel_th_irq() shape): no lock.  Threaded
 *    handler: kernel/irq/manage.c:irq_thread(), no device lock.
 */
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/interrupt.h>
#include <linux/kstrtox.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/acpi.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "h17th.h"

static DEFINE_IDA(h17th_ida);

static int h17th_match(struct device *dev, const struct device_driver *driver)
{
	struct h17th_device *thdev = to_h17th_device(dev);

	return !strcmp(thdev->name, driver->name);
}

/* bus_type.probe, like intel_th_probe(): device_lock(dev) held */
static int h17th_probe(struct device *dev)
{
	struct h17th_driver *thdrv = to_h17th_driver(dev->driver);
	struct h17th_device *thdev = to_h17th_device(dev);
	int ret;

	if (thdev->type == H17TH_OUTPUT) {
		ret = h17th_output_link(thdev); /* EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}

	return thdrv->probe(thdev);
}

/* bus_type.remove, like intel_th_remove(): device_lock(dev) held */
static void h17th_remove(struct device *dev)
{
	struct h17th_driver *thdrv = to_h17th_driver(dev->driver);
	struct h17th_device *thdev = to_h17th_device(dev);

	thdrv->remove(thdev);

	if (thdev->type == H17TH_OUTPUT)
		h17th_output_stop_locked(dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * bus_type.dma_configure, like drivers/cdx/cdx.c:cdx_dma_configure() and
 * drivers/base/platform.c:platform_dma_configure(): the sub-devices have
 * no firmware node of their own and inherit the host's; outputs carry a
 * stream id.  Called by dd.c:really_probe() under device_lock(dev).
 */
static int h17th_dma_configure(struct device *dev)
{
	struct h17th_device *thdev = to_h17th_device(dev);
	struct device *host = thdev->th->dev;
	u32 input_id = thdev->req_id;

	if (is_of_node(dev_fwnode(host))) {
		if (thdev->type == H17TH_OUTPUT)
			return of_dma_configure_id(dev, host->of_node, true, &input_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

		return of_dma_configure(dev, host->of_node, true); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	}

	if (has_acpi_companion(host))
		return acpi_dma_configure(dev, device_get_dma_attr(host)); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */

	return 0;
}

const struct bus_type h17th_bus = {
	.name		= "h17th",
	.match		= h17th_match,
	.probe		= h17th_probe,
	.remove		= h17th_remove,
	.dma_configure	= h17th_dma_configure,
};

/* ---- helpers the output drivers call ------------------------------- */

int h17th_output_link(struct h17th_device *thdev)
{
	device_lock_assert(&thdev->dev);

	if (!thdev->th->hub)
		return -ENODEV;

	thdev->busy = false;
	thdev->active = false;

	return 0;
}

/**
 * h17th_output_rebase() - restart an output's trace window at offset 0
 * @thdev: the output device
 *
 * Context: Process context.  The caller holds the device lock of
 * @thdev->dev, which orders this against probe, remove and ->reset.
 */
void h17th_output_rebase(struct h17th_device *thdev)
{
	struct h17th *th = thdev->th;

	th->window &= ~(0xffU << (thdev->id * 8));
}

/* Read and clear the output's window status; safe in hard IRQ context. */
u32 h17th_output_win_status_locked(struct device *dev)
{
	struct h17th_device *thdev = to_h17th_device(dev);
	u32 bit = BIT(thdev->id);
	u32 status = READ_ONCE(thdev->th->global_status);

	WRITE_ONCE(thdev->th->global_status, status & ~bit);

	return status & bit;
}

bool h17th_output_stalled_locked(struct device *dev)
{
	struct h17th_device *thdev = to_h17th_device(dev);

	device_lock_assert(dev);

	return thdev->busy && !(READ_ONCE(thdev->th->window) &
				(0xffU << (thdev->id * 8)));
}

void h17th_output_stop_locked(struct device *dev)
{
	struct h17th_device *thdev = to_h17th_device(dev);

	device_lock_assert(dev);

	thdev->busy = false;
	thdev->active = false;
}

/* host (glue) device helpers: @dev is the host, drvdata is the h17th */
void h17th_host_resync_locked(struct device *dev)
{
	struct h17th *th = dev_get_drvdata(dev);

	device_lock_assert(dev);

	WRITE_ONCE(th->global_status, 0);
	th->window = 0;
}

/**
 * h17th_host_park() - stop all outputs before the host loses power
 * @dev: the host device
 *
 * Context: Must be called with the device lock of @dev held.
 */
void h17th_host_park(struct device *dev)
{
	struct h17th *th = dev_get_drvdata(dev);

	th->mode = 0;
}

/*
 * Lock an output and make sure it is still bound.  Returns 0 with
 * thdev->dev locked, an error with it unlocked (device_lock_interruptible()
 * contract).
 */
int h17th_output_lock(struct h17th_device *thdev)
{
	int ret;

	ret = device_lock_interruptible(&thdev->dev);
	if (ret)
		return ret; /* EXPECT-NONE: lock-imbalance */

	if (!thdev->dev.driver) {
		device_unlock(&thdev->dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	}

	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* Same, and the output must not be busy; the busy check leaks the lock. */
int h17th_output_lock_idle(struct h17th_device *thdev)
{
	int ret;

	ret = device_lock_interruptible(&thdev->dev);
	if (ret)
		return ret;

	if (!thdev->dev.driver) {
		device_unlock(&thdev->dev);
		return -ENODEV;
	}

	if (thdev->busy)
		return -EBUSY; /* EXPECT: lock-imbalance @h17th_idle */

	return 0;
}

/* ---- output device sysfs: no lock held by dev_attr_store() -------- */

static int h17th_output_activate(struct h17th_device *thdev)
{
	struct device_driver *drv = READ_ONCE(thdev->dev.driver);
	struct h17th_driver *thdrv;
	int ret = 0;

	if (!drv)
		return -ENODEV;

	thdrv = to_h17th_driver(drv);
	if (!try_module_get(thdrv->driver.owner))
		return -ENODEV;

	if (thdrv->activate)
		ret = thdrv->activate(thdev);
	if (ret) {
		module_put(thdrv->driver.owner);
		return ret;
	}

	thdev->active = true;

	return 0;
}

static void h17th_output_deactivate(struct h17th_device *thdev)
{
	struct device_driver *drv = READ_ONCE(thdev->dev.driver);
	struct h17th_driver *thdrv;

	if (!drv)
		return;

	thdrv = to_h17th_driver(drv);
	if (thdrv->deactivate)
		thdrv->deactivate(thdev);

	thdev->active = false;
	module_put(thdrv->driver.owner);
}

static ssize_t active_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%d\n", to_h17th_device(dev)->active);
}

static ssize_t active_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t size)
{
	struct h17th_device *thdev = to_h17th_device(dev);
	bool val;
	int ret;

	ret = kstrtobool(buf, &val);
	if (ret)
		return ret;

	if (val != thdev->active) {
		if (val)
			ret = h17th_output_activate(thdev);
		else
			h17th_output_deactivate(thdev);
	}

	return ret ? ret : size;
}
static DEVICE_ATTR_RW(active);

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t size)
{
	struct h17th_device *thdev = to_h17th_device(dev);
	struct h17th_driver *thdrv;

	/* ->reset runs under the device lock, ordered against probe/remove */
	device_lock(dev);
	if (dev->driver) {
		thdrv = to_h17th_driver(dev->driver);
		if (thdrv->reset)
			thdrv->reset(thdev);
	}
	device_unlock(dev);

	return size;
}
static DEVICE_ATTR_WO(reset);

static struct attribute *h17th_output_attrs[] = {
	&dev_attr_active.attr,
	&dev_attr_reset.attr,
	NULL,
};
ATTRIBUTE_GROUPS(h17th_output);

static void h17th_device_release(struct device *dev)
{
	kfree(to_h17th_device(dev));
}

static const struct device_type h17th_source_type = {
	.name		= "h17th_source_device",
	.release	= h17th_device_release,
};

static const struct device_type h17th_output_type = {
	.name		= "h17th_output_device",
	.groups		= h17th_output_groups,
	.release	= h17th_device_release,
};

static const struct device_type h17th_switch_type = {
	.name		= "h17th_switch_device",
	.release	= h17th_device_release,
};

static const struct device_type *h17th_device_type[] = {
	[H17TH_SOURCE]	= &h17th_source_type,
	[H17TH_OUTPUT]	= &h17th_output_type,
	[H17TH_SWITCH]	= &h17th_switch_type,
};

int h17th_driver_register(struct h17th_driver *thdrv)
{
	if (!thdrv->probe || !thdrv->remove)
		return -EINVAL;

	thdrv->driver.bus = &h17th_bus;

	return driver_register(&thdrv->driver);
}

void h17th_driver_unregister(struct h17th_driver *thdrv)
{
	driver_unregister(&thdrv->driver);
}

/* ---- sub-device creation: intel_th_device_alloc()/subdevice_alloc() */

struct h17th_subdevice {
	const char	*name;
	unsigned int	type;
	int		id;
	u32		req_id;
};

static const struct h17th_subdevice h17th_subdevices[] = {
	{ .name = "gth", .type = H17TH_SWITCH, .id = -1 },
	{ .name = "msc", .type = H17TH_OUTPUT, .id = 0, .req_id = 0x10 },
	{ .name = "msc", .type = H17TH_OUTPUT, .id = 1, .req_id = 0x11 },
	{ .name = "sth", .type = H17TH_SOURCE, .id = -1, .req_id = 0x20 },
};

static struct h17th_device *
h17th_device_alloc(struct h17th *th, const struct h17th_subdevice *sub)
{
	struct h17th_device *thdev;
	struct device *parent;

	if (sub->type == H17TH_OUTPUT)
		parent = &th->hub->dev;
	else
		parent = th->dev;

	thdev = kzalloc(struct_size(thdev, name, strlen(sub->name) + 1),
			GFP_KERNEL);
	if (!thdev)
		return NULL;

	thdev->th = th;
	thdev->id = sub->id;
	thdev->type = sub->type;
	thdev->req_id = sub->req_id;
	strcpy(thdev->name, sub->name);

	device_initialize(&thdev->dev);
	thdev->dev.bus = &h17th_bus;
	thdev->dev.type = h17th_device_type[sub->type];
	thdev->dev.parent = parent;
	thdev->dev.dma_mask = parent->dma_mask;
	if (sub->id >= 0)
		dev_set_name(&thdev->dev, "%d-%s%d", th->id, sub->name,
			     sub->id);
	else
		dev_set_name(&thdev->dev, "%d-%s", th->id, sub->name);

	return thdev;
}

static struct h17th_device *
h17th_subdevice_add(struct h17th *th, const struct h17th_subdevice *sub)
{
	struct device_node *np = th->dev->of_node;
	struct h17th_device *thdev;
	int err = 0;

	thdev = h17th_device_alloc(th, sub);
	if (!thdev)
		return ERR_PTR(-ENOMEM);

	if (np && sub->type == H17TH_SOURCE) {
		/*
		 * Software sources often stay without a driver, so the bus
		 * callback may never run for them: configure DMA at creation,
		 * as vchiq_bus.c:vchiq_device_register() and
		 * drivers/bcma/main.c:bcma_of_fill_device() do.
		 */
		err = of_dma_configure(&thdev->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @h17th_src */
	} else if (np && sub->type == H17TH_OUTPUT) {
		/*
		 * The hub programs each output's window before the output
		 * driver binds; lock the new device while its DMA setup is
		 * written (host1x/context.c:host1x_memory_context_list_init()
		 * uses the same stream-id form).
		 */
		device_lock(&thdev->dev);
		err = of_dma_configure_id(&thdev->dev, np, true, &thdev->req_id); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
		device_unlock(&thdev->dev);
	}
	if (err)
		goto fail_put;

	err = device_add(&thdev->dev);
	if (err)
		goto fail_put;

	if (sub->type == H17TH_SWITCH)
		th->hub = thdev;

	return thdev;

fail_put:
	put_device(&thdev->dev);
	return ERR_PTR(err);
}

/* deferred from the threaded handler when the host lock was busy */
static void h17th_resync_work(struct work_struct *work)
{
	struct h17th *th = container_of(work, struct h17th, resync_work);

	h17th_host_resync_locked(th->dev); /* EXPECT: device-lock-required */
}

struct h17th *h17th_alloc(struct device *dev, int irq)
{
	struct h17th_device *thdev;
	struct h17th *th;
	unsigned int i;
	int err;

	th = kzalloc(sizeof(*th), GFP_KERNEL);
	if (!th)
		return ERR_PTR(-ENOMEM);

	th->id = ida_alloc(&h17th_ida, GFP_KERNEL);
	if (th->id < 0) {
		err = th->id;
		kfree(th);
		return ERR_PTR(err);
	}

	th->dev = dev;
	th->irq = irq;
	INIT_WORK(&th->resync_work, h17th_resync_work);
	dev_set_drvdata(dev, th);

	for (i = 0; i < ARRAY_SIZE(h17th_subdevices); i++) {
		thdev = h17th_subdevice_add(th, &h17th_subdevices[i]); /* EXPECT: device-lock-required @h17th_src */
		if (IS_ERR(thdev)) {
			err = PTR_ERR(thdev);
			goto fail;
		}
		th->thdev[th->num_thdevs++] = thdev;
	}

	return th;

fail:
	h17th_free(th);
	return ERR_PTR(err);
}

void h17th_free(struct h17th *th)
{
	int i;

	for (i = th->num_thdevs - 1; i >= 0; i--) {
		device_unregister(&th->thdev[i]->dev);
		th->thdev[i] = NULL;
	}
	th->num_thdevs = 0;
	th->hub = NULL;

	cancel_work_sync(&th->resync_work);
	ida_free(&h17th_ida, th->id);
	kfree(th);
}

/*
 * Hard IRQ handler, like intel_th core.c:intel_th_irq(): no lock held;
 * hands each bound output to its driver's ->irq.
 */
irqreturn_t h17th_irq(int irq, void *data)
{
	struct h17th *th = data;
	irqreturn_t ret = IRQ_NONE;
	struct device_driver *drv;
	unsigned int i;

	for (i = 0; i < th->num_thdevs; i++) {
		struct h17th_device *thdev = th->thdev[i];
		struct h17th_driver *thdrv;

		if (thdev->type != H17TH_OUTPUT)
			continue;

		drv = READ_ONCE(thdev->dev.driver);
		if (!drv)
			continue;

		thdrv = to_h17th_driver(drv);
		if (thdrv->irq)
			ret |= thdrv->irq(thdev);
	}

	if (READ_ONCE(th->global_status) & BIT(31))
		return IRQ_WAKE_THREAD;

	return ret;
}

/* Threaded handler: irq_thread(), no device lock held on entry. */
irqreturn_t h17th_irq_thread(int irq, void *data)
{
	struct h17th *th = data;

	if (!device_trylock(th->dev)) {
		schedule_work(&th->resync_work);
		return IRQ_HANDLED;
	}

	h17th_host_resync_locked(th->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(th->dev);

	return IRQ_HANDLED;
}

/* ---- bus notifier -------------------------------------------------- */

static int h17th_bus_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct device *dev = data;
	struct h17th_device *thdev = to_h17th_device(dev);

	if (thdev->type != H17TH_OUTPUT)
		return NOTIFY_DONE;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		/* from core.c:device_add(): the new device is not locked */
		h17th_output_stop_locked(dev); /* EXPECT: device-lock-required */
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		/* from dd.c:driver_bound() inside really_probe(): locked */
		if (h17th_output_stalled_locked(dev)) /* EXPECT-NONE: device-lock-required */
			dev_warn(dev, "bound while a capture was pending\n");
		break;
	default:
		break;
	}

	return NOTIFY_DONE;
}

static struct notifier_block h17th_bus_nb = {
	.notifier_call = h17th_bus_notify,
};

int h17th_bus_notifier_init(void)
{
	return bus_register_notifier(&h17th_bus, &h17th_bus_nb);
}

void h17th_bus_notifier_exit(void)
{
	bus_unregister_notifier(&h17th_bus, &h17th_bus_nb);
}
