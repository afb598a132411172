// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdwx: SoundWire peripheral driver.  probe/remove/shutdown are called by
 * sdw_drv_probe()/sdw_drv_remove()/sdw_drv_shutdown() (drivers/soundwire/
 * bus_type.c) from the driver core with device_lock(&slave->dev) held;
 * interrupt_callback runs from the manager's alert handling under
 * slave->sdw_dev_lock only, so it defers to work items.
 */
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>
#include <linux/soundwire/sdw.h>
#include <linux/soundwire/sdw_type.h>

#include "sdwx.h"

static struct device_node *sdwx_manager_node(struct sdw_slave *slave)
{
	return slave->bus->dev->of_node;
}

/* ---- work items: entered without any device lock ---------------------- */

static void sdwx_irq_work(struct work_struct *work)
{
	struct sdwx_priv *priv = container_of(work, struct sdwx_priv, irq_work);
	struct sdw_slave *slave = priv->slave;

	sdwx_apply_prop(slave); /* EXPECT: device-lock-required */
}

static void sdwx_rebind_work(struct work_struct *work)
{
	struct sdwx_priv *priv = container_of(work, struct sdwx_priv, rebind_work);
	struct sdw_slave *slave = priv->slave;
	struct device *d = &slave->dev;

	if (sdwx_slave_lock(slave))
		return;
	sdwx_apply_prop(slave); /* EXPECT-NONE: device-lock-required */
	sdwx_slave_unlock(slave);

	if (sdwx_dsp_reconfigure(priv))
		dev_dbg(d, "no DSP to reconfigure\n");
}

/* Another peripheral on the same link, found by name on sdw_bus_type. */
static void sdwx_peer_work(struct work_struct *work)
{
	struct sdwx_priv *priv = container_of(to_delayed_work(work),
					      struct sdwx_priv, peer_work);
	struct device_node *np = priv->slave->dev.of_node;
	struct device *peer;

	peer = bus_find_device_by_name(&sdw_bus_type, NULL, priv->peer_name);
	if (!peer)
		return;

	of_dma_configure(peer, np, true); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT: device-lock-required */

	device_lock(peer);
	of_dma_configure(peer, np, true); /* EXPECT: dma-configure-outside-bus foreign-device */ /* EXPECT-NONE: device-lock-required */
	device_unlock(peer);

	put_device(peer);
}

/* ---- sysfs: store/show are entered without the device lock ------------ */

static ssize_t rebind_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct sdw_slave *slave = dev_to_sdw_dev(dev);
	unsigned int v;
	int ret;

	ret = kstrtouint(buf, 0, &v);
	if (ret)
		goto out_unlock;

	device_lock(dev);
	ret = sdwx_dma_rebind(slave, sdwx_manager_node(slave)); /* EXPECT-NONE: device-lock-required */
out_unlock:
	device_unlock(dev); /* EXPECT: lock-imbalance */

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(rebind);

static ssize_t reprobe_dma_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t count)
{
	struct sdw_slave *slave = dev_to_sdw_dev(dev);
	unsigned int v;
	int ret;

	ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;

	if (!device_trylock(dev))
		return -EBUSY;
	ret = sdwx_dma_rebind(slave, sdwx_manager_node(slave)); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */

	if (ret)
		return ret;

	ret = sdwx_dma_rebind(slave, sdwx_manager_node(slave)); /* EXPECT: device-lock-required */

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(reprobe_dma);

static ssize_t dev_num_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	u16 num;
	int ret;

	ret = sdwx_slave_devnum(dev_to_sdw_dev(dev), &num);
	if (ret)
		return ret;

	return sysfs_emit(buf, "%u\n", num);
}
static DEVICE_ATTR_RO(dev_num);

static ssize_t link_status_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	enum sdw_slave_status st;
	int ret;

	ret = sdwx_slave_status(dev_to_sdw_dev(dev), &st);
	if (ret)
		return ret;

	return sysfs_emit(buf, "%d\n", st);
}
static DEVICE_ATTR_RO(link_status);

static struct attribute *sdwx_attrs[] = {
	&dev_attr_rebind.attr,
	&dev_attr_reprobe_dma.attr,
	&dev_attr_dev_num.attr,
	&dev_attr_link_status.attr,
	NULL,
};

static const struct attribute_group sdwx_group = {
	.name = "sdwx",
	.attrs = sdwx_attrs,
};

/* ---- sdw_slave_ops ----------------------------------------------------- */

static int sdwx_interrupt(struct sdw_slave *slave,
			  struct sdw_slave_intr_status *status)
{
	struct sdwx_priv *priv = dev_get_drvdata(&slave->dev);

	if (status->control_port)
		schedule_work(&priv->irq_work);
	else
		schedule_work(&priv->rebind_work);

	return 0;
}

static const struct sdw_slave_ops sdwx_slave_ops = {
	.interrupt_callback = sdwx_interrupt,
};

/* ---- driver callbacks: entered with device_lock(&slave->dev) held ------ */

static int sdwx_probe(struct sdw_slave *slave, const struct sdw_device_id *id)
{
	struct device *dev = &slave->dev;
	struct sdwx_priv *priv;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->slave = slave;
	mutex_init(&priv->state_lock);
	INIT_WORK(&priv->irq_work, sdwx_irq_work);
	INIT_WORK(&priv->rebind_work, sdwx_rebind_work);
	INIT_DELAYED_WORK(&priv->peer_work, sdwx_peer_work);
	snprintf(priv->peer_name, sizeof(priv->peer_name), "sdw:%01x:%01x:%04x:%04x:%02x",
		 slave->bus->controller_id, slave->bus->link_id,
		 slave->id.mfg_id, slave->id.part_id, slave->id.unique_id + 1);
	dev_set_drvdata(dev, priv);

	/* Re-point our own device at the manager's DMA description. */
	ret = of_dma_configure(dev, sdwx_manager_node(slave), true); /* EXPECT: dma-configure-outside-bus probed-device */ /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	sdwx_apply_prop(slave); /* EXPECT-NONE: device-lock-required */

	ret = sdwx_port_register(priv);
	if (ret)
		return ret;

	ret = sdwx_dsp_create(priv);
	if (ret)
		goto err_port;

	ret = sysfs_create_group(&dev->kobj, &sdwx_group);
	if (ret)
		goto err_dsp;

	schedule_delayed_work(&priv->peer_work, HZ);
	return 0;

err_dsp:
	sdwx_dsp_destroy(priv);
err_port:
	sdwx_port_unregister(priv);
	return ret;
}

static int sdwx_remove(struct sdw_slave *slave)
{
	struct sdwx_priv *priv = dev_get_drvdata(&slave->dev);

	sysfs_remove_group(&slave->dev.kobj, &sdwx_group);
	cancel_delayed_work_sync(&priv->peer_work);
	cancel_work_sync(&priv->irq_work);
	cancel_work_sync(&priv->rebind_work);

	sdwx_stream_reset_locked(slave); /* EXPECT-NONE: device-lock-required */

	if (priv->port) {
		guard(device)(&priv->port->dev); /* EXPECT-NONE: lock-imbalance */
		priv->port->num = 0;
	}

	sdwx_dsp_destroy(priv);
	sdwx_port_unregister(priv);

	return 0;
}

static void sdwx_shutdown(struct sdw_slave *slave)
{
	struct sdwx_priv *priv = dev_get_drvdata(&slave->dev);

	guard(device)(&slave->dev); /* EXPECT: lock-imbalance */
	if (priv)
		priv->hw_init = false;
}

static const struct sdw_device_id sdwx_id[] = {
	SDW_SLAVE_ENTRY(0x01fa, 0x4e42, 0),
	{},
};
MODULE_DEVICE_TABLE(sdw, sdwx_id);

static struct sdw_driver sdwx_driver = {
	.driver = {
		.name = "sdwx",
	},
	.probe = sdwx_probe,
	.remove = sdwx_remove,
	.shutdown = sdwx_shutdown,
	.ops = &sdwx_slave_ops,
	.id_table = sdwx_id,
};

static int __init sdwx_init(void)
{
	int ret;

	ret = sdwx_port_bus_init();
	if (ret)
		return ret;

	ret = sdw_register_driver(&sdwx_driver);
	if (ret)
		sdwx_port_bus_exit();

	return ret;
}
module_init(sdwx_init);

static void __exit sdwx_exit(void)
{
	sdw_unregister_driver(&sdwx_driver);
	sdwx_port_bus_exit();
}
module_exit(sdwx_exit);

MODULE_DESCRIPTION("heldout14: SoundWire peripheral with port bus");
MODULE_LICENSE("GPL");
