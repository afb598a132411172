// SPDX-License-Identifier: GPL-2.0-only
/*
 * dflx - per-channel child devices and the dflx-chan bus
 */
#include <linux/acpi.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/dfl.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pci.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "dflx.h"

/* The PCI function the FPGA sits behind masters all DMA. */
struct device *dflx_dma_host(struct dfl_device *ddev)
{
	struct device *dev = &ddev->dev;

	while (dev && !dev_is_pci(dev))
		dev = dev->parent;

	return dev ? dev : &ddev->dev;
}

static int dflx_chan_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

static int dflx_chan_dma_configure(struct device *dev)
{
	struct dflx_chan *chan = to_dflx_chan(dev);
	struct device *host = dflx_dma_host(chan->priv->ddev);

	if (dev_of_node(host))
		return of_dma_configure(dev, host->of_node, true);	/* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */

	return acpi_dma_configure(dev, device_get_dma_attr(host));	/* EXPECT-NONE: dma-configure-outside-bus */ /* EXPECT-NONE: device-lock-required */
}

static const struct bus_type dflx_chan_bus = {
	.name		= "dflx-chan",
	.match		= dflx_chan_match,
	.dma_configure	= dflx_chan_dma_configure,
};

static int dflx_chan_probe(struct device *dev)
{
	return dflx_chan_start_locked(to_dflx_chan(dev));	/* EXPECT-NONE: device-lock-required */
}

static int dflx_chan_remove(struct device *dev)
{
	struct dflx_chan *chan = to_dflx_chan(dev);

	dflx_chan_stop(chan);	/* EXPECT-NONE: device-lock-required */
	return 0;
}

bool dflx_is_chan(struct device *dev)
{
	return dev->bus == &dflx_chan_bus;
}

static struct device_driver dflx_chan_driver = {
	.name	= "dflx-chan",
	.bus	= &dflx_chan_bus,
	.probe	= dflx_chan_probe,
	.remove	= dflx_chan_remove,
};

/* ---- per-channel work ---- */

static bool dflx_chan_stalled(struct dflx_chan *chan)
{
	u64 v = readq(chan->priv->base + DFLX_CHAN_CTRL(chan->idx) + 8);

	return v & BIT_ULL(63);
}

static void dflx_chan_stall_work(struct work_struct *work)
{
	struct dflx_chan *chan = container_of(work, struct dflx_chan,
					      stall_work);

	if (!device_trylock(&chan->dev)) {
		schedule_work(work);
		return;				/* EXPECT-NONE: lock-imbalance */
	}

	if (!chan->running)
		return;				/* EXPECT: lock-imbalance */

	if (dflx_chan_stalled(chan)) {
		dflx_chan_stop(chan);
		dflx_chan_start_locked(chan);
	}
	device_unlock(&chan->dev);
}

static void dflx_chan_kick_work(struct work_struct *work)
{
	struct dflx_chan *chan = container_of(work, struct dflx_chan,
					      kick_work);

	if (!device_trylock(&chan->dev)) {
		schedule_work(work);
		return;
	}

	if (!chan->running)
		goto out_unlock;

	if (dflx_chan_stalled(chan))
		writeq(DFLX_CTRL_RUN, chan->priv->base + DFLX_CHAN_CTRL(chan->idx));

out_unlock:
	device_unlock(&chan->dev);		/* EXPECT-NONE: lock-imbalance */
}

static void dflx_chan_watchdog_work(struct work_struct *work)
{
	struct dflx_chan *chan = container_of(to_delayed_work(work),
					      struct dflx_chan, watchdog_work);

	if (!dflx_chan_stalled(chan)) {
		chan->stalls = 0;
		schedule_delayed_work(&chan->watchdog_work, HZ);
		return;
	}

	switch (chan->stalls++) {
	case 0:
		schedule_work(&chan->kick_work);
		schedule_delayed_work(&chan->watchdog_work, HZ);
		return;
	case 1:
		schedule_work(&chan->stall_work);
		schedule_delayed_work(&chan->watchdog_work, HZ);
		return;
	}

	dev_warn(&chan->dev, "channel stalled, stopping\n");
	dflx_chan_stop(chan);	/* EXPECT: device-lock-required */
	schedule_work(&chan->priv->err_work);
}

int dflx_chan_restart(struct dflx_chan *chan)
{
	scoped_guard(device, &chan->dev) {
		if (!chan->running) {
			device_unlock(&chan->dev);	/* EXPECT: lock-imbalance */
			return -EAGAIN;
		}
		dflx_chan_stop(chan);
		return dflx_chan_start_locked(chan);
	}
	return 0;
}

int dflx_chan_pause(struct dflx_chan *chan)
{
	scoped_guard(device, &chan->dev) {
		if (!chan->running)
			return -EAGAIN;		/* EXPECT-NONE: lock-imbalance */
		return dflx_chan_stop_locked(chan);
	}
	return 0;
}

/* ---- channel devices ---- */

static void dflx_chan_release(struct device *dev)
{
	kfree(to_dflx_chan(dev));
}

struct dflx_chan *dflx_chan_create(struct dflx_priv *priv, unsigned int idx)
{
	struct dflx_chan *chan;
	int ret;

	chan = kzalloc(sizeof(*chan), GFP_KERNEL);
	if (!chan)
		return ERR_PTR(-ENOMEM);

	chan->priv = priv;
	chan->idx = idx;
	INIT_WORK(&chan->stall_work, dflx_chan_stall_work);
	INIT_WORK(&chan->kick_work, dflx_chan_kick_work);
	INIT_DELAYED_WORK(&chan->watchdog_work, dflx_chan_watchdog_work);

	chan->dev.parent = &priv->ddev->dev;
	chan->dev.bus = &dflx_chan_bus;
	chan->dev.release = dflx_chan_release;
	dev_set_name(&chan->dev, "%s.ch%u", dev_name(&priv->ddev->dev), idx);

	ret = device_register(&chan->dev);
	if (ret) {
		put_device(&chan->dev);
		return ERR_PTR(ret);
	}

	schedule_delayed_work(&chan->watchdog_work, HZ);
	return chan;
}

void dflx_chan_destroy(struct dflx_chan *chan)
{
	cancel_delayed_work_sync(&chan->watchdog_work);
	cancel_work_sync(&chan->stall_work);
	cancel_work_sync(&chan->kick_work);
	device_unregister(&chan->dev);
}

int dflx_chans_quiesce(struct dflx_priv *priv)
{
	unsigned int i;
	int ret;

	for (i = 0; i < priv->num_chans; i++) {
		struct dflx_chan *chan = priv->chans[i];

		device_lock(&chan->dev);
		ret = dflx_chan_stop_locked(chan);
		if (ret)
			return ret;		/* EXPECT: lock-imbalance */
		device_unlock(&chan->dev);
	}

	return 0;
}

int dflx_chans_resume(struct dflx_priv *priv)
{
	unsigned int i;
	int ret;

	for (i = 0; i < priv->num_chans; i++) {
		struct dflx_chan *chan = priv->chans[i];

		device_lock(&chan->dev);
		ret = dflx_chan_start_locked(chan);
		device_unlock(&chan->dev);
		if (ret)
			return ret;		/* EXPECT-NONE: lock-imbalance */
	}

	return 0;
}

int dflx_chan_bus_init(void)
{
	int ret;

	ret = bus_register(&dflx_chan_bus);
	if (ret)
		return ret;

	ret = driver_register(&dflx_chan_driver);
	if (ret)
		bus_unregister(&dflx_chan_bus);

	return ret;
}

void dflx_chan_bus_exit(void)
{
	driver_unregister(&dflx_chan_driver);
	bus_unregister(&dflx_chan_bus);
}
