// SPDX-License-Identifier: GPL-2.0
/*
 * mhix: an MHI client driver.  What the 6.12 MHI core and WWAN core
 * hold around its callbacks:
 *   probe/remove  drivers/bus/mhi/host/init.c:__mhi_driver_register() sets
 *                 them as the device_driver's probe/remove
 *                 (mhi_driver_probe()/mhi_driver_remove()), so the driver
 *                 core calls them under device_lock(&mhi_dev->dev);
 *   dl_xfer_cb    drivers/bus/mhi/host/main.c:parse_xfer_event() calls it
 *                 from the event tasklet under read_lock_bh(&chan->lock):
 *                 atomic, no device lock;
 *   status_cb     main.c:mhi_notify(), from the IRQ path;
 *   wwan .start   drivers/net/wwan/wwan_core.c:wwan_port_op_start() from
 *                 the char device's open, under port->ops_lock only;
 *   wwan .stop    wwan_port_op_stop() from the char device's release,
 *                 under port->ops_lock only (wwan_remove_port() also
 *                 calls it, from our remove, with the lock held; the
 *                 release path does not).
 */
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/skbuff.h>
#include "mhix.h"

/* wwan_port_ops.start: shape mhi_wwan_ctrl.c:mhi_wwan_ctrl_start(). */
static int mhix_wwan_start(struct wwan_port *wport)
{
	struct mhix_port *port = wwan_port_get_drvdata(wport);

	return mhix_port_start(port); /* EXPECT: device-lock-required */
}

/* wwan_port_ops.stop: shape mhi_wwan_ctrl.c:mhi_wwan_ctrl_stop(). */
static void mhix_wwan_stop(struct wwan_port *wport)
{
	struct mhix_port *port = wwan_port_get_drvdata(wport);

	mhix_port_flush_locked(port); /* EXPECT: device-lock-required */
}

static int mhix_wwan_tx(struct wwan_port *wport, struct sk_buff *skb)
{
	consume_skb(skb);
	return 0;
}

static const struct wwan_port_ops mhix_wwan_ops = {
	.start = mhix_wwan_start,
	.stop = mhix_wwan_stop,
	.tx = mhix_wwan_tx,
};

/*
 * dl_xfer_cb in atomic context.  Shape: mhi_wwan_ctrl.c:mhi_dl_xfer_cb()
 * (an error status drops the buffer); here -ENOTCONN flushes the port.
 */
static void mhix_dl_xfer_cb(struct mhi_device *mhi_dev, struct mhi_result *res)
{
	struct mhix_port *port = dev_get_drvdata(&mhi_dev->dev);

	if (res->transaction_status == -ENOTCONN)
		mhix_port_flush_locked(port); /* EXPECT: device-lock-required */
}

static void mhix_ul_xfer_cb(struct mhi_device *mhi_dev, struct mhi_result *res)
{
}

/* status_cb defers to a work item: a kworker, no device lock. */
static void mhix_status_cb(struct mhi_device *mhi_dev, enum mhi_callback cb)
{
	struct mhix_port *port = dev_get_drvdata(&mhi_dev->dev);

	if (cb == MHI_CB_PENDING_DATA)
		schedule_work(&port->status_work);
}

/*
 * Shape: drivers/bus/mhi/host/pci_generic.c:mhi_pci_recovery_work() (a
 * work item restarting the channels).
 */
static void mhix_status_work(struct work_struct *work)
{
	struct mhix_port *port = container_of(work, struct mhix_port, status_work);

	mhix_port_start(port); /* EXPECT: device-lock-required */
}

/*
 * Its twin: the device lock taken through mhix_lock_for_reset() (defined
 * in mhix_port.c), as drivers/net/wireless/intersil/p54/p54usb.c:
 * p54u_device_reset() takes it through usb_lock_device_for_reset()
 * (return on error, unlock after the reset).
 */
static void mhix_reset_work(struct work_struct *work)
{
	struct mhix_port *port = container_of(work, struct mhix_port, reset_work);
	struct mhi_device *mhi_dev = port->mhi_dev;

	if (mhix_lock_for_reset(mhi_dev))
		return;
	mhix_port_flush_locked(port); /* EXPECT-NONE: device-lock-required */
	device_unlock(&mhi_dev->dev); /* EXPECT-NONE: lock-imbalance */
}

/*
 * The same with an early return that keeps the lock the helper took,
 * while the other returns leave without it.
 */
static void mhix_recover_work(struct work_struct *work)
{
	struct mhix_port *port = container_of(work, struct mhix_port, recover_work);
	struct mhi_device *mhi_dev = port->mhi_dev;

	if (mhix_lock_for_reset(mhi_dev))
		return;
	if (!port->ready)
		return; /* EXPECT: lock-imbalance */
	mhix_port_start(port); /* EXPECT-NONE: device-lock-required */
	device_unlock(&mhi_dev->dev);
}

/* Under device_lock(&mhi_dev->dev) (see the top of this file). */
static int mhix_probe(struct mhi_device *mhi_dev, const struct mhi_device_id *id)
{
	struct mhix_port *port;
	int ret;

	port = devm_kzalloc(&mhi_dev->dev, sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->mhi_dev = mhi_dev;
	INIT_WORK(&port->status_work, mhix_status_work);
	INIT_WORK(&port->reset_work, mhix_reset_work);
	INIT_WORK(&port->recover_work, mhix_recover_work);
	dev_set_drvdata(&mhi_dev->dev, port);

	ret = mhix_port_start(port); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	port->wwan = wwan_create_port(&mhi_dev->dev, id->driver_data,
				      &mhix_wwan_ops, NULL, port);
	if (IS_ERR(port->wwan))
		return PTR_ERR(port->wwan);
	port->ready = true;
	return 0;
}

static void mhix_remove(struct mhi_device *mhi_dev)
{
	struct mhix_port *port = dev_get_drvdata(&mhi_dev->dev);

	wwan_remove_port(port->wwan);
	cancel_work_sync(&port->status_work);
	cancel_work_sync(&port->reset_work);
	cancel_work_sync(&port->recover_work);
	mhix_port_flush_locked(port); /* EXPECT-NONE: device-lock-required */
}

static const struct mhi_device_id mhix_match_table[] = {
	{ .chan = "HELDOUT3", .driver_data = WWAN_PORT_AT },
	{ }
};
MODULE_DEVICE_TABLE(mhi, mhix_match_table);

static struct mhi_driver mhix_driver = {
	.id_table = mhix_match_table,
	.probe = mhix_probe,
	.remove = mhix_remove,
	.dl_xfer_cb = mhix_dl_xfer_cb,
	.ul_xfer_cb = mhix_ul_xfer_cb,
	.status_cb = mhix_status_cb,
	.driver = {
		.name = "mhix",
	},
};
module_mhi_driver(mhix_driver);

MODULE_DESCRIPTION("heldout3 corpus: MHI client with a WWAN port");
MODULE_LICENSE("GPL");
