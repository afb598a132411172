// SPDX-License-Identifier: GPL-2.0
/*
 * mfcx engine: a component of the mfcx master and an ASoC PCM component.
 * Shapes: drivers/gpu/drm/sun4i/sun8i_mixer.c:sun8i_mixer_bind() (the
 * master's device, handed in through the bind data, pointed at the
 * component's node: pattern 1) and sound/soc/bcm/bcm63xx-pcm-whistler.c:
 * bcm63xx_soc_pcm_new() (the sound card's device, handed in through the
 * runtime: pattern 1).  Neither slot is called with a known device lock
 * (component bind runs from whichever probe completes the match,
 * drivers/base/component.c:try_to_bring_up_aggregate_device(); ASoC's
 * pcm_construct runs from snd_soc_bind_card() of the card's driver), so
 * only the DMA rule is judged here.
 */
#include <linux/component.h>
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <sound/pcm.h>
#include <sound/soc.h>
#include "mfcx.h"

/*
 * core->dev is the master's device: mfcx_main.c probes it, this
 * component driver does not; it is handed in as the bind data, as
 * drm->dev is to sun8i_mixer_bind() and sun4i_backend_bind().
 */
static int mfcx_engine_bind(struct device *dev, struct device *master, void *data)
{
	struct mfcx_core *core = data;

	if (!of_property_read_bool(dev->of_node, "mfcx,dma-master"))
		return 0;
	return of_dma_configure(core->dev, dev->of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
}

static void mfcx_engine_unbind(struct device *dev, struct device *master, void *data)
{
}

static const struct component_ops mfcx_engine_ops = {
	.bind = mfcx_engine_bind,
	.unbind = mfcx_engine_unbind,
};

static int mfcx_engine_pcm_new(struct snd_soc_component *component,
			       struct snd_soc_pcm_runtime *rtd)
{
	struct snd_pcm *pcm = rtd->pcm;
	int ret;

	ret = of_dma_configure(pcm->card->dev, pcm->card->dev->of_node, 1); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
	if (ret)
		return ret;
	return dma_coerce_mask_and_coherent(pcm->card->dev, DMA_BIT_MASK(32));
}

static const struct snd_soc_component_driver mfcx_engine_pcm = {
	.name = "mfcx-engine-pcm",
	.pcm_construct = mfcx_engine_pcm_new,
};

static int mfcx_engine_probe(struct platform_device *pdev)
{
	int ret;

	ret = devm_snd_soc_register_component(&pdev->dev, &mfcx_engine_pcm,
					      NULL, 0);
	if (ret)
		return ret;
	return component_add(&pdev->dev, &mfcx_engine_ops);
}

static void mfcx_engine_remove(struct platform_device *pdev)
{
	component_del(&pdev->dev, &mfcx_engine_ops);
}

static const struct of_device_id mfcx_engine_of_match[] = {
	{ .compatible = "heldout3,mfcx-engine" },
	{ }
};
MODULE_DEVICE_TABLE(of, mfcx_engine_of_match);

static struct platform_driver mfcx_engine_driver = {
	.probe = mfcx_engine_probe,
	.remove = mfcx_engine_remove,
	.driver = {
		.name = "mfcx-engine",
		.of_match_table = mfcx_engine_of_match,
	},
};

int mfcx_engine_init(void)
{
	return platform_driver_register(&mfcx_engine_driver);
}

void mfcx_engine_exit(void)
{
	platform_driver_unregister(&mfcx_engine_driver);
}
