// SPDX-License-Identifier: GPL-2.0
/*
 * h18hsi_chan.c - per-channel function devices of an h18hsi client, on a
 * bus of their own.
 *
 * The bus imitates drivers/cdx/cdx.c:cdx_dma_configure and
 * drivers/bus/fsl-mc/fsl-mc-bus.c:fsl_mc_dma_configure (of_dma_configure_id
 * with the requester id, acpi_dma_configure_id otherwise).  The core calls
 * bus_type.dma_configure from drivers/base/dd.c:really_probe, which runs
 * under device_lock(dev) taken by __device_attach / __driver_attach /
 * device_driver_attach (drivers/base/dd.c).
 *
 * Channel creation imitates
 * drivers/staging/vc04_services/interface/vchiq_arm/vchiq_bus.c:vchiq_device_register
 * and drivers/media/platform/samsung/s5p-mfc/s5p_mfc.c:s5p_mfc_alloc_memdev
 * (of_dma_configure() on a device the driver itself set up).
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include "h18hsi.h"

static int h18hsi_ch_match(struct device *dev, const struct device_driver *drv)
{
	return 1;
}

/* only the bus dma_configure callback below calls this */
static int h18hsi_ch_dma_of(struct device *dev, struct device_node *np, u32 id)
{
	return of_dma_configure_id(dev, np, true, &id); /* EXPECT-NONE: dma-configure-outside-bus @hsi_chof; EXPECT-NONE: device-lock-required @hsi_chof_l */
}

static int h18hsi_ch_dma_configure(struct device *dev)
{
	struct h18hsi_chan *ch = to_h18hsi_chan(dev);
	struct device *parent = ch->owner->dev;

	if (parent->of_node)
		return h18hsi_ch_dma_of(dev, parent->of_node, ch->req_id); /* EXPECT-NONE: dma-configure-outside-bus @hsi_chof; EXPECT-NONE: device-lock-required @hsi_chof_l */
	if (has_acpi_companion(parent))
		return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, &ch->req_id); /* EXPECT-NONE: dma-configure-outside-bus; EXPECT-NONE: device-lock-required */
	return 0;
}

static const struct bus_type h18hsi_ch_bus = {
	.name		= "h18hsi-ch",
	.match		= h18hsi_ch_match,
	.dma_configure	= h18hsi_ch_dma_configure,
};

static int h18hsi_ch_probe(struct device *dev)
{
	dev_dbg(dev, "h18hsi channel bound\n");
	return 0;
}

static struct device_driver h18hsi_ch_driver = {
	.name	= "h18hsi-ch",
	.bus	= &h18hsi_ch_bus,
	.probe	= h18hsi_ch_probe,
};

int h18hsi_chan_bus_init(void)
{
	int ret;

	ret = bus_register(&h18hsi_ch_bus);
	if (ret)
		return ret;
	ret = driver_register(&h18hsi_ch_driver);
	if (ret)
		bus_unregister(&h18hsi_ch_bus);
	return ret;
}

void h18hsi_chan_bus_exit(void)
{
	driver_unregister(&h18hsi_ch_driver);
	bus_unregister(&h18hsi_ch_bus);
}

static void h18hsi_ch_release(struct device *dev)
{
	kfree(to_h18hsi_chan(dev));
}

static int h18hsi_chan_add(struct h18hsi *h, unsigned int i)
{
	struct h18hsi_chan *ch;
	int ret;

	ch = kzalloc(sizeof(*ch), GFP_KERNEL);
	if (!ch)
		return -ENOMEM;
	ch->owner = h;
	ch->index = i;
	ch->req_id = (hsi_port_id(h->cl) << 4) | i;
	device_initialize(&ch->dev);
	ch->dev.parent = h->dev;
	ch->dev.bus = &h18hsi_ch_bus;
	ch->dev.release = h18hsi_ch_release;
	ch->dev.dma_mask = &ch->dev.coherent_dma_mask;
	ret = dev_set_name(&ch->dev, "%s.ch%u", dev_name(h->dev), i);
	if (ret)
		goto err_put;

	/* vchiq_device_register: configure before the device is added */
	of_dma_configure(&ch->dev, h->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */

	ret = device_add(&ch->dev);
	if (ret)
		goto err_put;
	h->chan[i] = ch;
	return 0;

err_put:
	put_device(&ch->dev);
	return ret;
}

int h18hsi_chan_add_all(struct h18hsi *h)
{
	unsigned int i;
	int ret;

	for (i = 0; i < h->nr_chan; i++) {
		ret = h18hsi_chan_add(h, i);
		if (ret) {
			h18hsi_chan_del_all(h);
			return ret;
		}
	}
	return 0;
}

void h18hsi_chan_del_all(struct h18hsi *h)
{
	unsigned int i;

	for (i = 0; i < H18HSI_MAX_CH; i++) {
		if (h->chan[i]) {
			device_unregister(&h->chan[i]->dev);
			h->chan[i] = NULL;
		}
	}
}

/*
 * Re-apply the DMA setup of one channel (a device this module created and
 * keeps in h->chan[]) with that channel's own lock held.
 */
int h18hsi_chan_rebind(struct h18hsi *h, unsigned int idx)
{
	struct h18hsi_chan *ch;

	if (idx >= H18HSI_MAX_CH || !h->chan[idx])
		return -EINVAL;
	ch = h->chan[idx];

	guard(device)(&ch->dev);
	if (!ch->dev.driver)
		return -ENODEV; /* EXPECT-NONE: lock-imbalance */
	return of_dma_configure_id(&ch->dev, h->dev->of_node, true, &ch->req_id); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required; EXPECT-NONE: lock-imbalance */
}
