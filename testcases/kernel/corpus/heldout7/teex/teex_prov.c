// SPDX-License-Identifier: GPL-2.0
/*
 * teex_prov.c - the TEE provider: a platform driver registering a
 * tee_device, and its tee_driver_ops.
 *
 * The platform driver's probe/remove run under device_lock(&pdev->dev)
 * (driver core), .shutdown under it from drivers/base/core.c:
 * device_shutdown().  The tee_driver_ops are called by
 * drivers/tee/tee_core.c: ->open from tee_open() (file open) and
 * tee_client_open_context(); ->open_session from tee_ioctl_open_session()
 * and tee_client_open_session() (the latter from a client driver's probe,
 * holding the client's lock, never the provider's); ->invoke_func from
 * tee_ioctl_invoke() and tee_client_invoke_func(); ->release from
 * teedev_close_context().  None of them takes the provider's device lock.
 */
#include <linux/device.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "teex.h"

/**
 * teex_mbox_reset() - reset the mailbox between Linux and the secure world
 * @dev: the provider's platform device
 *
 * The reset re-reads the secure world's capabilities, which must not
 * change while the provider binds or unbinds.
 *
 * Context: Process context.  Caller holds the device lock of @dev.
 */
int teex_mbox_reset(struct device *dev)
{
	struct teex *tx = dev_get_drvdata(dev);

	if (!tx || !tx->mbox)
		return -ENODEV;

	writel(1, tx->mbox);
	tx->mbox_stuck = false;
	return 0;
}

static void teex_get_version(struct tee_device *teedev,
			     struct tee_ioctl_version_data *vers)
{
	struct tee_ioctl_version_data v = {
		.impl_id = TEEX_IMPL_ID,
		.impl_caps = 0,
		.gen_caps = TEE_GEN_CAP_GP,
	};

	*vers = v;
}

static int teex_open(struct tee_context *ctx)
{
	ctx->data = tee_get_drvdata(ctx->teedev);
	return 0;
}

static void teex_release(struct tee_context *ctx)
{
	ctx->data = NULL;
}

/* ->open_session: an ioctl or a client's probe; no provider lock */
static int teex_open_session(struct tee_context *ctx,
			     struct tee_ioctl_open_session_arg *arg,
			     struct tee_param *param)
{
	struct teex *tx = tee_get_drvdata(ctx->teedev);
	int ret;

	if (tx->mbox_stuck) {
		ret = teex_mbox_reset(tx->dev); /* EXPECT: device-lock-required */
		if (ret)
			return ret;
	}

	arg->session = 1;
	arg->ret = 0;
	return 0;
}

static int teex_close_session(struct tee_context *ctx, u32 session)
{
	return 0;
}

/* ->invoke_func: an ioctl or tee_client_invoke_func(); takes the lock */
static int teex_invoke_func(struct tee_context *ctx,
			    struct tee_ioctl_invoke_arg *arg,
			    struct tee_param *param)
{
	struct teex *tx = tee_get_drvdata(ctx->teedev);

	if (arg->func == TEEX_FUNC_RESET) {
		guard(device)(tx->dev);
		arg->ret = teex_mbox_reset(tx->dev); /* EXPECT-NONE: device-lock-required */
		return 0;
	}

	arg->ret = 0;
	return 0;
}

static const struct tee_driver_ops teex_ops = {
	.get_version = teex_get_version,
	.open = teex_open,
	.release = teex_release,
	.open_session = teex_open_session,
	.close_session = teex_close_session,
	.invoke_func = teex_invoke_func,
};

static const struct tee_desc teex_desc = {
	.name = "teex-clnt",
	.ops = &teex_ops,
	.owner = THIS_MODULE,
};

/* optee/smc_abi.c:optee_probe(): under device_lock(&pdev->dev) */
static int teex_probe(struct platform_device *pdev)
{
	struct teex *tx;
	int ret;

	tx = devm_kzalloc(&pdev->dev, sizeof(*tx), GFP_KERNEL);
	if (!tx)
		return -ENOMEM;

	tx->dev = &pdev->dev;
	mutex_init(&tx->clients_lock);
	INIT_LIST_HEAD(&tx->clients);
	INIT_WORK(&tx->scan_work, teex_scan_work);
	tx->mbox = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(tx->mbox))
		return PTR_ERR(tx->mbox);
	platform_set_drvdata(pdev, tx);

	/* tx->dev is &pdev->dev: held */
	ret = teex_mbox_reset(tx->dev); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	tx->teedev = tee_device_alloc(&teex_desc, &pdev->dev, NULL, tx);
	if (IS_ERR(tx->teedev))
		return PTR_ERR(tx->teedev);

	ret = tee_device_register(tx->teedev);
	if (ret)
		goto err_unreg;

	/* as optee_enumerate_devices(PTA_CMD_GET_DEVICES) in optee_probe() */
	ret = teex_enumerate(tx);
	if (ret)
		goto err_unreg;

	return 0;

err_unreg:
	tee_device_unregister(tx->teedev);
	return ret;
}

/* optee/smc_abi.c:optee_smc_remove(): under device_lock(&pdev->dev) */
static void teex_remove(struct platform_device *pdev)
{
	struct teex *tx = platform_get_drvdata(pdev);

	cancel_work_sync(&tx->scan_work);
	if (teex_quiesce_clients(tx))
		dev_warn(&pdev->dev, "clients not quiesced\n");
	teex_unregister_clients(tx);
	tee_device_unregister(tx->teedev);
	teex_mbox_reset(&pdev->dev); /* EXPECT-NONE: device-lock-required */
}

/* optee/smc_abi.c:optee_shutdown(): device_shutdown() holds device_lock() */
static void teex_shutdown(struct platform_device *pdev)
{
	struct teex *tx = dev_get_drvdata(&pdev->dev);

	teex_mbox_reset(tx->dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * A "rescan" attribute of the provider, as optee's scan_bus_work is
 * queued from its supplicant: kernfs holds nothing, the work holds
 * nothing; teex_scan_work() only registers devices.
 */
static ssize_t rescan_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t size)
{
	struct teex *tx = dev_get_drvdata(dev);

	schedule_work(&tx->scan_work);
	return size;
}
static DEVICE_ATTR_WO(rescan);

static struct attribute *teex_attrs[] = {
	&dev_attr_rescan.attr,
	NULL
};
ATTRIBUTE_GROUPS(teex);

static const struct of_device_id teex_of_match[] = {
	{ .compatible = "corpus,teex" },
	{ }
};
MODULE_DEVICE_TABLE(of, teex_of_match);

static struct platform_driver teex_driver = {
	.probe = teex_probe,
	.remove = teex_remove,
	.shutdown = teex_shutdown,
	.driver = {
		.name = "teex",
		.of_match_table = teex_of_match,
		.dev_groups = teex_groups,
	},
};

static int __init teex_init(void)
{
	int ret;

	ret = teex_rng_register();
	if (ret)
		return ret;

	ret = platform_driver_register(&teex_driver);
	if (ret)
		teex_rng_unregister();
	return ret;
}
module_init(teex_init);

static void __exit teex_exit(void)
{
	platform_driver_unregister(&teex_driver);
	teex_rng_unregister();
}
module_exit(teex_exit);

MODULE_DESCRIPTION("corpus: TEE provider and client (heldout7)");
MODULE_LICENSE("GPL");
