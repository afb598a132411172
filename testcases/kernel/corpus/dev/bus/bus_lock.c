// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_bus locking: a driver on the bus, and the trylock /
 * lock_interruptible / error-path shapes of drivers/pci/pci.c
 * (pci_dev_trylock()), drivers/platform/x86/intel/pmc/core.c
 * (pmc_core_set_device_d3()) and drivers/usb/core/sysfs.c
 * (supports_autosuspend_show()).
 */
#include <linux/device.h>
#include <linux/slab.h>
#include "bus.h"

/* Called by cbus_probe(), itself called by the driver core under the lock. */
static int cdrv_probe(struct cbus_device *cdev)
{
	struct cbus_device *sub;

	if (cdev->id & 1) {
		/* the driver core already holds it: a self-deadlock */
		device_lock(&cdev->dev); /* EXPECT: lock-imbalance */
		cdev->state = 1;
		device_unlock(&cdev->dev);
		return 0;
	}

	sub = kzalloc(sizeof(*sub), GFP_KERNEL);
	if (!sub)
		return -ENOMEM;
	device_initialize(&sub->dev);
	/* a device of our own, not yet added: its lock is free */
	device_lock(&sub->dev); /* EXPECT-NONE: lock-imbalance */
	sub->state = 1;
	device_unlock(&sub->dev);
	cdev->sub = sub;
	return 0;
}

static void cdrv_remove(struct cbus_device *cdev)
{
	if (cdev->sub)
		put_device(&cdev->sub->dev);
	cbus_apply(&cdev->dev); /* EXPECT-NONE: device-lock-required */
}

/* pci_dev_trylock() users: do the work only if the lock was taken. */
int cbus_try_reset(struct cbus_device *cdev)
{
	if (!device_trylock(&cdev->dev))
		return -EAGAIN;
	cbus_apply(&cdev->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&cdev->dev);
	return 0;
}

/* pmc_core_set_device_d3() gone wrong: warn on contention and carry on. */
int cbus_force_reset(struct cbus_device *cdev)
{
	bool locked = device_trylock(&cdev->dev);

	if (!locked)
		dev_warn(&cdev->dev, "busy, resetting anyway\n");
	cbus_apply(&cdev->dev); /* EXPECT: device-lock-required */
	if (locked)
		device_unlock(&cdev->dev); /* EXPECT-NONE: lock-imbalance */
	return 0;
}

static ssize_t state_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	int s = device_lock_interruptible(dev);

	if (s < 0)
		return -EINTR;
	cbus_apply(dev); /* EXPECT-NONE: device-lock-required */
	s = to_cbus_device(dev)->state;
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return sysfs_emit(buf, "%d\n", s);
}

/* The interrupted lock is not checked: apply and unlock run unlocked. */
static ssize_t state_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	if (device_lock_interruptible(dev))
		dev_dbg(dev, "interrupted\n");
	cbus_apply(dev); /* EXPECT: device-lock-required */
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return count;
}
static DEVICE_ATTR_RW(state);

static struct attribute *cdrv_dev_attrs[] = {
	&dev_attr_state.attr,
	NULL,
};
ATTRIBUTE_GROUPS(cdrv_dev);

/* Returns with the lock held on one error path, unlocked on the others. */
int cbus_set_state(struct cbus_device *cdev, int state)
{
	device_lock(&cdev->dev);
	if (state < 0)
		return -EINVAL; /* EXPECT: lock-imbalance */
	if (!cdev->dev.driver) {
		device_unlock(&cdev->dev);
		return -ENODEV;
	}
	cdev->state = state;
	device_unlock(&cdev->dev);
	return 0;
}

/* The same, every error path through the unlock. */
int cbus_set_state_checked(struct cbus_device *cdev, int state)
{
	int ret = 0;

	device_lock(&cdev->dev);
	if (state < 0) {
		ret = -EINVAL;
		goto out;
	}
	if (!cdev->dev.driver) {
		ret = -ENODEV;
		goto out;
	}
	cdev->state = state;
out:
	device_unlock(&cdev->dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/* Unlocks twice on its error path. */
int cbus_commit(struct cbus_device *cdev)
{
	int ret;

	device_lock(&cdev->dev);
	ret = cdev->state ? 0 : -EIO;
	device_unlock(&cdev->dev);
	if (ret)
		goto err;
	return 0;
err:
	device_unlock(&cdev->dev); /* EXPECT: lock-imbalance */
	return ret;
}

/* The same, unwound right. */
int cbus_commit_checked(struct cbus_device *cdev)
{
	int ret;

	device_lock(&cdev->dev);
	ret = cdev->state ? 0 : -EIO;
	if (ret)
		goto err;
	device_unlock(&cdev->dev);
	return 0;
err:
	device_unlock(&cdev->dev); /* EXPECT-NONE: lock-imbalance */
	return ret;
}

static struct cbus_driver cdrv_driver = {
	.driver = {
		.name = "corpus-cdrv",
		.bus = &cbus_type,
		.dev_groups = cdrv_dev_groups,
	},
	.probe = cdrv_probe,
	.remove = cdrv_remove,
};

int cbus_lock_init(void)
{
	return driver_register(&cdrv_driver.driver);
}

void cbus_lock_exit(void)
{
	driver_unregister(&cdrv_driver.driver);
}
