// SPDX-License-Identifier: GPL-2.0-only
/*
 * fslmcx - DPAA2 switch-like object driver
 *
 * Binds to the switch object on the fsl-mc bus, creates one child device
 * per port and follows the DPMAC objects connected to the ports.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fsl/mc.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "fslmcx.h"

static bool early_dma;
module_param(early_dma, bool, 0444);
MODULE_PARM_DESC(early_dma, "Set up port DMA before the port driver binds");

static struct fslmcx_sw *fslmcx_to_sw(struct device *dev)
{
	return dev_get_drvdata(dev);
}

/* ---- sysfs on the switch object ---- */

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct fsl_mc_device *mc_dev = to_fsl_mc_device(dev);
	bool val;
	int err;

	if (kstrtobool(buf, &val))
		return -EINVAL;
	if (!val)
		return count;

	err = fslmcx_obj_reset_locked(mc_dev);	/* EXPECT: device-lock-required */
	return err ? err : count;
}
static DEVICE_ATTR_WO(reset);

static ssize_t relink_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct fsl_mc_device *mc_dev = to_fsl_mc_device(dev);
	bool val;
	int err = 0;

	if (kstrtobool(buf, &val))
		return -EINVAL;
	if (!val)
		return count;

	scoped_guard(device, dev) {
		err = fslmcx_obj_reset_locked(mc_dev);	/* EXPECT-NONE: device-lock-required */
		if (!err)
			err = device_for_each_child(dev, NULL,
						    fslmcx_port_resync_one);
	}

	return err ? err : count;
}
static DEVICE_ATTR_WO(relink);

static ssize_t ports_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct fslmcx_sw *sw;
	ssize_t len;
	int ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;			/* EXPECT-NONE: lock-imbalance */

	sw = fslmcx_to_sw(dev);
	if (!sw)
		return -ENODEV;			/* EXPECT: lock-imbalance */

	len = sysfs_emit(buf, "%u\n", sw->num_ports);
	device_unlock(dev);
	return len;
}
static DEVICE_ATTR_RO(ports);

static ssize_t endpoints_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct fslmcx_sw *sw;
	ssize_t len = 0;
	int i, ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	sw = fslmcx_to_sw(dev);
	if (!sw) {
		len = -ENODEV;
		goto out_unlock;
	}

	for (i = 0; i < sw->num_ports; i++)
		len += sysfs_emit_at(buf, len, "%s%s", i ? " " : "",
				     sw->ports[i]->ep ?
				     dev_name(&sw->ports[i]->ep->dev) : "-");
	len += sysfs_emit_at(buf, len, "\n");

out_unlock:
	device_unlock(dev);
	return len;				/* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_RO(endpoints);

static int fslmcx_repoint_dma(struct fsl_mc_device *mc_dev, const char *buf)
{
	struct device_node *np;
	u32 icid = mc_dev->icid;
	int err;

	np = of_find_node_by_path(buf);
	if (!np)
		return -ENOENT;

	err = of_dma_configure_id(&mc_dev->dev, np, true, &icid);	/* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT: device-lock-required @fslmcx_repoint */
	of_node_put(np);
	return err;
}

static ssize_t dma_node_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	char path[64];
	int err;

	if (strscpy(path, buf, sizeof(path)) < 0)
		return -EINVAL;

	err = fslmcx_repoint_dma(to_fsl_mc_device(dev), strim(path));	/* EXPECT: device-lock-required @fslmcx_repoint */
	return err ? err : count;
}
static DEVICE_ATTR_WO(dma_node);

static ssize_t dma_default_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t count)
{
	struct fsl_mc_device *mc_dev = to_fsl_mc_device(dev);
	struct device_node *np;
	u32 icid = mc_dev->icid;
	bool val;
	int err;

	if (kstrtobool(buf, &val) || !val)
		return -EINVAL;

	np = of_find_compatible_node(NULL, NULL, "fsl,qoriq-mc");
	if (!np)
		return -ENODEV;

	guard(device)(dev);
	err = of_dma_configure_id(dev, np, true, &icid);	/* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
	of_node_put(np);
	return err ? err : count;
}
static DEVICE_ATTR_WO(dma_default);

static struct attribute *fslmcx_attrs[] = {
	&dev_attr_reset.attr,
	&dev_attr_relink.attr,
	&dev_attr_ports.attr,
	&dev_attr_endpoints.attr,
	&dev_attr_dma_node.attr,
	&dev_attr_dma_default.attr,
	NULL
};
ATTRIBUTE_GROUPS(fslmcx);

/* ---- walks over the fsl-mc bus ---- */

/* bus_for_each_dev() holds a reference on each device, not its lock. */
static int fslmcx_reset_dpmac(struct device *dev, void *data)
{
	struct fsl_mc_device *mc_dev = to_fsl_mc_device(dev);

	if (!is_fsl_mc_bus_dpmac(mc_dev) || dev->parent != data)
		return 0;

	return fslmcx_obj_reset_locked(mc_dev);	/* EXPECT: device-lock-required */
}

static int fslmcx_reset_dpmac_sync(struct device *dev, void *data)
{
	struct fsl_mc_device *mc_dev = to_fsl_mc_device(dev);
	int err;

	if (!is_fsl_mc_bus_dpmac(mc_dev) || dev->parent != data)
		return 0;

	if (fslmcx_lock_obj(mc_dev, true))
		return 0;

	err = fslmcx_obj_reset_locked(mc_dev);	/* EXPECT-NONE: device-lock-required */
	device_unlock(dev);			/* EXPECT-NONE: lock-imbalance */
	return err;
}

/* ---- fsl-mc bus notifier: follow the DPMACs of our container ---- */

static int fslmcx_bus_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct fslmcx_sw *sw = container_of(nb, struct fslmcx_sw, nb);
	struct device *dev = data;
	struct fsl_mc_device *mc_dev = to_fsl_mc_device(dev);
	struct device *cont = sw->mc_dev->dev.parent;
	u32 icid = mc_dev->icid;

	if (dev->parent != cont || !is_fsl_mc_bus_dpmac(mc_dev))
		return NOTIFY_DONE;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		/* sent from device_add(), no device lock held */
		if (sw->flags & FSLMCX_F_EP_DMA)
			of_dma_configure_id(dev, cont->parent->of_node, true, &icid);	/* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required */
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		/* driver_bound() runs from really_probe() under the device lock */
		fslmcx_obj_reset_locked(mc_dev);	/* EXPECT-NONE: device-lock-required */
		break;
	case BUS_NOTIFY_UNBIND_DRIVER:
		/* __device_release_driver() holds the device lock */
		if (sw->flags & FSLMCX_F_EP_DMA)
			of_dma_configure_id(dev, cont->parent->of_node, true, &icid);	/* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		/* device_del() drops the device lock before this event */
		fslmcx_obj_reset_locked(mc_dev);	/* EXPECT: device-lock-required */
		schedule_work(&sw->reset_work);
		break;
	}

	return NOTIFY_OK;
}

/* ---- deferred container work ---- */

static void fslmcx_reset_work(struct work_struct *work)
{
	struct fslmcx_sw *sw = container_of(work, struct fslmcx_sw, reset_work);
	struct fsl_mc_device *cont;
	int err;

	cont = fslmcx_lock_container(sw->mc_dev);
	if (IS_ERR(cont)) {
		if (PTR_ERR(cont) == -EBUSY)
			schedule_work(work);
		return;
	}

	err = fslmcx_cont_rescan_locked(cont);
	if (err) {
		dev_warn(&sw->mc_dev->dev, "container rescan failed: %d\n", err);
		return;				/* EXPECT: lock-imbalance */
	}

	bus_for_each_dev(&fsl_mc_bus_type, NULL, &cont->dev, fslmcx_reset_dpmac);
	fslmcx_unlock_container(cont);
}

static void fslmcx_rescan_work(struct work_struct *work)
{
	struct fslmcx_sw *sw = container_of(work, struct fslmcx_sw,
					    rescan_work);
	struct fsl_mc_device *cont;
	int err;

	cont = fslmcx_lock_container(sw->mc_dev);
	if (IS_ERR(cont)) {
		if (PTR_ERR(cont) == -EBUSY)
			schedule_work(work);
		return;
	}

	err = fslmcx_cont_rescan_locked(cont);	/* EXPECT-NONE: device-lock-required */
	if (err) {
		dev_warn(&sw->mc_dev->dev, "container rescan failed: %d\n", err);
		goto out_unlock;
	}

	bus_for_each_dev(&fsl_mc_bus_type, NULL, &cont->dev,
			 fslmcx_reset_dpmac_sync);
out_unlock:
	fslmcx_unlock_container(cont);
	return;					/* EXPECT-NONE: lock-imbalance */
}

/* ---- devres actions, run at unbind ---- */

/* devres is released by __device_release_driver() with the device lock held */
static void fslmcx_close_action(void *data)
{
	struct fsl_mc_device *mc_dev = data;

	fslmcx_obj_reset_locked(mc_dev);	/* EXPECT-NONE: device-lock-required */
	fsl_mc_obj_close(mc_dev->mc_io, 0, mc_dev->mc_handle);
	fsl_mc_portal_free(mc_dev->mc_io);
	mc_dev->mc_io = NULL;
}

/* only the switch's lock is held here, not the port's */
static void fslmcx_port_down_action(void *data)
{
	struct fslmcx_port *port = data;

	port->link_up = false;
	fslmcx_port_sync_locked(port);	/* EXPECT: device-lock-required */
}

static void fslmcx_port_destroy_action(void *data)
{
	fslmcx_port_destroy(data);
}

/* ---- fsl-mc driver ---- */

static int fslmcx_probe(struct fsl_mc_device *mc_dev)
{
	struct device *dev = &mc_dev->dev;
	struct device_node *np;
	struct fslmcx_sw *sw;
	u32 icid;
	int err, i;

	sw = devm_kzalloc(dev, sizeof(*sw), GFP_KERNEL);
	if (!sw)
		return -ENOMEM;

	sw->mc_dev = mc_dev;
	sw->num_ports = min_t(u16, mc_dev->obj_desc.irq_count, FSLMCX_MAX_PORTS);
	if (early_dma)
		sw->flags |= FSLMCX_F_EARLY_DMA;
	INIT_WORK(&sw->reset_work, fslmcx_reset_work);
	INIT_WORK(&sw->rescan_work, fslmcx_rescan_work);
	dev_set_drvdata(dev, sw);

	err = fsl_mc_portal_allocate(mc_dev, 0, &mc_dev->mc_io);
	if (err)
		return err == -ENXIO ? -EPROBE_DEFER : err;

	err = fsl_mc_obj_open(mc_dev->mc_io, 0, mc_dev->obj_desc.id,
			      mc_dev->obj_desc.type, &mc_dev->mc_handle);
	if (err) {
		fsl_mc_portal_free(mc_dev->mc_io);
		mc_dev->mc_io = NULL;
		return err;
	}

	err = devm_add_action_or_reset(dev, fslmcx_close_action, mc_dev);
	if (err)
		return err;

	err = fslmcx_obj_reset_locked(mc_dev);	/* EXPECT-NONE: device-lock-required */
	if (err)
		return err;

	/* The switch's own queues live behind a separate stream table. */
	np = of_find_compatible_node(NULL, NULL, "fsl,qoriq-mc-dpsw-dma");
	if (np) {
		icid = mc_dev->icid;
		err = of_dma_configure_id(dev, np, true, &icid);	/* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
		of_node_put(np);
		if (err)
			return err;
		sw->flags |= FSLMCX_F_EP_DMA;
	}

	for (i = 0; i < sw->num_ports; i++) {
		struct fslmcx_port *port = fslmcx_port_create(sw, i);

		if (IS_ERR(port))
			return PTR_ERR(port);

		err = devm_add_action_or_reset(dev, fslmcx_port_destroy_action,
					       port);
		if (err)
			return err;
		sw->ports[i] = port;

		err = fslmcx_port_connect(port);
		if (err)
			return err;

		err = devm_add_action(dev, fslmcx_port_down_action, port);
		if (err)
			return err;
	}

	sw->nb.notifier_call = fslmcx_bus_notify;
	err = bus_register_notifier(&fsl_mc_bus_type, &sw->nb);
	if (err)
		return err;

	schedule_work(&sw->rescan_work);
	return 0;
}

static void fslmcx_remove(struct fsl_mc_device *mc_dev)
{
	struct fslmcx_sw *sw = dev_get_drvdata(&mc_dev->dev);

	bus_unregister_notifier(&fsl_mc_bus_type, &sw->nb);
	cancel_work_sync(&sw->reset_work);
	cancel_work_sync(&sw->rescan_work);

	device_for_each_child(&mc_dev->dev, NULL, fslmcx_port_quiesce_one);
}

static const struct fsl_mc_device_id fslmcx_match_id_table[] = {
	{
		.vendor = FSL_MC_VENDOR_FREESCALE,
		.obj_type = "dpsw",
	},
	{ .vendor = 0x0 }
};
MODULE_DEVICE_TABLE(fslmc, fslmcx_match_id_table);

static struct fsl_mc_driver fslmcx_driver = {
	.driver = {
		.name		= "fslmcx",
		.dev_groups	= fslmcx_groups,
	},
	.probe		= fslmcx_probe,
	.remove		= fslmcx_remove,
	.match_id_table	= fslmcx_match_id_table,
};

static int __init fslmcx_init(void)
{
	int err;

	err = fslmcx_port_bus_init();
	if (err)
		return err;

	err = fsl_mc_driver_register(&fslmcx_driver);
	if (err)
		fslmcx_port_bus_exit();

	return err;
}
module_init(fslmcx_init);

static void __exit fslmcx_exit(void)
{
	fsl_mc_driver_unregister(&fslmcx_driver);
	fslmcx_port_bus_exit();
}
module_exit(fslmcx_exit);

MODULE_DESCRIPTION("DPAA2 switch-like object driver with port devices");
MODULE_LICENSE("GPL");
