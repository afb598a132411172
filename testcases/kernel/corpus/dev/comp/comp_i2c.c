// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_comp i2c driver: probe finds companion devices by node and
 * configures them (the a6xx_gmu_wrapper_init() shape,
 * drivers/gpu/drm/msm/adreno/a6xx_gmu.c): the lock the driver core holds
 * is the client's, not the companion's.
 */
#include <linux/i2c.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include "comp.h"

static int comp_i2c_probe(struct i2c_client *client)
{
	struct device_node *np;
	struct platform_device *bridge, *dsp;
	int ret = 0;

	np = of_parse_phandle(client->dev.of_node, "corpus,bridge", 0);
	bridge = np ? of_find_device_by_node(np) : NULL;
	if (bridge) {
		ret = of_dma_configure(&bridge->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
		comp_sync(&bridge->dev); /* EXPECT: device-lock-required */
		put_device(&bridge->dev);
	}
	of_node_put(np);
	if (ret)
		return ret;

	np = of_parse_phandle(client->dev.of_node, "corpus,dsp", 0);
	dsp = np ? of_find_device_by_node(np) : NULL;
	if (dsp) {
		scoped_guard(device, &dsp->dev) {
			ret = of_dma_configure(&dsp->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
			comp_sync(&dsp->dev); /* EXPECT-NONE: device-lock-required */
		}
		put_device(&dsp->dev);
	}
	of_node_put(np);
	if (ret)
		return ret;

	comp_sync(&client->dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static void comp_i2c_remove(struct i2c_client *client)
{
	comp_sync(&client->dev); /* EXPECT-NONE: device-lock-required */
}

static const struct i2c_device_id comp_i2c_ids[] = {
	{ "corpus-comp-i2c" },
	{ }
};

struct i2c_driver comp_i2c_driver = {
	.driver = { .name = "corpus-comp-i2c" },
	.probe = comp_i2c_probe,
	.remove = comp_i2c_remove,
	.id_table = comp_i2c_ids,
};
