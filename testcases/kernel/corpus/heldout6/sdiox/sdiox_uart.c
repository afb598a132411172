// SPDX-License-Identifier: GPL-2.0
/*
 * sdiox-bt: the serdev companion of the SDIO function (the chip's
 * Bluetooth UART), shaped as drivers/bluetooth/hci_serdev.c.
 *
 * Contexts (6.12):
 *   ->probe      drivers/tty/serdev/core.c:serdev_drv_probe(), from
 *                really_probe(): the serdev device's lock held
 *   ->shutdown   serdev_drv_shutdown(), the bus .shutdown, from
 *                device_shutdown() under device_lock(dev)
 *   ->receive_buf  drivers/tty/serdev/serdev-ttyport.c:
 *                ttyport_receive_buf(), from the tty flip-buffer work
 *                (flush_to_ldisc()): no device lock
 */
#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/serdev.h>
#include <linux/slab.h>

#include "sdiox.h"

#define SDIOX_UART_BAUD_INIT	115200
#define SDIOX_UART_BAUD_OPER	3000000
#define SDIOX_UART_SYNC		0xfe

static size_t sdiox_uart_receive(struct serdev_device *serdev,
				 const u8 *data, size_t count)
{
	struct sdiox_uart *u = serdev_device_get_drvdata(serdev);

	u->seen += count;
	/* the controller asks for its operating speed once it has booted */
	if (count && data[0] == SDIOX_UART_SYNC && u->baud != SDIOX_UART_BAUD_OPER) {
		u->baud = SDIOX_UART_BAUD_OPER;
		sdiox_uart_sync_baud(u); /* EXPECT: device-lock-required */
	}
	return count;
}

static const struct serdev_device_ops sdiox_uart_ops = {
	.receive_buf	= sdiox_uart_receive,
	.write_wakeup	= serdev_device_write_wakeup,
};

static int sdiox_uart_probe(struct serdev_device *serdev)
{
	struct sdiox_uart *u;
	int ret;

	u = devm_kzalloc(&serdev->dev, sizeof(*u), GFP_KERNEL);
	if (!u)
		return -ENOMEM;

	u->serdev = serdev;
	serdev_device_set_drvdata(serdev, u);
	serdev_device_set_client_ops(serdev, &sdiox_uart_ops);

	ret = devm_serdev_device_open(&serdev->dev, serdev);
	if (ret)
		return ret;

	u->baud = SDIOX_UART_BAUD_INIT;
	sdiox_uart_sync_baud(u); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static void sdiox_uart_shutdown(struct serdev_device *serdev)
{
	struct sdiox_uart *u = serdev_device_get_drvdata(serdev);

	u->baud = SDIOX_UART_BAUD_INIT;
	sdiox_uart_sync_baud(u); /* EXPECT-NONE: device-lock-required */
}

static const struct of_device_id sdiox_uart_of_match[] = {
	{ .compatible = "corpus,sdiox-bt" },
	{ }
};
MODULE_DEVICE_TABLE(of, sdiox_uart_of_match);

static struct serdev_device_driver sdiox_uart_driver = {
	.probe		= sdiox_uart_probe,
	.shutdown	= sdiox_uart_shutdown,
	.driver = {
		.name		= "sdiox-bt",
		.of_match_table	= sdiox_uart_of_match,
	},
};

int sdiox_uart_register(void)
{
	return serdev_device_driver_register(&sdiox_uart_driver);
}

void sdiox_uart_unregister(void)
{
	serdev_device_driver_unregister(&sdiox_uart_driver);
}
