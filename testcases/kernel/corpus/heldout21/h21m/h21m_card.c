// SPDX-License-Identifier: GPL-2.0
/*
 * h21m_card.c - card-level operations with a device-lock contract.  The
 * callers are in h21m_bus.c (the "core") and h21m_blk.c (the card driver).
 *
 * Shapes copied from Linux 6.12:
 *   drivers/mmc/core/mmc.c: mmc_select_bus_width(), _mmc_flush_cache()
 *   drivers/mmc/core/block.c: mmc_blk_part_switch() (partition switch),
 *	mmc_blk_issue_erase_rq() / mmc_erase() (erase range),
 *	mmc_sanitize()
 *   drivers/mmc/core/core.c: mmc_claim_host()/mmc_release_host() pairing
 *	(here the pairing is on the card's device lock)
 *
 * Core locking facts read in 6.12: none of these helpers is called by the
 * driver core; include/linux/device.h: device_lock_assert() is
 * lockdep_assert_held(&dev->mutex), device_trylock() returns nonzero only
 * with the mutex taken.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/lockdep.h>

#include "h21m.h"

/**
 * h21m_card_set_bus_width() - switch the data bus width of a card
 * @card: the card
 * @width: 1, 4 or 8
 *
 * Context: Process context. The caller must hold the device lock of @card
 * (device_lock(&card->dev)).
 * Return: 0 or -EINVAL.
 */
int h21m_card_set_bus_width(struct h21m_card *card, unsigned int width)
{
	if (width != 1 && width != 4 && width != 8)
		return -EINVAL;
	if (width == 8 && !(card->host->caps & 0x1))
		return -EINVAL;
	card->bus_width = width;
	return 0;
}

/*
 * h21m_card_switch_part_locked - select the hardware partition.
 * @dev: the card's struct device
 * @part: H21M_PART_*
 *
 * The caller holds the device lock of @dev, so no driver can be bound or
 * unbound while the partition config register is rewritten.
 */
int h21m_card_switch_part_locked(struct device *dev, u8 part)
{
	struct h21m_card *card = h21m_dev_to_card(dev);

	if (part > H21M_PART_RPMB)
		return -EINVAL;
	if (card->part_curr == part)
		return 0;
	card->part_curr = part;
	return 0;
}

void h21m_card_flush_cache(struct h21m_card *card)
{
	device_lock_assert(&card->dev);

	if (!card->cache_on || (card->state & H21M_CARD_STATE_SUSPEND))
		return;
	/* FLUSH_CACHE is a CMD6 write; the host model has no transport. */
	dev_dbg(&card->dev, "cache flushed (part %u)\n", card->part_curr);
}

/*
 * Returns 0 with the card's device lock held, or -EBUSY / -ENODEV without
 * it: lock held exactly on success, like device_lock_interruptible().
 */
int h21m_card_lock_ready(struct h21m_card *card)
{
	if (!device_trylock(&card->dev))
		return -EBUSY;
	if (card->state & H21M_CARD_STATE_REMOVED) {
		device_unlock(&card->dev);
		return -ENODEV;
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/*
 * Start an erase: meant to return with the lock dropped on every path, but
 * the goto for a misaligned range skips the unlock.
 */
int h21m_card_erase_begin(struct h21m_card *card, u32 from, u32 nr)
{
	struct device *dev = &card->dev;
	int err = 0;

	device_lock(dev);
	if (!nr)
		goto out_unlock;
	if (card->erase_size && (from % card->erase_size))
		goto out_misaligned;

	err = h21m_card_switch_part_locked(dev, H21M_PART_USER); /* EXPECT-NONE: device-lock-required */
out_unlock:
	device_unlock(dev);
	return err;
out_misaligned:
	return -EINVAL; /* EXPECT: lock-imbalance */
}

/* Same job with a correct unwind. */
int h21m_card_erase_range(struct h21m_card *card, u32 from, u32 nr)
{
	struct device *dev = &card->dev;
	int err = 0;

	device_lock(dev);
	if (!nr)
		goto out_unlock;
	if (card->erase_size && (from % card->erase_size)) {
		err = -EINVAL;
		goto out_unlock;
	}

	err = h21m_card_switch_part_locked(dev, H21M_PART_USER); /* EXPECT-NONE: device-lock-required */
	if (!err)
		h21m_card_flush_cache(card);
out_unlock:
	device_unlock(dev);
	return err; /* EXPECT-NONE: lock-imbalance */
}

/* Takes the lock itself: no requirement escapes to the callers. */
int h21m_card_sanitize(struct h21m_card *card)
{
	int err;

	guard(device)(&card->dev);
	err = h21m_card_set_bus_width(card, 1);
	if (err)
		return err;
	h21m_card_flush_cache(card); /* EXPECT-NONE: device-lock-required */
	return h21m_card_switch_part_locked(&card->dev, H21M_PART_USER); /* EXPECT-NONE: device-lock-required */
}
