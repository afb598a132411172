// SPDX-License-Identifier: GPL-2.0
/* A platform driver whose sync_state callback commits state that its
 * device lock guards.  drivers/base/base.h's dev_sync_state() calls it,
 * and dd.c's state_synced_store() and core.c's
 * device_links_flush_sync_list() call that under device_lock(dev). */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct syncst {
	bool synced;
};

static void syncst_commit(struct device *dev)
{
	struct syncst *s = dev_get_drvdata(dev);

	device_lock_assert(dev);
	s->synced = true;
}

static void syncst_sync_state(struct device *dev)
{
	syncst_commit(dev);
}

/* a slot of its own that nobody calls locked */
struct syncst_ops {
	void (*kick)(struct device *dev);
};

static void syncst_kick(struct device *dev)
{
	syncst_commit(dev);
}

const struct syncst_ops syncst_ops = { .kick = syncst_kick };
EXPORT_SYMBOL_GPL(syncst_ops);

static int syncst_probe(struct platform_device *pdev)
{
	struct syncst *s = devm_kzalloc(&pdev->dev, sizeof(*s), GFP_KERNEL);

	if (!s)
		return -ENOMEM;
	platform_set_drvdata(pdev, s);
	return 0;
}

static struct platform_driver syncst_driver = {
	.probe = syncst_probe,
	.driver = {
		.name = "syncst",
		.sync_state = syncst_sync_state,
	},
};
module_platform_driver(syncst_driver);

MODULE_DESCRIPTION("sync_state lock context test module");
MODULE_LICENSE("GPL");
