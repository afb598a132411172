// SPDX-License-Identifier: GPL-2.0
/*
 * teex_client.c - a hwrng client driver of the TAs teex enumerates,
 * shaped as drivers/char/hw_random/optee-rng.c.
 *
 * tee_bus_type has no .probe/.remove/.shutdown: the driver core calls the
 * device_driver's own under device_lock(dev) (really_probe(),
 * __device_release_driver(), device_shutdown()).  The hwrng .read is
 * called by drivers/char/hw_random/core.c:rng_get_data() from
 * rng_dev_read() and the hwrng_fillfn() kthread under reading_mutex only.
 */
#include <linux/device.h>
#include <linux/hw_random.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "teex.h"

struct teex_rng {
	struct device *dev;
	struct tee_context *ctx;
	u32 session;
	struct hwrng rng;
	bool lost;
};

/* optee-rng.c:optee_rng_read(): reading_mutex only, no device lock */
static int teex_rng_read(struct hwrng *hwrng, void *buf, size_t max, bool wait)
{
	struct teex_rng *rng = container_of(hwrng, struct teex_rng, rng);
	struct tee_ioctl_invoke_arg arg = { };
	int ret;

	if (rng->lost) {
		if (!wait) {
			/* no time to wait for the lock: rebind without it */
			ret = teex_session_bind(rng->dev, &rng->ctx, &rng->session); /* EXPECT: device-lock-required */
		} else if (device_trylock(rng->dev)) {
			ret = teex_session_bind(rng->dev, &rng->ctx, &rng->session); /* EXPECT-NONE: device-lock-required */
			device_unlock(rng->dev);
		} else {
			return 0;
		}
		if (ret)
			return ret;
		rng->lost = false;
	}

	arg.func = 1;
	arg.session = rng->session;
	ret = tee_client_invoke_func(rng->ctx, &arg, NULL);
	if (ret < 0 || arg.ret) {
		rng->lost = true;
		return 0;
	}

	memset(buf, 0, max);
	return max;
}

/* optee-rng.c:optee_rng_probe(): under device_lock(dev) */
static int teex_rng_probe(struct device *dev)
{
	struct teex_rng *rng;
	int ret;

	rng = devm_kzalloc(dev, sizeof(*rng), GFP_KERNEL);
	if (!rng)
		return -ENOMEM;
	rng->dev = dev;
	dev_set_drvdata(dev, rng);

	/*
	 * The TA's buffers live behind the provider's IOMMU: the probed device
	 * is re-pointed at its parent's DT node, as etnaviv_pdev_probe()
	 * re-points its device at the GPU cores' node.
	 */
	if (dev->parent && dev->parent->of_node) {
		ret = of_dma_configure(dev, dev->parent->of_node, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		if (ret)
			return ret;
	}

	ret = teex_session_bind(dev, &rng->ctx, &rng->session); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	rng->rng.name = dev_name(dev);
	rng->rng.read = teex_rng_read;
	rng->rng.quality = 900;
	ret = devm_hwrng_register(dev, &rng->rng);
	if (ret)
		teex_session_unbind_locked(dev, rng->ctx, rng->session); /* EXPECT-NONE: device-lock-required */
	return ret;
}

/* optee-rng.c:optee_rng_remove(): under device_lock(dev) */
static int teex_rng_remove(struct device *dev)
{
	struct teex_rng *rng = dev_get_drvdata(dev);

	teex_session_unbind_locked(dev, rng->ctx, rng->session); /* EXPECT-NONE: device-lock-required */
	rng->ctx = NULL;
	return 0;
}

/* device_shutdown(): dev->driver->shutdown under device_lock(dev) */
static void teex_rng_shutdown(struct device *dev)
{
	struct teex_rng *rng = dev_get_drvdata(dev);

	teex_session_unbind_locked(rng->dev, rng->ctx, rng->session); /* EXPECT-NONE: device-lock-required */
	rng->ctx = NULL;
}

/*
 * The "rebind" attribute of the client (the driver's dev_groups): kernfs
 * holds no lock, and the store calls the _locked helper bare.
 */
static ssize_t rebind_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t size)
{
	struct teex_rng *rng = dev_get_drvdata(dev);

	teex_session_unbind_locked(dev, rng->ctx, rng->session); /* EXPECT: device-lock-required */
	rng->ctx = NULL;
	rng->lost = true;
	return size;
}
static DEVICE_ATTR_WO(rebind);

static struct attribute *teex_rng_attrs[] = {
	&dev_attr_rebind.attr,
	NULL
};
ATTRIBUTE_GROUPS(teex_rng);

static const struct tee_client_device_id teex_rng_id_table[] = {
	{ UUID_INIT(0x5c1a1e7e, 0x1a3d, 0x4b2e,
		    0x9a, 0x11, 0x6e, 0x2f, 0x31, 0x07, 0xc4, 0x5d) },
	{ }
};
MODULE_DEVICE_TABLE(tee, teex_rng_id_table);

static struct tee_client_driver teex_rng_driver = {
	.id_table = teex_rng_id_table,
	.driver = {
		.name = "teex-rng",
		.bus = &tee_bus_type,
		.probe = teex_rng_probe,
		.remove = teex_rng_remove,
		.shutdown = teex_rng_shutdown,
		.dev_groups = teex_rng_groups,
	},
};

int teex_rng_register(void)
{
	return driver_register(&teex_rng_driver.driver);
}

void teex_rng_unregister(void)
{
	driver_unregister(&teex_rng_driver.driver);
}
