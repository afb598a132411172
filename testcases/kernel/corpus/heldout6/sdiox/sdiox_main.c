// SPDX-License-Identifier: GPL-2.0
/*
 * sdiox SDIO function driver.
 *
 * Contexts (6.12):
 *   sdiox_probe()     drivers/mmc/core/sdio_bus.c:sdio_bus_probe() ->
 *                     drv->probe(), from really_probe(): the function's
 *                     device_lock held
 *   sdiox_remove()    sdio_bus_remove() -> drv->remove(), from
 *                     __device_release_driver(): device_lock held
 *   sdiox_shutdown()  sdio_bus_type has no .shutdown, so
 *                     drivers/base/core.c:device_shutdown() calls
 *                     drv.shutdown itself, under device_lock(dev)
 *   sdiox_irq()       drivers/mmc/core/sdio_irq.c:
 *                     process_sdio_pending_irqs(), from sdio_irq_thread()
 *                     or sdio_irq_work() with the host claimed; the
 *                     function's device lock is not held
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/mmc/sdio_func.h>
#include <linux/mmc/sdio_ids.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "sdiox.h"

#define SDIOX_STATUS_RX		0x01
#define SDIOX_STATUS_FWDEAD	0x40

static void sdiox_irq(struct sdio_func *func)
{
	struct sdiox *sx = sdio_get_drvdata(func);
	u8 status;
	int ret;

	sx->irq_count++;
	status = sdio_readb(func, SDIOX_REG_MODE, &ret);
	if (ret || status == 0xff) {
		/* card wedged: stop it before it floods the host */
		sdiox_quiesce(sx); /* EXPECT: device-lock-required */
		return;
	}
	if (status & SDIOX_STATUS_FWDEAD) {
		schedule_work(&sx->reset_work);
		return;
	}
	if (status & SDIOX_STATUS_RX)
		sdiox_apply_mode(sx, SDIOX_MODE_RX); /* EXPECT: device-lock-required */
	schedule_work(&sx->rx_work);
}

static int sdiox_probe(struct sdio_func *func, const struct sdio_device_id *id)
{
	struct sdiox *sx;
	int ret;

	sx = devm_kzalloc(&func->dev, sizeof(*sx), GFP_KERNEL);
	if (!sx)
		return -ENOMEM;

	sx->func = func;
	INIT_WORK(&sx->rx_work, sdiox_rx_work);
	INIT_WORK(&sx->reset_work, sdiox_reset_work);
	sdio_set_drvdata(func, sx);

	sdio_claim_host(func);
	ret = sdio_enable_func(func);
	if (!ret) {
		ret = sdio_claim_irq(func, sdiox_irq);
		if (ret)
			sdio_disable_func(func);
	}
	sdio_release_host(func);
	if (ret)
		return ret;

	ret = sdiox_apply_mode(sx, SDIOX_MODE_IDLE); /* EXPECT-NONE: device-lock-required */
	if (ret) {
		sdio_claim_host(func);
		sdio_release_irq(func);
		sdio_disable_func(func);
		sdio_release_host(func);
		return ret;
	}
	sx->fw_loaded = true;
	return 0;
}

static void sdiox_remove(struct sdio_func *func)
{
	struct sdiox *sx = sdio_get_drvdata(func);

	WRITE_ONCE(sx->removing, true);
	cancel_work_sync(&sx->rx_work);
	cancel_work_sync(&sx->reset_work);

	/* device_release_driver() already holds the function's lock */
	guard(device)(&func->dev); /* EXPECT: lock-imbalance */
	sdiox_quiesce(sx); /* EXPECT-NONE: device-lock-required */

	sdio_claim_host(func);
	sdio_release_irq(func);
	sdio_disable_func(func);
	sdio_release_host(func);
}

static void sdiox_shutdown(struct device *dev)
{
	struct sdiox *sx = dev_get_drvdata(dev);

	WRITE_ONCE(sx->removing, true);
	sdiox_quiesce(sx); /* EXPECT-NONE: device-lock-required */
}

static const struct sdio_device_id sdiox_ids[] = {
	{ SDIO_DEVICE(SDIO_VENDOR_ID_MARVELL, 0x9141) },
	{ }
};
MODULE_DEVICE_TABLE(sdio, sdiox_ids);

static struct sdio_driver sdiox_driver = {
	.name		= "sdiox",
	.id_table	= sdiox_ids,
	.probe		= sdiox_probe,
	.remove		= sdiox_remove,
	.drv = {
		.shutdown	= sdiox_shutdown,
		.dev_groups	= sdiox_groups,
	},
};

static int __init sdiox_init(void)
{
	int ret;

	ret = sdio_register_driver(&sdiox_driver);
	if (ret)
		return ret;
	ret = sdiox_uart_register();
	if (ret)
		sdio_unregister_driver(&sdiox_driver);
	return ret;
}
module_init(sdiox_init);

static void __exit sdiox_exit(void)
{
	sdiox_uart_unregister();
	sdio_unregister_driver(&sdiox_driver);
}
module_exit(sdiox_exit);

MODULE_DESCRIPTION("SDIO function driver with a serdev companion (corpus)");
MODULE_LICENSE("GPL");
