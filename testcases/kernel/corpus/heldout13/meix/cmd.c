// SPDX-License-Identifier: GPL-2.0-only
/*
 * meix firmware command helpers.
 *
 * Mirrors drivers/watchdog/mei_wdt.c:mei_wdt_ping()/mei_wdt_stop() (the
 * management-control messages sent with mei_cldev_send()) and the enable
 * step of mei_wdt_probe().  The lock contracts follow drivers/cxl/core/
 * port.c (device_lock_assert(), a "_locked" name, a "Context:" line).
 *
 * These are not callbacks: no core calls them, the callers in main.c are
 * responsible for the device lock each one states.
 */
#include <linux/device.h>
#include <linux/mei_cl_bus.h>
#include <linux/string.h>

#include "meix.h"

/*
 * mei_wdt.c:mei_wdt_ping()/mei_wdt_stop(): build and send one request.
 * The state machine in struct meix is serialised by the client's device
 * lock, which must be held.
 */
int meix_send_cmd(struct meix *mx, u8 subcommand)
{
	struct meix_request req;
	const size_t req_len = sizeof(req);
	ssize_t ret;

	device_lock_assert(&mx->cldev->dev);

	memset(&req, 0, req_len);
	req.hdr.command = MEIX_MANAGEMENT_CONTROL;
	req.hdr.bytecount = req_len - offsetof(struct meix_mc_hdr, subcommand);
	req.hdr.subcommand = subcommand;
	req.hdr.versionnumber = MEIX_MC_VERSION_NUMBER;
	req.timeout = mx->timeout;

	ret = mei_cldev_send(mx->cldev, (u8 *)&req, req_len);
	if (ret < 0)
		return ret;

	return 0;
}

/*
 * Enable the firmware client (mei_wdt.c:mei_wdt_probe() does this inline).
 * Called again after a firmware reset; the caller holds the device lock of
 * @cldev, as the "_locked" suffix says.
 */
int meix_enable_locked(struct mei_cl_device *cldev)
{
	struct meix *mx = mei_cldev_get_drvdata(cldev);
	int ret;

	if (mei_cldev_enabled(cldev))
		return 0;

	ret = mei_cldev_enable(cldev);
	if (ret < 0) {
		dev_err(&cldev->dev, "Could not enable cl device\n");
		return ret;
	}

	mx->state = MEIX_IDLE;
	return 0;
}

/**
 * meix_reset_state() - forget the firmware watchdog state
 * @dev: the MEI client device (&cldev->dev)
 *
 * Wakes anybody waiting for a response and returns to the idle state with
 * the default timeout.
 *
 * Context: Process context. Caller holds the device lock of @dev.
 */
void meix_reset_state(struct device *dev)
{
	struct meix *mx = dev_get_drvdata(dev);

	mx->state = MEIX_IDLE;
	mx->timeout = MEIX_DEFAULT_TIMEOUT;
	if (!completion_done(&mx->response))
		complete(&mx->response);
}

/*
 * Lock @dev and return its driver data, or return NULL without the lock
 * when no live meix is bound: the lock is held exactly when the result is
 * non-NULL.  drivers/cxl/pci.c:cxl_handle_cper_event() does the same
 * lock-then-check-drvdata sequence inline.
 */
struct meix *meix_lock_drvdata(struct device *dev)
{
	struct meix *mx;

	device_lock(dev);
	mx = dev_get_drvdata(dev);
	if (!mx || mx->state == MEIX_NOT_REQUIRED) {
		device_unlock(dev);
		return NULL;	/* EXPECT-NONE: lock-imbalance */
	}

	return mx;		/* EXPECT-NONE: lock-imbalance */
}
