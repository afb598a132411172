// SPDX-License-Identifier: GPL-2.0
/*
 * spix_chip.c - an SPI client on the spix controller's bus, shaped on
 * drivers/net/can/spi/mcp251x.c (probe, remove, restart and tx works), with
 * sysfs attributes in the shapes of drivers/usb/core/sysfs.c
 * (supports_autosuspend_show(), level_store()); and the
 * module's init, which registers both drivers.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/spi/spi.h>
#include <linux/sysfs.h>
#include "spix.h"

#define SPIX_MAX_THRESHOLD	64

/*
 * Work item: kernel/workqueue.c:process_one_work() runs it with no device
 * lock; it takes the client's lock itself around the reload, as
 * mcp251x.c:mcp251x_restart_work_handler() takes its own mutex.
 */
static void spix_chip_restart_work(struct work_struct *work)
{
	struct spix_chip *chip = container_of(work, struct spix_chip, restart_work);
	struct device *dev = &chip->spi->dev;

	device_lock(dev); /* EXPECT-NONE: lock-imbalance */
	spix_hw_reload_locked(dev, chip->st.fifo_level); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
}

/*
 * Work item, no device lock (process_one_work()); the same reload without
 * the lock, as mcp251x.c:mcp251x_tx_work_handler() runs unlocked.
 */
static void spix_chip_resync_work(struct work_struct *work)
{
	struct spix_chip *chip = container_of(work, struct spix_chip, resync_work);

	spix_hw_reload_locked(&chip->spi->dev, chip->st.fifo_level); /* EXPECT: device-lock-required */
}

/*
 * Work item (process_one_work(), no device lock) taking the lock by
 * guard(device), as drivers/cxl/pci.c:cxl_reset_done().
 */
static void spix_chip_cs_work(struct work_struct *work)
{
	struct spix_chip *chip = container_of(work, struct spix_chip, cs_work);

	guard(device)(&chip->spi->dev);
	spix_hw_set_cs_timing(&chip->spi->dev, chip->st.cs_ns); /* EXPECT-NONE: device-lock-required */
}

/*
 * The client's interrupt thread (kernel/irq/manage.c:irq_thread(), no
 * device lock) queues the works above, as mcp251x.c:mcp251x_can_ist()
 * queues its restart work.  Nothing is called here that needs a lock.
 */
static irqreturn_t spix_chip_ist(int irq, void *dev_id)
{
	struct spix_chip *chip = dev_id;
	u32 pending = chip->st.pending;

	if (!pending)
		return IRQ_NONE;
	chip->st.pending = 0;
	if (pending & SPIX_IRQ_OVF)
		schedule_work(&chip->restart_work);
	else
		schedule_work(&chip->resync_work);
	if (pending & SPIX_IRQ_CS)
		schedule_work(&chip->cs_work);
	return IRQ_HANDLED;
}

/*
 * The attributes below are the spi_driver's dev_groups: drivers/base/dd.c:
 * really_probe() -> driver_sysfs_add()/device_add_groups() creates them and
 * kernfs calls ->store (dev_attr_store()) with no device lock.
 */

/* unlocked store, as drivers/watchdog/watchdog_dev.c:nowayout_store() */
static ssize_t flush_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	bool doit;
	int ret;

	ret = kstrtobool(buf, &doit);
	if (ret)
		return ret;
	if (doit)
		spix_hw_flush_fifo(dev); /* EXPECT: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(flush);

/* locked store, as drivers/usb/core/sysfs.c:supports_autosuspend_show() */
static ssize_t drain_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	bool doit;
	int ret;

	ret = kstrtobool(buf, &doit);
	if (ret)
		return ret;
	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;
	if (doit)
		spix_hw_flush_fifo(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev); /* EXPECT-NONE: lock-imbalance */
	return count;
}
static DEVICE_ATTR_WO(drain);

/*
 * An error return that keeps the lock while the other returns drop it;
 * drivers/usb/core/sysfs.c:level_store() sets rc and falls through to its
 * one unlock instead (mode_store() below is the twin in that shape).
 */
static ssize_t threshold_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct spix_chip *chip = dev_get_drvdata(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		return -ENODEV;
	}
	if (val > SPIX_MAX_THRESHOLD)
		return -EINVAL; /* EXPECT: lock-imbalance */
	chip->threshold = val;
	spix_hw_reload_locked(dev, val); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return count;
}
static DEVICE_ATTR_WO(threshold);

/* its twin, unwinding through one unlock */
static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct spix_chip *chip = dev_get_drvdata(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	device_lock(dev);
	if (!dev->driver) {
		ret = -ENODEV;
		goto out_unlock;
	}
	if (val > 3) {
		ret = -EINVAL;
		goto out_unlock;
	}
	chip->mode = val;
	ret = spix_hw_set_cs_timing(dev, 10 + 5 * val); /* EXPECT-NONE: device-lock-required */
out_unlock:
	device_unlock(dev);
	return ret ? ret : count; /* EXPECT-NONE: lock-imbalance */
}
static DEVICE_ATTR_WO(mode);

/*
 * device_lock_interruptible() unchecked: on a signal the lock is not taken
 * and the unlock releases a lock not held (drain_store() is the twin).
 */
static ssize_t cs_ns_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct spix_chip *chip = dev_get_drvdata(dev);
	u32 val;
	int ret;

	ret = kstrtou32(buf, 0, &val);
	if (ret)
		return ret;

	device_lock_interruptible(dev);
	chip->st.cs_ns = val;
	device_unlock(dev); /* EXPECT: lock-imbalance */
	return count;
}
static DEVICE_ATTR_WO(cs_ns);

static struct attribute *spix_chip_attrs[] = {
	&dev_attr_flush.attr,
	&dev_attr_drain.attr,
	&dev_attr_threshold.attr,
	&dev_attr_mode.attr,
	&dev_attr_cs_ns.attr,
	NULL
};
ATTRIBUTE_GROUPS(spix_chip);

/*
 * spi_driver.probe: drivers/spi/spi.c:spi_probe() is spi_bus_type.probe,
 * which drivers/base/dd.c:really_probe() calls under device_lock(&spi->dev).
 * Shaped on mcp251x.c:mcp251x_can_probe().
 */
static int spix_chip_probe(struct spi_device *spi)
{
	struct spix_chip *chip;
	int ret;

	chip = devm_kzalloc(&spi->dev, sizeof(*chip), GFP_KERNEL);
	if (!chip)
		return -ENOMEM;

	chip->spi = spi;
	spi_set_drvdata(spi, chip);
	INIT_WORK(&chip->restart_work, spix_chip_restart_work);
	INIT_WORK(&chip->resync_work, spix_chip_resync_work);
	INIT_WORK(&chip->cs_work, spix_chip_cs_work);

	spi->mode = SPI_MODE_0;
	spi->bits_per_word = 8;
	ret = spi_setup(spi);
	if (ret)
		return ret;

	if (spi->irq > 0) {
		ret = devm_request_threaded_irq(&spi->dev, spi->irq, NULL,
						spix_chip_ist, IRQF_ONESHOT,
						dev_name(&spi->dev), chip);
		if (ret)
			return ret;
	}

	return spix_hw_set_cs_timing(&spi->dev, 20); /* EXPECT-NONE: device-lock-required */
}

/*
 * spi_driver.remove: spi_remove() is spi_bus_type.remove, called by
 * drivers/base/dd.c:device_remove() from __device_release_driver() under
 * device_lock(&spi->dev).  Shaped on mcp251x.c:mcp251x_can_remove().
 */
static void spix_chip_remove(struct spi_device *spi)
{
	struct spix_chip *chip = spi_get_drvdata(spi);

	cancel_work_sync(&chip->resync_work);
	spix_hw_flush_fifo(&spi->dev); /* EXPECT-NONE: device-lock-required */
}

/*
 * spi_driver.shutdown: spi_shutdown() is spi_bus_type.shutdown, called by
 * drivers/base/core.c:device_shutdown() under device_lock(&spi->dev) (and
 * the parent's): locking it again is a double lock (restart_work above is
 * the twin that takes it where it is not held).
 */
static void spix_chip_shutdown(struct spi_device *spi)
{
	struct spix_chip *chip = spi_get_drvdata(spi);

	device_lock(&spi->dev); /* EXPECT: lock-imbalance */
	chip->st.fifo_level = 0;
	device_unlock(&spi->dev);
}

static const struct of_device_id spix_chip_of_match[] = {
	{ .compatible = "corpus,spix-chip" },
	{ }
};
MODULE_DEVICE_TABLE(of, spix_chip_of_match);

static const struct spi_device_id spix_chip_id[] = {
	{ "spix-chip", 0 },
	{ }
};
MODULE_DEVICE_TABLE(spi, spix_chip_id);

static struct spi_driver spix_chip_driver = {
	.driver = {
		.name = "spix-chip",
		.of_match_table = spix_chip_of_match,
		.dev_groups = spix_chip_groups,
	},
	.id_table = spix_chip_id,
	.probe = spix_chip_probe,
	.remove = spix_chip_remove,
	.shutdown = spix_chip_shutdown,
};

int spix_chip_register(void)
{
	return spi_register_driver(&spix_chip_driver);
}

void spix_chip_unregister(void)
{
	spi_unregister_driver(&spix_chip_driver);
}

static int __init spix_init(void)
{
	int ret;

	ret = spix_host_register();
	if (ret)
		return ret;
	ret = spix_chip_register();
	if (ret)
		spix_host_unregister();
	return ret;
}
module_init(spix_init);

static void __exit spix_exit(void)
{
	spix_chip_unregister();
	spix_host_unregister();
}
module_exit(spix_exit);

MODULE_DESCRIPTION("iommu-lockcheck corpus: SPI controller and client");
MODULE_LICENSE("GPL");
