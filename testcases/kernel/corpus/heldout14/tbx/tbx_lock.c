// SPDX-License-Identifier: GPL-2.0-only
/*
 * tbx lock helpers: service lookup under an XDomain that hands the service
 * back locked, and the helpers that need the service's device lock.
 */
#include <linux/device.h>
#include <linux/string.h>
#include <linux/thunderbolt.h>

#include "tbx.h"

static int tbx_match_key(struct device *dev, void *data)
{
	struct tb_service *svc = tb_to_service(dev);

	return svc && svc->key && !strcmp(svc->key, data);
}

/*
 * Returns the bound service with its device lock held and a reference, or
 * NULL with neither.
 */
struct tb_service *tbx_lookup_and_lock(struct tb_xdomain *xd, const char *key)
{
	struct device *dev;

	dev = device_find_child(&xd->dev, (void *)key, tbx_match_key);
	if (!dev)
		return NULL;

	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		put_device(dev);
		return NULL; /* EXPECT-NONE: lock-imbalance */
	}

	return tb_to_service(dev); /* EXPECT-NONE: lock-imbalance */
}

/* Same lookup; the "unbound" exit forgets to drop the lock. */
struct tb_service *tbx_lookup_bound(struct tb_xdomain *xd, const char *key)
{
	struct device *dev;

	dev = device_find_child(&xd->dev, (void *)key, tbx_match_key);
	if (!dev)
		return NULL;

	device_lock(dev);
	if (!dev->driver) {
		put_device(dev);
		return NULL; /* EXPECT: lock-imbalance */
	}
	device_unlock(dev);

	return tb_to_service(dev);
}

void tbx_update_paths(struct tb_service *svc)
{
	struct tbx *tbx = tb_service_get_drvdata(svc);

	device_lock_assert(&svc->dev);

	if (tbx)
		tbx->rings_up = !!svc->dev.driver;
}

int tbx_ring_setup_locked(struct tb_service *svc)
{
	struct tbx *tbx = tb_service_get_drvdata(svc);

	if (!tbx)
		return -ENODEV;

	mutex_lock(&tbx->lock);
	tbx->rings_up = true;
	mutex_unlock(&tbx->lock);

	return 0;
}
