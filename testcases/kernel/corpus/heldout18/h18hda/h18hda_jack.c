// SPDX-License-Identifier: GPL-2.0
/*
 * h18hda_jack.c - jack/ELD/pin helpers that need a device lock, and the
 * lock helpers of the driver.
 *
 * Contract styles imitated (linux 6.12):
 *   device_lock_assert()   drivers/cxl/core/port.c:unregister_port,
 *                          drivers/base/core.c:kill_device
 *   *_locked name          drivers/cxl/core/port.c:cxl_decoder_add_locked
 *   "Context:" kernel-doc  drivers/usb/core/message.c:usb_set_configuration
 *                          ("Caller holds device lock."), and the opposite,
 *                          drivers/usb/core/hub.c:usb_port_suspend
 *                          ("device not locked")
 *   lock helper returning with the lock held exactly on success:
 *                          include/linux/device.h:device_lock_interruptible,
 *                          drivers/pci/pci.c:pci_dev_trylock
 */
#include <linux/device.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <sound/hdaudio.h>
#include "h18hda.h"

void h18hda_jack_sync(struct hdac_device *hdev)
{
	struct h18hda *hda = dev_get_drvdata(&hdev->dev);

	device_lock_assert(&hdev->dev);
	hda->route = snd_hdac_check_power_state(hdev, hdev->afg, AC_PWRST_D0);
}

/* caller holds device_lock(dev) */
int h18hda_pin_route_locked(struct device *dev, unsigned int route)
{
	struct h18hda *hda = dev_get_drvdata(dev);

	if (route >= hda->nr_pins)
		return -EINVAL;
	hda->route = route;
	return 0;
}

/**
 * h18hda_eld_refresh - re-read the ELD of the routed pin
 * @dev: the codec device
 *
 * Context: Process context. Caller holds device_lock(@dev).
 *
 * Return: 0 on success, -ENODEV when no pin is routed.
 */
int h18hda_eld_refresh(struct device *dev)
{
	struct h18hda *hda = dev_get_drvdata(dev);
	unsigned long flags;

	if (!hda->nr_pins)
		return -ENODEV;
	spin_lock_irqsave(&hda->eld_lock, flags);
	memset(hda->eld, 0, sizeof(hda->eld));
	spin_unlock_irqrestore(&hda->eld_lock, flags);
	return 0;
}

/**
 * h18hda_eld_copy - copy out the cached ELD
 * @hda: driver data
 * @buf: destination
 * @len: size of @buf
 *
 * Context: must be able to sleep; device not locked; takes hda->eld_lock.
 */
void h18hda_eld_copy(struct h18hda *hda, u8 *buf, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&hda->eld_lock, flags);
	memcpy(buf, hda->eld, min(len, sizeof(hda->eld)));
	spin_unlock_irqrestore(&hda->eld_lock, flags);
}

/* a sibling codec on the same link: it must not unbind while we look */
void h18hda_link_sibling(struct device *sib)
{
	device_lock_assert(sib);
	dev_dbg(sib, "h18hda: sibling codec linked\n");
}

/* pin devices: caller holds device_lock(pdev) */
void h18hda_pin_mute_locked(struct device *pdev, bool mute)
{
	struct h18hda_pin *pin = to_h18hda_pin(pdev);

	pin->muted = mute;
}

/* ---- lock helpers ---- */

int h18hda_lock_codec(struct h18hda *hda)
{
	/* a trylock: remove cancels the works that call this with the lock held */
	if (!device_trylock(hda->dev)) /* EXPECT-NONE: lock-imbalance @hda_lockc */
		return -EBUSY; /* EXPECT-NONE: lock-imbalance @hda_lockc */
	if (!hda->hdev->registered) {
		device_unlock(hda->dev);
		return -ENODEV; /* EXPECT-NONE: lock-imbalance @hda_lockc */
	}
	return 0; /* EXPECT-NONE: lock-imbalance @hda_lockc */
}

void h18hda_unlock_codec(struct h18hda *hda)
{
	device_unlock(hda->dev);
}

/* leaky: an unbound pin leaves the loop with its lock held */
int h18hda_pins_quiesce(struct h18hda *hda)
{
	unsigned int i;

	for (i = 0; i < hda->nr_pins; i++) {
		struct h18hda_pin *pin = hda->pins[i];

		device_lock(&pin->dev); /* EXPECT: lock-imbalance @hda_quiesce */
		if (!pin->dev.driver)
			return -ENODEV; /* EXPECT: lock-imbalance @hda_quiesce */
		h18hda_pin_mute_locked(&pin->dev, true); /* EXPECT-NONE: device-lock-required */
		device_unlock(&pin->dev);
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* the same walk with a scoped guard per pin */
int h18hda_pins_restore(struct h18hda *hda)
{
	unsigned int i;

	for (i = 0; i < hda->nr_pins; i++) {
		struct h18hda_pin *pin = hda->pins[i];

		scoped_guard(device, &pin->dev) {
			if (pin->dev.driver)
				h18hda_pin_mute_locked(&pin->dev, false); /* EXPECT-NONE: device-lock-required */
		}
	}
	return 0; /* EXPECT-NONE: lock-imbalance */
}

/* locked through one name of the pin device, unlocked through another */
void h18hda_pin_touch(struct h18hda_pin *pin)
{
	struct device *d = &pin->dev;

	device_lock(d); /* EXPECT-NONE: lock-imbalance */
	h18hda_pin_mute_locked(&pin->dev, pin->muted); /* EXPECT-NONE: device-lock-required */
	device_unlock(&pin->dev);
}
