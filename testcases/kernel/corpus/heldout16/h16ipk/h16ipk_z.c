// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16ipk_z.c - the IP-module driver, a real struct ipack_driver after
 * drivers/ipack/devices/ipoctal.c, with its sysfs, debugfs and works.
 *
 * ipack_driver_ops slots: ->probe is called by
 * drivers/ipack/ipack.c:ipack_bus_probe (bus_type.probe), ->remove by
 * ipack_bus_remove (bus_type.remove); the driver core holds
 * device_lock(&idev->dev) around both (drivers/base/dd.c:really_probe,
 * __device_release_driver).  The carrier (idev->bus->parent) is NOT locked
 * by the core for them: ipack devices have no need_parent_lock type.  (This
 * module registers the ipack driver after its carriers, so these probes
 * run from driver_attach(), not nested in a carrier's probe; in any case
 * the core guarantees only the slot's lock.)
 * sysfs show/store (drivers/base/core.c:dev_attr_store), debugfs
 * simple-attribute setters and works run with no device lock held.
 */
#include <linux/debugfs.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "h16ipk.h"

#define h16ipk_to_ipack_dev(d) container_of(d, struct ipack_device, dev)

/* --- works reading the carrier back from the private struct ----------- */

/* Work: nothing held.  mod->carrier_dev was stored by h16ipk_mod_probe. */
static void h16ipk_mod_quiesce_work(struct work_struct *work)
{
	struct h16ipk_mod *mod = container_of(work, struct h16ipk_mod,
					      quiesce_work);
	struct device *cdev = mod->carrier_dev;

	h16ipk_dev_quiesce(cdev); /* EXPECT: device-lock-required */
	mod->idev->bus->ops->reset_timeout(mod->idev);
}

static void h16ipk_mod_quiesce_sync_work(struct work_struct *work)
{
	struct h16ipk_mod *mod = container_of(work, struct h16ipk_mod,
					      quiesce_sync_work);
	struct device *cdev = mod->carrier_dev;

	device_lock(cdev);
	h16ipk_dev_quiesce(cdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(cdev);
}

/* IP-module interrupt, called from the carrier's hard IRQ (ipoctal_irq_handler). */
static irqreturn_t h16ipk_mod_irq(void *arg)
{
	struct h16ipk_mod *mod = arg;

	if (mod->remap)
		schedule_work(&mod->quiesce_sync_work);
	else
		schedule_work(&mod->quiesce_work);
	return IRQ_HANDLED;
}

/* --- sysfs ------------------------------------------------------------ */

static ssize_t slot_reset_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct ipack_device *idev = h16ipk_to_ipack_dev(dev);
	bool reset;
	int ret;

	ret = kstrtobool(buf, &reset);
	if (ret || !reset)
		return ret ?: count;

	ret = h16ipk_slot_reset_locked(idev); /* EXPECT: device-lock-required */
	return ret ?: count;
}
static DEVICE_ATTR_WO(slot_reset);

/* Shape: drivers/usb/core/sysfs.c:supports_autosuspend_show. */
static ssize_t slot_reset_sync_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t count)
{
	struct ipack_device *idev = h16ipk_to_ipack_dev(dev);
	bool reset;
	int ret;

	ret = kstrtobool(buf, &reset);
	if (ret || !reset)
		return ret ?: count;

	ret = device_lock_interruptible(dev);
	if (ret < 0)
		return -EINTR;
	ret = h16ipk_slot_reset_locked(idev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ?: count;
}
static DEVICE_ATTR_WO(slot_reset_sync);

static ssize_t clock_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct ipack_device *idev = h16ipk_to_ipack_dev(dev);
	int mhz, ret;

	ret = kstrtoint(buf, 0, &mhz);
	if (ret)
		return ret;
	ret = idev->bus->ops->set_clockrate(idev, mhz);
	return ret ?: count;
}
static DEVICE_ATTR_WO(clock);

/*
 * "window" and "remap" both flip mod->remap under the slot's lock.  The
 * first drops the lock on its error path and then again at "out".
 * Shape of the error path: drivers/ipack/carriers/tpci200.c:tpci200_request_irq (goto out_unlock).
 */
static ssize_t window_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct h16ipk_mod *mod;
	bool val;
	ssize_t ret = count;

	if (kstrtobool(buf, &val))
		return -EINVAL;

	device_lock(dev);
	mod = dev_get_drvdata(dev);
	if (!dev->driver || !mod) {
		device_unlock(dev);
		ret = -ENODEV;
		goto out;
	}
	mod->remap = val;
out:
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return ret;
}
static DEVICE_ATTR_WO(window);

static ssize_t remap_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct h16ipk_mod *mod;
	bool val;
	ssize_t ret = count;

	if (kstrtobool(buf, &val))
		return -EINVAL;

	device_lock(dev);
	mod = dev_get_drvdata(dev);
	if (!dev->driver || !mod) {
		ret = -ENODEV;
		goto out_unlock;
	}
	mod->remap = val;
out_unlock:
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return ret;
}
static DEVICE_ATTR_WO(remap);

static struct attribute *h16ipk_mod_attrs[] = {
	&dev_attr_slot_reset.attr,
	&dev_attr_slot_reset_sync.attr,
	&dev_attr_clock.attr,
	&dev_attr_window.attr,
	&dev_attr_remap.attr,
	NULL
};
ATTRIBUTE_GROUPS(h16ipk_mod);

/* --- slot walks (called from debugfs) ---------------------------------- */

/*
 * Lock every bound slot of a carrier in turn.  The early exit for an
 * unbound slot leaves that slot locked.
 */
int h16ipk_mod_sync_slots(struct h16ipk_carrier *c)
{
	unsigned int i;

	for (i = 0; i < H16IPK_NB_SLOT; i++) {
		struct ipack_device *idev = c->slots[i];

		if (!idev)
			continue;
		device_lock(&idev->dev);
		if (!idev->dev.driver)
			return -ENODEV; /* EXPECT: lock-imbalance */
		idev->speed_32mhz = (c->mode & BIT(i + 8)) ? 1 : 0;
		device_unlock(&idev->dev);
	}
	return 0;
}

int h16ipk_mod_count_bound(struct h16ipk_carrier *c)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < H16IPK_NB_SLOT; i++) {
		struct ipack_device *idev = c->slots[i];

		if (!idev)
			continue;
		device_lock(&idev->dev);
		if (!idev->dev.driver) {
			device_unlock(&idev->dev);
			return -ENODEV; /* EXPECT-NONE: lock-imbalance */
		}
		n++;
		device_unlock(&idev->dev);
	}
	return n;
}

/* --- debugfs ----------------------------------------------------------- */

/*
 * debugfs setter (simple_attr_write): no device lock.  Re-points the
 * module's own, already probed slot at the carrier's node, the way
 * drivers/gpu/drm/vc4/vc4_drv.c:vc4_drm_bind re-points its device.
 */
static int h16ipk_dbg_remap_set(void *data, u64 val)
{
	struct h16ipk_mod *mod = data;
	struct device *dev = &mod->idev->dev;
	struct device_node *np = mod->idev->bus->parent->of_node;

	if (!val)
		return 0;
	return of_dma_configure(dev, np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
}
DEFINE_DEBUGFS_ATTRIBUTE(h16ipk_dbg_remap_fops, NULL, h16ipk_dbg_remap_set,
			 "%llu\n");

static int h16ipk_dbg_sync_get(void *data, u64 *val)
{
	struct h16ipk_mod *mod = data;
	int n = h16ipk_mod_count_bound(h16ipk_slot_to_carrier(mod->idev));

	*val = n < 0 ? 0 : n;
	return 0;
}

static int h16ipk_dbg_sync_set(void *data, u64 val)
{
	struct h16ipk_mod *mod = data;

	return h16ipk_mod_sync_slots(h16ipk_slot_to_carrier(mod->idev));
}
DEFINE_DEBUGFS_ATTRIBUTE(h16ipk_dbg_sync_fops, h16ipk_dbg_sync_get,
			 h16ipk_dbg_sync_set, "%llu\n");

/* --- ipack_driver ------------------------------------------------------ */

/*
 * ->probe (device_lock(&idev->dev) held; the carrier's is not).
 * Shape: drivers/ipack/devices/ipoctal.c:ipoctal_probe; pointing the carrier's DMA at the
 * module's window follows drivers/gpu/drm/sun4i/sun8i_mixer.c:sun8i_mixer_bind
 * (of_dma_configure() on a device owned by someone else).
 */
static int h16ipk_mod_probe(struct ipack_device *idev)
{
	struct device *carrier = idev->bus->parent;
	struct device_node *np;
	struct h16ipk_mod *mod;
	int ret;

	mod = devm_kzalloc(&idev->dev, sizeof(*mod), GFP_KERNEL);
	if (!mod)
		return -ENOMEM;

	mod->idev = idev;
	mod->carrier_dev = carrier;
	INIT_WORK(&mod->quiesce_work, h16ipk_mod_quiesce_work);
	INIT_WORK(&mod->quiesce_sync_work, h16ipk_mod_quiesce_sync_work);
	dev_set_drvdata(&idev->dev, mod);

	np = of_parse_phandle(carrier->of_node, "h16,module-window", idev->slot);
	if (np) {
		ret = of_dma_configure(carrier, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		of_node_put(np);
		if (ret)
			return ret;
		mod->remap = true;
	}

	ret = idev->bus->ops->request_irq(idev, h16ipk_mod_irq, mod);
	if (ret)
		return ret;

	mod->dbg = debugfs_create_dir(dev_name(&idev->dev), NULL);
	debugfs_create_file_unsafe("remap", 0200, mod->dbg, mod,
				   &h16ipk_dbg_remap_fops);
	debugfs_create_file_unsafe("sync", 0600, mod->dbg, mod,
				   &h16ipk_dbg_sync_fops);
	return 0;
}

/* ->remove (device_lock(&idev->dev) held).  Shape: drivers/ipack/devices/ipoctal.c:__ipoctal_remove. */
static void h16ipk_mod_remove(struct ipack_device *idev)
{
	struct h16ipk_mod *mod = dev_get_drvdata(&idev->dev);
	struct device *d = &idev->dev;
	struct ipack_device *same = h16ipk_to_ipack_dev(d);

	debugfs_remove_recursive(mod->dbg);
	idev->bus->ops->free_irq(idev);
	cancel_work_sync(&mod->quiesce_work);
	cancel_work_sync(&mod->quiesce_sync_work);
	h16ipk_slot_reset_locked(same); /* EXPECT-NONE: device-lock-required */
}

static const struct ipack_device_id h16ipk_mod_ids[] = {
	{ IPACK_DEVICE(IPACK_ID_VERSION_1, IPACK1_VENDOR_ID_SBS,
		       IPACK1_DEVICE_ID_SBS_OCTAL_232) },
	{ IPACK_DEVICE(IPACK_ID_VERSION_1, IPACK1_VENDOR_ID_SBS,
		       IPACK1_DEVICE_ID_SBS_OCTAL_422) },
	{ 0, },
};
MODULE_DEVICE_TABLE(ipack, h16ipk_mod_ids);

static const struct ipack_driver_ops h16ipk_mod_ops = {
	.probe	= h16ipk_mod_probe,
	.remove	= h16ipk_mod_remove,
};

struct ipack_driver h16ipk_mod_driver = {
	.driver = {
		.dev_groups = h16ipk_mod_groups,
	},
	.ops		= &h16ipk_mod_ops,
	.id_table	= h16ipk_mod_ids,
};
