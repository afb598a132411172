// SPDX-License-Identifier: GPL-2.0
/*
 * The I2C codec the DSP streams to.  It calls auxdsp_main.c's helpers,
 * whose contracts (a _locked name, a kernel-doc Context: line) say that
 * the caller holds the codec's device lock.  The driver core holds it in
 * i2c probe/remove/shutdown (drivers/i2c/i2c-core-base.c:i2c_device_probe()
 * etc. are the bus_type's callbacks, run by drivers/base/dd.c and
 * drivers/base/core.c:device_shutdown() under device_lock()).
 */
#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/workqueue.h>
#include "auxdsp.h"

struct auxdsp_codec {
	struct i2c_client *client;
	struct work_struct attach_work;
	struct work_struct relink_work;
};

/* Shape: drivers/firewire/core-device.c:fw_device_update(), unlocked. */
static void auxdsp_codec_attach_work(struct work_struct *work)
{
	struct auxdsp_codec *codec = container_of(work, struct auxdsp_codec, attach_work);

	auxdsp_codec_attach_locked(&codec->client->dev); /* EXPECT: device-lock-required */
}

/* The twin: the work item takes the codec's lock around the call. */
static void auxdsp_codec_relink_work(struct work_struct *work)
{
	struct auxdsp_codec *codec = container_of(work, struct auxdsp_codec, relink_work);
	struct device *dev = &codec->client->dev;

	device_lock(dev);
	auxdsp_codec_detach(dev); /* EXPECT-NONE: device-lock-required */
	auxdsp_codec_attach_locked(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
}

/*
 * A threaded handler (jack unplugged) runs with no device lock.  Shape:
 * sound/soc/codecs/rt5640.c:rt5640_irq() only schedules its jack work;
 * this one calls the helper itself.
 */
static irqreturn_t auxdsp_codec_irq(int irq, void *data)
{
	struct auxdsp_codec *codec = data;

	auxdsp_codec_detach(&codec->client->dev); /* EXPECT: device-lock-required */
	schedule_work(&codec->attach_work);
	return IRQ_HANDLED;
}

static int auxdsp_codec_probe(struct i2c_client *client)
{
	struct device *dev = &client->dev;
	struct auxdsp_codec *codec;
	int ret;

	codec = devm_kzalloc(dev, sizeof(*codec), GFP_KERNEL);
	if (!codec)
		return -ENOMEM;
	codec->client = client;
	INIT_WORK(&codec->attach_work, auxdsp_codec_attach_work);
	INIT_WORK(&codec->relink_work, auxdsp_codec_relink_work);
	i2c_set_clientdata(client, codec);

	ret = auxdsp_codec_attach_locked(dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	if (client->irq > 0)
		return devm_request_threaded_irq(dev, client->irq, NULL, auxdsp_codec_irq,
						 IRQF_ONESHOT, dev_name(dev), codec);
	return 0;
}

static void auxdsp_codec_remove(struct i2c_client *client)
{
	struct auxdsp_codec *codec = i2c_get_clientdata(client);

	cancel_work_sync(&codec->attach_work);
	cancel_work_sync(&codec->relink_work);
	auxdsp_codec_detach(&client->dev); /* EXPECT-NONE: device-lock-required */
}

static void auxdsp_codec_shutdown(struct i2c_client *client)
{
	auxdsp_codec_detach(&client->dev); /* EXPECT-NONE: device-lock-required */
}

static const struct i2c_device_id auxdsp_codec_ids[] = {
	{ "auxdsp-codec" },
	{ }
};
MODULE_DEVICE_TABLE(i2c, auxdsp_codec_ids);

static struct i2c_driver auxdsp_codec_driver = {
	.driver = {
		.name = "auxdsp-codec",
	},
	.probe = auxdsp_codec_probe,
	.remove = auxdsp_codec_remove,
	.shutdown = auxdsp_codec_shutdown,
	.id_table = auxdsp_codec_ids,
};

int auxdsp_codec_register(void)
{
	return i2c_add_driver(&auxdsp_codec_driver);
}

void auxdsp_codec_unregister(void)
{
	i2c_del_driver(&auxdsp_codec_driver);
}
