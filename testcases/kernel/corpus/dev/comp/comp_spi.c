// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_comp spi driver: probe points its own device at its controller's
 * node with of_dma_configure_id(), remove syncs under the core's lock,
 * and the controller-side completion callback (no lock) does both.
 */
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/spi/spi.h>
#include "comp.h"

/* spi_message.complete: called from the controller's pump, no lock. */
static void comp_spi_complete(void *context)
{
	struct spi_device *spi = context;

	comp_sync(&spi->dev); /* EXPECT: device-lock-required */
}

static int comp_spi_probe(struct spi_device *spi)
{
	struct device *dev = &spi->dev;
	struct device_node *np = spi->controller->dev.of_node;
	struct spi_message *msg;
	int ret;

	ret = of_dma_configure_id(dev, np, true, NULL); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	comp_sync(dev); /* EXPECT-NONE: device-lock-required */

	msg = devm_kzalloc(dev, sizeof(*msg), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	spi_message_init(msg);
	msg->complete = comp_spi_complete;
	msg->context = spi;
	return spi_async(spi, msg);
}

static void comp_spi_remove(struct spi_device *spi)
{
	comp_sync(&spi->dev); /* EXPECT-NONE: device-lock-required */
}

static const struct spi_device_id comp_spi_ids[] = {
	{ "corpus-comp-spi" },
	{ }
};

struct spi_driver comp_spi_driver = {
	.driver = { .name = "corpus-comp-spi" },
	.probe = comp_spi_probe,
	.remove = comp_spi_remove,
	.id_table = comp_spi_ids,
};
