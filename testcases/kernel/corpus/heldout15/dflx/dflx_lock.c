// SPDX-License-Identifier: GPL-2.0-only
/*
 * dflx - feature and channel state changes, and the locks they need
 */
#include <linux/device.h>
#include <linux/dfl.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/iopoll.h>
#include <linux/lockdep.h>

#include "dflx.h"

/**
 * dflx_feature_reset_locked() - reset the whole DMA feature
 * @ddev: the DFL device
 *
 * Context: Process context. Caller holds device_lock(&@ddev->dev).
 * Return: 0 on success or -ETIMEDOUT.
 */
int dflx_feature_reset_locked(struct dfl_device *ddev)
{
	struct dflx_priv *priv = dev_get_drvdata(&ddev->dev);
	u64 v;

	device_lock_assert(&ddev->dev);

	if (!priv)
		return -ENODEV;

	writeq(DFLX_CTRL_RESET, priv->base + DFLX_CTRL);
	return readq_poll_timeout(priv->base + DFLX_CTRL, v,
				  !(v & DFLX_CTRL_RESET), 10, 1000);
}

/**
 * dflx_chan_start_locked() - start a channel
 * @chan: the channel
 *
 * Context: Process context. Caller holds the device lock of @chan.
 * Return: 0 on success or a negative errno.
 */
int dflx_chan_start_locked(struct dflx_chan *chan)
{
	struct dflx_priv *priv = chan->priv;

	lockdep_assert_held(&chan->dev.mutex);

	if (chan->running)
		return 0;

	writeq(DFLX_CTRL_RUN, priv->base + DFLX_CHAN_CTRL(chan->idx));
	chan->running = true;
	return 0;
}

/**
 * dflx_chan_stop_locked() - stop a channel
 * @chan: the channel
 *
 * Context: Process context. Caller holds the device lock of @chan.
 * Return: 0 on success or -EBUSY if the channel did not drain.
 */
int dflx_chan_stop_locked(struct dflx_chan *chan)
{
	struct dflx_priv *priv = chan->priv;
	u64 v;
	int ret;

	lockdep_assert_held(&chan->dev.mutex);

	writeq(0, priv->base + DFLX_CHAN_CTRL(chan->idx));
	ret = readq_poll_timeout(priv->base + DFLX_CHAN_CTRL(chan->idx), v,
				 !(v & DFLX_CTRL_RUN), 10, 1000);
	if (ret)
		return -EBUSY;

	chan->running = false;
	return 0;
}

/**
 * dflx_chan_stop() - stop a channel if it is running
 * @chan: the channel
 *
 * Context: Process context, may sleep. The device lock of @chan must be
 * held by the caller.
 */
void dflx_chan_stop(struct dflx_chan *chan)
{
	if (!chan->running)
		return;

	if (dflx_chan_stop_locked(chan))	/* EXPECT-NONE: device-lock-required */
		dev_warn(&chan->dev, "channel did not drain\n");
}

/**
 * dflx_lock_peer() - lock the EMIF feature whose DDR window we stream into
 * @priv: our feature
 *
 * Does not sleep on the peer's lock.
 *
 * Return: 0 with the peer's device lock held, or -ENODEV / -EBUSY with no
 * lock held.
 */
int dflx_lock_peer(struct dflx_priv *priv)
{
	struct device *peer = priv->peer;

	if (!peer)
		return -ENODEV;

	if (!device_trylock(peer))
		return -EBUSY;

	if (!peer->driver) {
		device_unlock(peer);
		return -ENODEV;
	}

	return 0;				/* EXPECT-NONE: lock-imbalance */
}

void dflx_unlock_peer(struct dflx_priv *priv)
{
	device_unlock(priv->peer);
}
