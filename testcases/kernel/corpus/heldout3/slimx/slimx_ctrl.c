// SPDX-License-Identifier: GPL-2.0
/*
 * slimx controller: a platform driver that registers the slaves of its
 * DT node on the slimx bus and enumerates them.  Shape:
 * drivers/slimbus/qcom-ngd-ctrl.c (qcom_slim_ngd_probe(), its workers)
 * and drivers/slimbus/core.c:of_register_slim_devices().
 *
 * The bus helpers (slimx_bus.c) need the device lock of the *slave*;
 * nothing here is a slot the driver core calls with the slave's lock:
 * platform probe/remove hold the controller's lock only (really_probe()
 * locks the device being probed, and its parent when the bus needs it:
 * drivers/base/dd.c:__device_attach_driver()/__driver_attach() lock
 * dev->parent only for USB interfaces, dev->bus->need_parent_lock).
 */
#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/uaccess.h>
#include "slimx.h"

struct slimx_ctrl {
	struct slimx_controller ctrl;
	struct work_struct enum_work;
	struct work_struct lost_work;
	struct work_struct kill_work;
	struct work_struct relock_work;
	struct dentry *dbg;
	u32 status;
};

static ssize_t laddr_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct slimx_device *sdev = to_slimx_device(dev);
	u8 val;
	int ret;

	ret = kstrtou8(buf, 0, &val);
	if (ret)
		return ret;
	/*
	 * A sysfs store: drivers/base/core.c:dev_attr_store() calls it with
	 * no device lock.  Shape: drivers/base/dd.c:coredump_store() without
	 * its device_lock().
	 */
	ret = slimx_set_laddr(sdev, val); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}

static ssize_t laddr_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	/*
	 * slimx_get_laddr()'s Context: line says it takes the lock itself:
	 * calling it unlocked is right.
	 */
	return sysfs_emit(buf, "%d\n", slimx_get_laddr(to_slimx_device(dev))); /* EXPECT-NONE: device-lock-required */
}
static DEVICE_ATTR_RW(laddr);

static ssize_t present_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct slimx_device *sdev = to_slimx_device(dev);
	bool on;
	int ret;

	ret = kstrtobool(buf, &on);
	if (ret)
		return ret;
	/* Shape: drivers/base/dd.c:coredump_store(): lock around the call. */
	device_lock(dev);
	if (on)
		ret = slimx_report_present(sdev); /* EXPECT-NONE: device-lock-required */
	else
		slimx_mark_absent_locked(sdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(present);

/*
 * Inconsistent returns.  Shape: drivers/usb/gadget/udc/core.c:
 * soft_connect_store(), which locks the gadget's device and leaves
 * through "goto out" on every error; here one error return forgets it.
 */
static ssize_t reenum_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct slimx_device *sdev = to_slimx_device(dev);
	ssize_t ret = count;

	device_lock(&sdev->dev);
	if (!dev->driver) {
		device_unlock(&sdev->dev);
		return -ENODEV;
	}
	if (sysfs_streq(buf, "absent")) {
		slimx_mark_absent_locked(sdev); /* EXPECT-NONE: device-lock-required */
	} else if (sysfs_streq(buf, "present")) {
		if (slimx_report_present(sdev)) /* EXPECT-NONE: device-lock-required */
			return -EIO; /* EXPECT: lock-imbalance */
	} else {
		ret = -EINVAL;
	}
	device_unlock(&sdev->dev);
	return ret;
}
static DEVICE_ATTR_WO(reenum);

/* The twin of reenum_store(): every error leaves through "out". */
static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct slimx_device *sdev = to_slimx_device(dev);
	ssize_t ret = count;

	device_lock(&sdev->dev);
	if (!dev->driver) {
		ret = -ENODEV;
		goto out;
	}
	if (!sysfs_streq(buf, "1")) {
		ret = -EINVAL;
		goto out;
	}
	slimx_mark_absent_locked(sdev); /* EXPECT-NONE: device-lock-required */
	if (slimx_set_laddr(sdev, sdev->ctrl->next_laddr)) /* EXPECT-NONE: device-lock-required */
		ret = -EIO;
out:
	device_unlock(&sdev->dev); /* EXPECT-NONE: lock-imbalance */
	return ret;
}
static DEVICE_ATTR_WO(reset);

static struct attribute *slimx_dev_attrs[] = {
	&dev_attr_laddr.attr,
	&dev_attr_present.attr,
	&dev_attr_reenum.attr,
	&dev_attr_reset.attr,
	NULL
};
ATTRIBUTE_GROUPS(slimx_dev);

/*
 * Work items run from a kworker with no device lock.  Shape:
 * drivers/slimbus/qcom-ngd-ctrl.c:qcom_slim_ngd_up_worker().
 */
static void slimx_enum_work(struct work_struct *work)
{
	struct slimx_ctrl *sc = container_of(work, struct slimx_ctrl, enum_work);
	int i;

	for (i = 0; i < sc->ctrl.ndevs; i++)
		slimx_report_present(sc->ctrl.devs[i]); /* EXPECT: device-lock-required */
}

/* Its twin: scoped_guard() on each slave (drivers/cxl/pmem.c:detach_nvdimm()). */
static void slimx_lost_work(struct work_struct *work)
{
	struct slimx_ctrl *sc = container_of(work, struct slimx_ctrl, lost_work);
	int i;

	for (i = 0; i < sc->ctrl.ndevs; i++) {
		struct slimx_device *sdev = sc->ctrl.devs[i];

		scoped_guard(device, &sdev->dev)
			slimx_mark_absent_locked(sdev); /* EXPECT-NONE: device-lock-required */
	}
}

/*
 * A threaded IRQ handler (no device lock).  Shape of the trylock:
 * drivers/pci/pci.c:pci_dev_trylock() users that skip a busy device,
 * e.g. drivers/pci/pci.c:pci_bus_trylock(); here the failure path still
 * touches the slave.
 */
static irqreturn_t slimx_ctrl_irq_thread(int irq, void *data)
{
	struct slimx_ctrl *sc = data;
	struct slimx_device *sdev;

	if (sc->status & BIT(1))
		schedule_work(&sc->kill_work);
	if (sc->status & BIT(2))
		schedule_work(&sc->relock_work);
	if (!sc->ctrl.ndevs)
		return IRQ_NONE;
	sdev = sc->ctrl.devs[0];

	if (!device_trylock(&sdev->dev)) {
		slimx_mark_absent_locked(sdev); /* EXPECT: device-lock-required */
		return IRQ_HANDLED;
	}
	slimx_report_present(sdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&sdev->dev); /* EXPECT-NONE: lock-imbalance */
	return IRQ_HANDLED;
}

/*
 * The twin shape of the IRQ thread with the test the other way round:
 * the unlock is reached on the failure path too.
 */
static irqreturn_t slimx_ctrl_irq_thread2(int irq, void *data)
{
	struct slimx_ctrl *sc = data;
	struct slimx_device *sdev;
	bool got;

	schedule_work(&sc->lost_work);
	if (sc->ctrl.ndevs < 2)
		return IRQ_NONE;
	sdev = sc->ctrl.devs[1];

	got = device_trylock(&sdev->dev);
	if (got)
		slimx_report_present(sdev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&sdev->dev); /* EXPECT: lock-imbalance */
	return IRQ_HANDLED;
}

/*
 * kill_device() asserts the device lock (6.12 drivers/base/core.c:
 * kill_device(): device_lock_assert(dev)).  Shape: drivers/nvdimm/bus.c:
 * nd_device_unregister(): in the ND_SYNC case (a parent unregisters its
 * child) it locks the child around kill_device(); this work item, which
 * drops a lost slave, forgets to.
 */
static void slimx_kill_work(struct work_struct *work)
{
	struct slimx_ctrl *sc = container_of(work, struct slimx_ctrl, kill_work);
	struct slimx_device *sdev;

	if (!sc->ctrl.ndevs)
		return;
	sdev = sc->ctrl.devs[sc->ctrl.ndevs - 1];
	if (!kill_device(&sdev->dev)) /* EXPECT: device-lock-required */
		return;
	sc->ctrl.ndevs--;
	device_unregister(&sdev->dev);
}

/* The ND_SYNC twin: device_lock() around kill_device(). */
static void slimx_relock_work(struct work_struct *work)
{
	struct slimx_ctrl *sc = container_of(work, struct slimx_ctrl, relock_work);
	struct device *dev;
	bool killed;

	if (!sc->ctrl.ndevs)
		return;
	dev = &sc->ctrl.devs[sc->ctrl.ndevs - 1]->dev;
	device_lock(dev); /* EXPECT-NONE: lock-imbalance */
	killed = kill_device(dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	if (!killed)
		return;
	sc->ctrl.ndevs--;
	device_unregister(dev);
}

/*
 * debugfs writes on a slave's files, which the controller creates and
 * removes (before the slaves go): fs/debugfs/file.c:full_proxy_write()
 * calls the fops with no device lock.  Shape: drivers/usb/typec/ucsi/
 * debugfs.c:ucsi_cmd() (a command into the device from a debugfs file).
 */
static ssize_t slimx_dbg_laddr_write(struct file *file, const char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct slimx_device *sdev = file->private_data;
	u8 val;
	int ret;

	ret = kstrtou8_from_user(ubuf, count, 0, &val);
	if (ret)
		return ret;
	ret = slimx_set_laddr(sdev, val); /* EXPECT: device-lock-required */
	return ret ? ret : count;
}

static const struct file_operations slimx_dbg_laddr_fops = {
	.open = simple_open,
	.write = slimx_dbg_laddr_write,
};

/*
 * Its twin: guard(device) for the rest of the function, early returns
 * included (drivers/cxl/pci.c:cxl_reset_done()).
 */
static ssize_t slimx_dbg_present_write(struct file *file, const char __user *ubuf,
				       size_t count, loff_t *ppos)
{
	struct slimx_device *sdev = file->private_data;
	struct device *dev = &sdev->dev;
	bool on;
	int ret;

	ret = kstrtobool_from_user(ubuf, count, &on);
	if (ret)
		return ret;

	guard(device)(dev); /* EXPECT-NONE: lock-imbalance */
	if (!dev->driver)
		return -ENODEV;
	if (!on) {
		slimx_mark_absent_locked(to_slimx_device(dev)); /* EXPECT-NONE: device-lock-required */
		return count;
	}
	ret = slimx_report_present(sdev); /* EXPECT-NONE: device-lock-required */
	return ret ? ret : count;
}

static const struct file_operations slimx_dbg_present_fops = {
	.open = simple_open,
	.write = slimx_dbg_present_write,
};

/*
 * Platform probe: really_probe() holds the controller's lock, not the
 * slaves'.  Shape: drivers/slimbus/core.c:of_register_slim_devices()
 * (slim_alloc_device() + device_add() per child node).
 */
static int slimx_ctrl_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np;
	struct slimx_ctrl *sc;
	int irq, ret;

	sc = devm_kzalloc(dev, sizeof(*sc), GFP_KERNEL);
	if (!sc)
		return -ENOMEM;
	sc->ctrl.dev = dev;
	INIT_WORK(&sc->enum_work, slimx_enum_work);
	INIT_WORK(&sc->lost_work, slimx_lost_work);
	INIT_WORK(&sc->kill_work, slimx_kill_work);
	INIT_WORK(&sc->relock_work, slimx_relock_work);
	sc->dbg = debugfs_create_dir(dev_name(dev), NULL);
	platform_set_drvdata(pdev, sc);

	for_each_available_child_of_node(dev->of_node, np) {
		struct slimx_device *sdev;

		if (sc->ctrl.ndevs == SLIMX_MAX_DEVS) {
			of_node_put(np);
			break;
		}
		sdev = slimx_device_alloc(&sc->ctrl, np);
		if (!sdev)
			continue;
		sdev->dev.groups = slimx_dev_groups;
		dev_set_name(&sdev->dev, "%s.%d", dev_name(dev), sc->ctrl.ndevs);
		/*
		 * The controller's lock (held) is not the slave's: the
		 * slave is not yet added, but the helper asserts its lock.
		 */
		ret = slimx_set_laddr(sdev, sc->ctrl.ndevs + 1); /* EXPECT: device-lock-required */
		if (ret || device_add(&sdev->dev)) {
			put_device(&sdev->dev);
			continue;
		}
		sc->ctrl.devs[sc->ctrl.ndevs++] = sdev;
		debugfs_create_file("laddr", 0200, sc->dbg, sdev, &slimx_dbg_laddr_fops);
		debugfs_create_file("present", 0200, sc->dbg, sdev, &slimx_dbg_present_fops);
	}
	sc->ctrl.next_laddr = sc->ctrl.ndevs + 1;

	/*
	 * Twin: the slave's own lock taken under the controller's (parent
	 * before child, the order of drivers/base/dd.c:__device_attach_driver()).
	 * Shape: drivers/media/platform/renesas/rcar_drif.c:
	 * rcar_drif_bond_available() (device_lock() of another device).
	 */
	if (sc->ctrl.ndevs) {
		struct slimx_device *first = sc->ctrl.devs[0];

		device_lock(&first->dev);
		slimx_report_present(first); /* EXPECT-NONE: device-lock-required */
		device_unlock(&first->dev);
	}

	irq = platform_get_irq_optional(pdev, 0);
	if (irq > 0) {
		ret = devm_request_threaded_irq(dev, irq, NULL,
						slimx_ctrl_irq_thread,
						IRQF_ONESHOT, "slimx", sc);
		if (ret)
			return ret;
	}
	irq = platform_get_irq_optional(pdev, 1);
	if (irq > 0) {
		ret = devm_request_threaded_irq(dev, irq, NULL,
						slimx_ctrl_irq_thread2,
						IRQF_ONESHOT, "slimx-lost", sc);
		if (ret)
			return ret;
	}
	schedule_work(&sc->enum_work);
	return 0;
}

static void slimx_ctrl_remove(struct platform_device *pdev)
{
	struct slimx_ctrl *sc = platform_get_drvdata(pdev);
	int i;

	debugfs_remove_recursive(sc->dbg);
	cancel_work_sync(&sc->enum_work);
	cancel_work_sync(&sc->lost_work);
	cancel_work_sync(&sc->kill_work);
	cancel_work_sync(&sc->relock_work);
	for (i = 0; i < sc->ctrl.ndevs; i++)
		device_unregister(&sc->ctrl.devs[i]->dev);
}

static const struct of_device_id slimx_ctrl_of_match[] = {
	{ .compatible = "heldout3,slimx-ctrl" },
	{ }
};
MODULE_DEVICE_TABLE(of, slimx_ctrl_of_match);

static struct platform_driver slimx_ctrl_driver = {
	.probe = slimx_ctrl_probe,
	.remove = slimx_ctrl_remove,
	.driver = {
		.name = "slimx-ctrl",
		.of_match_table = slimx_ctrl_of_match,
	},
};

int slimx_ctrl_init(void)
{
	return platform_driver_register(&slimx_ctrl_driver);
}

void slimx_ctrl_exit(void)
{
	platform_driver_unregister(&slimx_ctrl_driver);
}
