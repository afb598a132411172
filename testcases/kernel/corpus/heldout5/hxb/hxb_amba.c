// SPDX-License-Identifier: GPL-2.0
/*
 * An hxb client on the amba bus (drivers/amba/bus.c), shaped as
 * drivers/gpu/host1x's gr2d client (drivers/gpu/drm/tegra/gr2d.c:
 * gr2d_probe() registering a host1x_client) and a PrimeCell driver
 * (drivers/dma/pl330.c: pl330_probe(), pl330_remove()).
 *
 * What the amba bus holds: amba_probe() and amba_remove() are the bus
 * probe/remove (really_probe(), device_release_driver_internal(), under
 * device_lock(&adev->dev)); amba_shutdown() is the bus shutdown, called by
 * drivers/base/core.c:device_shutdown() under device_lock(dev).  The
 * threaded IRQ handler and the work item hold nothing.
 */
#include <linux/amba/bus.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/workqueue.h>
#include "hxb.h"

struct hxb_gr2d {
	struct amba_device *adev;
	struct hxb_client client;
	bool powered;
	struct work_struct idle_work;
};

/* _locked: the caller holds device_lock(&adev->dev) */
static void hxb_gr2d_power_locked(struct amba_device *adev, bool on)
{
	struct hxb_gr2d *gr2d = amba_get_drvdata(adev);

	gr2d->powered = on;
}

/*
 * hxb_client_ops.init: called from hxb_device_init(), which runs only from
 * the logical driver's probe (hxb_drm_probe()), with the logical device's
 * lock held (not this amba device's).
 */
static int hxb_gr2d_init(struct hxb_client *client)
{
	hxb_device_sync(client->hd); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static const struct hxb_client_ops hxb_gr2d_ops = {
	.init = hxb_gr2d_init,
};

static irqreturn_t hxb_gr2d_irq_thread(int irq, void *data)
{
	struct hxb_gr2d *gr2d = data;

	hxb_gr2d_power_locked(gr2d->adev, false); /* EXPECT: device-lock-required */
	schedule_work(&gr2d->idle_work);
	return IRQ_HANDLED;
}

static void hxb_gr2d_idle_work(struct work_struct *work)
{
	struct hxb_gr2d *gr2d = container_of(work, struct hxb_gr2d, idle_work);
	struct amba_device *adev = gr2d->adev;

	device_lock(&adev->dev); /* EXPECT-NONE: lock-imbalance */
	hxb_gr2d_power_locked(adev, false); /* EXPECT-NONE: device-lock-required */
	device_unlock(&adev->dev);
}

static int hxb_gr2d_probe(struct amba_device *adev, const struct amba_id *id)
{
	struct hxb_gr2d *gr2d;
	int err;

	gr2d = devm_kzalloc(&adev->dev, sizeof(*gr2d), GFP_KERNEL);
	if (!gr2d)
		return -ENOMEM;
	gr2d->adev = adev;
	INIT_WORK(&gr2d->idle_work, hxb_gr2d_idle_work);
	amba_set_drvdata(adev, gr2d);

	hxb_gr2d_power_locked(adev, true); /* EXPECT-NONE: device-lock-required */

	err = devm_request_threaded_irq(&adev->dev, adev->irq[0], NULL,
					hxb_gr2d_irq_thread, IRQF_ONESHOT,
					dev_name(&adev->dev), gr2d);
	if (err)
		return err;

	gr2d->client.dev = &adev->dev;
	gr2d->client.ops = &hxb_gr2d_ops;
	return hxb_client_register(&gr2d->client);
}

static void hxb_gr2d_remove(struct amba_device *adev)
{
	struct hxb_gr2d *gr2d = amba_get_drvdata(adev);

	hxb_client_unregister(&gr2d->client);
	cancel_work_sync(&gr2d->idle_work);

	/* amba_remove() runs under this very lock: taking it again deadlocks */
	device_lock(&adev->dev); /* EXPECT: lock-imbalance */
	gr2d->powered = false;
	device_unlock(&adev->dev);
}

static void hxb_gr2d_shutdown(struct amba_device *adev)
{
	struct hxb_gr2d *gr2d = amba_get_drvdata(adev);

	cancel_work_sync(&gr2d->idle_work);
	hxb_gr2d_power_locked(adev, false); /* EXPECT-NONE: device-lock-required */
}

static const struct amba_id hxb_gr2d_ids[] = {
	{ .id = 0x000bb2d0, .mask = 0x000fffff },
	{ 0, 0 },
};
MODULE_DEVICE_TABLE(amba, hxb_gr2d_ids);

static struct amba_driver hxb_gr2d_driver = {
	.drv.name = "hxb-gr2d",
	.id_table = hxb_gr2d_ids,
	.probe = hxb_gr2d_probe,
	.remove = hxb_gr2d_remove,
	.shutdown = hxb_gr2d_shutdown,
};

int hxb_amba_init(void)
{
	return amba_driver_register(&hxb_gr2d_driver);
}

void hxb_amba_exit(void)
{
	amba_driver_unregister(&hxb_gr2d_driver);
}
