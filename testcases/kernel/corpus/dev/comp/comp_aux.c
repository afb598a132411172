// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_comp auxiliary driver: probe/remove in the shape of
 * ljca_spi_probe() (drivers/spi/spi-ljca.c), an alias of the probed
 * device, and an event notifier that the parent calls with no lock.
 */
#include <linux/auxiliary_bus.h>
#include <linux/notifier.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include "comp.h"

struct comp_aux {
	struct auxiliary_device *auxdev;
	struct notifier_block nb;
};

/* Callers hold device_lock(dev). */
void comp_sync(struct device *dev)
{
	device_lock_assert(dev);
	dev_dbg(dev, "synced\n");
}

static BLOCKING_NOTIFIER_HEAD(comp_aux_events);

/* Called from blocking_notifier_call_chain(): no device lock. */
static int comp_aux_event(struct notifier_block *nb, unsigned long event, void *data)
{
	struct comp_aux *priv = container_of(nb, struct comp_aux, nb);
	struct device *dev = &priv->auxdev->dev;

	comp_sync(dev); /* EXPECT: device-lock-required */
	if (event && dev->parent)
		of_dma_configure(dev, dev->parent->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT: device-lock-required */
	return NOTIFY_OK;
}

static int comp_aux_probe(struct auxiliary_device *auxdev,
			  const struct auxiliary_device_id *id)
{
	struct device *dev = &auxdev->dev;
	struct comp_aux *priv;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->auxdev = auxdev;
	auxiliary_set_drvdata(auxdev, priv);

	if (dev->parent) {
		ret = of_dma_configure(dev, dev->parent->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}
	comp_sync(dev); /* EXPECT-NONE: device-lock-required */
	priv->nb.notifier_call = comp_aux_event;
	return blocking_notifier_chain_register(&comp_aux_events, &priv->nb);
}

static void comp_aux_remove(struct auxiliary_device *auxdev)
{
	struct comp_aux *priv = auxiliary_get_drvdata(auxdev);

	blocking_notifier_chain_unregister(&comp_aux_events, &priv->nb);
	comp_sync(&auxdev->dev); /* EXPECT-NONE: device-lock-required */
}

static const struct auxiliary_device_id comp_aux_ids[] = {
	{ .name = "corpus_comp.aux" },
	{ }
};

struct auxiliary_driver comp_aux_driver = {
	.probe = comp_aux_probe,
	.remove = comp_aux_remove,
	.id_table = comp_aux_ids,
};
