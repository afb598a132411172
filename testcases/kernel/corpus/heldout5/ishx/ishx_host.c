// SPDX-License-Identifier: GPL-2.0
/*
 * ishx host controller: a platform driver that creates the client devices
 * of the ishx bus, as drivers/hid/intel-ish-hid/ipc/pci-ish.c +
 * ishtp/bus.c:ishtp_bus_new_client(), and shares its DMA set-up with a
 * companion DSP found by phandle, as drivers/gpu/drm/msm/adreno/a6xx_gmu.c:
 * a6xx_gmu_wrapper_init() (of_find_device_by_node()).
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include "ishx.h"

/*
 * Called from ishx_host_probe() on a fixed client it created: the client's
 * own lock taken for the call, as drivers/cxl/pci.c:cxl_reset_done()
 * (guard(device)).
 */
static int ishx_host_start_client(struct ishx_cl_device *cl)
{
	guard(device)(&cl->dev);
	return ishx_cl_set_mode(cl, ISHX_MODE_ON); /* EXPECT-NONE: device-lock-required */
}

/*
 * The host's reset work (as ishtp's ISR -> ishtp_reset_handler() ->
 * ishtp_bus_remove_all_clients()): a work item, no device lock held on
 * entry.
 */
static void ishx_host_reset_work(struct work_struct *work)
{
	struct ishx_host *host = container_of(work, struct ishx_host, reset_work);
	struct ishx_cl_device *cl;
	int ret;

	/* the companion's DMA set-up redone, under the companion's lock */
	device_lock(&host->comp->dev);
	ret = of_dma_configure(&host->comp->dev, host->comp_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(&host->comp->dev);
	if (ret)
		dev_warn(host->dev, "companion DMA set-up failed: %d\n", ret);

	mutex_lock(&host->cl_lock);
	list_for_each_entry(cl, &host->clients, node) {
		scoped_guard(device, &cl->dev)
			ishx_cl_flush_locked(cl); /* EXPECT-NONE: device-lock-required */
	}
	mutex_unlock(&host->cl_lock);

	ishx_bus_reset_all(host);
	schedule_work(&host->resume_work);
}

/* queued before a firmware update: a work item, nothing held on entry */
static void ishx_host_quiesce_work(struct work_struct *work)
{
	struct ishx_host *host = container_of(work, struct ishx_host,
					      quiesce_work);
	struct ishx_cl_device *cl;

	mutex_lock(&host->cl_lock);
	list_for_each_entry(cl, &host->clients, node)
		if (ishx_bus_suspend_client(cl))
			dev_warn(&cl->dev, "busy, not quiesced\n");
	mutex_unlock(&host->cl_lock);
}

/* queued once the firmware is back: a work item, nothing held on entry */
static void ishx_host_resume_work(struct work_struct *work)
{
	struct ishx_host *host = container_of(work, struct ishx_host, resume_work);
	struct ishx_cl_device *cl;

	mutex_lock(&host->cl_lock);
	list_for_each_entry(cl, &host->clients, node)
		ishx_bus_resume_client(cl);
	mutex_unlock(&host->cl_lock);
}

/* threaded IRQ: firmware messages for the clients, or a reset request */
static irqreturn_t ishx_host_irq_thread(int irq, void *data)
{
	struct ishx_host *host = data;
	struct ishx_cl_device *cl;

	if (READ_ONCE(host->update_pending)) {
		schedule_work(&host->quiesce_work);
		return IRQ_HANDLED;
	}
	if (READ_ONCE(host->reset_pending)) {
		schedule_work(&host->reset_work);
		return IRQ_HANDLED;
	}
	mutex_lock(&host->cl_lock);
	list_for_each_entry(cl, &host->clients, node)
		ishx_bus_rx_event(cl);
	mutex_unlock(&host->cl_lock);
	return IRQ_HANDLED;
}

/*
 * platform_driver.probe: device_lock(&pdev->dev) is held (really_probe()),
 * the lock of the host, not of the clients it creates nor of the companion.
 */
static int ishx_host_probe(struct platform_device *pdev)
{
	struct ishx_host *host;
	struct ishx_cl_device *cl, *fixed;
	int ret;

	host = devm_kzalloc(&pdev->dev, sizeof(*host), GFP_KERNEL);
	if (!host)
		return -ENOMEM;

	host->dev = &pdev->dev;
	mutex_init(&host->cl_lock);
	INIT_LIST_HEAD(&host->clients);
	INIT_WORK(&host->reset_work, ishx_host_reset_work);
	INIT_WORK(&host->resume_work, ishx_host_resume_work);
	INIT_WORK(&host->quiesce_work, ishx_host_quiesce_work);
	platform_set_drvdata(pdev, host);

	ret = platform_get_irq(pdev, 0);
	if (ret < 0)
		return ret;
	ret = devm_request_threaded_irq(&pdev->dev, ret, NULL,
					ishx_host_irq_thread, IRQF_ONESHOT,
					"ishx-host", host);
	if (ret)
		return ret;

	host->comp_np = of_parse_phandle(pdev->dev.of_node, "ishx,companion", 0);
	if (!host->comp_np)
		return -ENODEV;
	host->comp = of_find_device_by_node(host->comp_np);
	if (!host->comp) {
		of_node_put(host->comp_np);
		return -EPROBE_DEFER;
	}

	/* the companion is another driver's device; its lock is not held */
	ret = of_dma_configure(&host->comp->dev, host->comp_np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
	if (ret)
		goto err_comp;

	mutex_lock(&host->cl_lock);
	cl = ishx_bus_add_device(host, 0);
	fixed = IS_ERR(cl) ? NULL : ishx_bus_add_fixed_device(host, 1);
	mutex_unlock(&host->cl_lock);
	if (IS_ERR(cl)) {
		ret = PTR_ERR(cl);
		goto err_comp;
	}
	if (IS_ERR(fixed)) {
		ret = PTR_ERR(fixed);
		goto err_clients;
	}

	/*
	 * device_add() has returned: whatever probe ran on the new client has
	 * dropped its lock again, and this probe holds only the host's.
	 */
	ret = ishx_cl_set_mode(cl, ISHX_MODE_ON); /* EXPECT: device-lock-required */
	if (ret)
		goto err_clients;
	ret = ishx_host_start_client(fixed);
	if (ret)
		goto err_clients;
	return 0;

err_clients:
	mutex_lock(&host->cl_lock);
	while (!list_empty(&host->clients))
		ishx_bus_remove_device(list_first_entry(&host->clients,
							struct ishx_cl_device, node));
	mutex_unlock(&host->cl_lock);
err_comp:
	put_device(&host->comp->dev);
	of_node_put(host->comp_np);
	return ret;
}

static void ishx_host_remove(struct platform_device *pdev)
{
	struct ishx_host *host = platform_get_drvdata(pdev);

	cancel_work_sync(&host->reset_work);
	cancel_work_sync(&host->resume_work);
	cancel_work_sync(&host->quiesce_work);
	mutex_lock(&host->cl_lock);
	while (!list_empty(&host->clients))
		ishx_bus_remove_device(list_first_entry(&host->clients,
							struct ishx_cl_device, node));
	mutex_unlock(&host->cl_lock);
	put_device(&host->comp->dev);
	of_node_put(host->comp_np);
}

static const struct of_device_id ishx_host_of_match[] = {
	{ .compatible = "corpus,ishx-host" },
	{ }
};
MODULE_DEVICE_TABLE(of, ishx_host_of_match);

static struct platform_driver ishx_host_driver = {
	.probe = ishx_host_probe,
	.remove = ishx_host_remove,
	.driver = {
		.name = "ishx-host",
		.of_match_table = ishx_host_of_match,
	},
};

int ishx_host_init(void)
{
	return platform_driver_register(&ishx_host_driver);
}

void ishx_host_exit(void)
{
	platform_driver_unregister(&ishx_host_driver);
}
