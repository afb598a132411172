// SPDX-License-Identifier: GPL-2.0
/*
 * tcx_ops.c - the altmode and cable ops, works and sysfs attributes of
 * tcx.  None of these slots runs under the altmode's device lock:
 *
 *  - ->vdm, ->attention: drivers/usb/typec/bus.c:typec_altmode_vdm() and
 *    typec_altmode_attention() are called by the port driver (tcpm.c from
 *    its state machine work, under its own port->lock); they call the
 *    ops directly and lock no device.
 *  - ->activate: drivers/usb/typec/class.c:active_store(), the "active"
 *    attribute of the altmode device; kernfs holds no device lock.
 *  - typec_cable_ops.vdm: bus.c:typec_cable_altmode_vdm(), from the port
 *    driver as above, on the plug's altmode.
 *  - works, and the driver's dev_groups attributes (as displayport.c's
 *    configuration_store()).
 */
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/sysfs.h>
#include <linux/usb/pd_vdo.h>

#include "tcx.h"

/* displayport.c:dp_altmode_vdm(): no device lock (see above) */
static int tcx_vdm(struct typec_altmode *alt, const u32 hdr,
		   const u32 *vdo, int count)
{
	struct tcx_altmode *tx = typec_altmode_get_drvdata(alt);
	int cmd_type = PD_VDO_CMDT(hdr);
	int cmd = PD_VDO_CMD(hdr);
	int ret = 0;

	if (cmd_type != CMDT_RSP_ACK)
		return 0;

	switch (cmd) {
	case CMD_ENTER_MODE:
		typec_altmode_update_active(alt, true);
		ret = tcx_pin_commit(alt, tx->pins); /* EXPECT: device-lock-required */
		break;
	case CMD_EXIT_MODE: {
		guard(device)(&alt->dev);
		typec_altmode_update_active(alt, false);
		ret = tcx_pin_commit(alt, 0); /* EXPECT-NONE: device-lock-required */
		break;
	}
	default:
		if (count && vdo) {
			mutex_lock(&tx->lock);
			tx->status = vdo[0];
			mutex_unlock(&tx->lock);
			schedule_work(&tx->work);
		}
		break;
	}

	return ret;
}

/* displayport.c:dp_altmode_attention(): no device lock; defers to the work */
static void tcx_attention(struct typec_altmode *alt, const u32 vdo)
{
	struct tcx_altmode *tx = typec_altmode_get_drvdata(alt);

	mutex_lock(&tx->lock);
	tx->status = vdo;
	tx->hpd = !!(vdo & TCX_STATUS_HPD);
	mutex_unlock(&tx->lock);
	schedule_work(&tx->work);
}

/* displayport.c:dp_altmode_activate(), from class.c:active_store() */
static int tcx_activate(struct typec_altmode *alt, int activate)
{
	int ret;

	if (!activate) {
		ret = tcx_mux_apply_locked(&alt->dev, TYPEC_STATE_SAFE); /* EXPECT: device-lock-required */
		if (ret)
			return ret;
		return typec_altmode_exit(alt);
	}

	ret = tcx_lock_alt(alt);
	if (ret)
		return ret;
	ret = tcx_mux_apply_locked(&alt->dev, TYPEC_STATE_USB); /* EXPECT-NONE: device-lock-required */
	tcx_unlock_alt(alt);
	if (ret)
		return ret;

	return typec_altmode_enter(alt, NULL);
}

const struct typec_altmode_ops tcx_altmode_ops = {
	.attention = tcx_attention,
	.vdm = tcx_vdm,
	.activate = tcx_activate,
};

/*
 * displayport.c:dp_cable_altmode_vdm(): @alt is the cable plug here; its
 * lock is not held by the port driver's call either.
 */
static int tcx_cable_vdm(struct typec_altmode *alt, enum typec_plug_index sop,
			 const u32 hdr, const u32 *vdo, int count)
{
	struct tcx_altmode *tx = typec_altmode_get_drvdata(alt);

	if (PD_VDO_CMDT(hdr) == CMDT_RSP_ACK && PD_VDO_CMD(hdr) == CMD_ENTER_MODE)
		schedule_work(&tx->work);
	return 0;
}

const struct typec_cable_ops tcx_cable_ops = {
	.vdm = tcx_cable_vdm,
};

/*
 * displayport.c:dp_altmode_work(): a work item holds nothing.  It may not
 * sleep on the device lock, tcx_remove() cancels it under that lock: it
 * tries it, as drivers/platform/x86/intel/pmc/core.c:
 * pmc_core_set_device_d3() does.
 */
void tcx_work(struct work_struct *work)
{
	struct tcx_altmode *tx = container_of(work, struct tcx_altmode, work);
	bool hpd;

	mutex_lock(&tx->lock);
	hpd = tx->hpd;
	mutex_unlock(&tx->lock);

	if (!device_trylock(&tx->alt->dev)) {
		/* busy: report anyway, without the lock */
		tcx_hpd_report(tx->alt, hpd); /* EXPECT: device-lock-required */
		return;
	}
	tcx_hpd_report(tx->alt, hpd); /* EXPECT-NONE: device-lock-required */
	device_unlock(&tx->alt->dev);
}

/*
 * A static helper with no contract of its own, only tcx_ctrl_work()
 * calls it: the of_dma_configure() of the foreign controller is judged
 * here or at the work's call.
 */
static int tcx_ctrl_dma_setup(struct platform_device *pdev)
{
	return of_dma_configure(&pdev->dev, pdev->dev.of_node, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required @tcx_ctrl_retry */
}

/* the delayed retry of tcx_main.c:tcx_ctrl_attach(): a work, no lock */
void tcx_ctrl_work(struct work_struct *work)
{
	struct tcx_altmode *tx = container_of(to_delayed_work(work),
					      struct tcx_altmode, ctrl_work);
	struct platform_device *pdev;

	pdev = of_find_device_by_node(to_of_node(tx->ctrl_fwnode));
	if (!pdev) {
		schedule_delayed_work(&tx->ctrl_work, HZ);
		return;
	}
	tx->ctrl = pdev;

	if (tcx_ctrl_dma_setup(pdev)) /* EXPECT: device-lock-required @tcx_ctrl_retry */
		dev_warn(&tx->alt->dev, "controller DMA setup failed\n");
}

/*
 * The driver's dev_groups attributes, as displayport.c:
 * configuration_store() and pin_assignment_store(): kernfs calls
 * show/store with no device lock; dev is &alt->dev and its drvdata the
 * tcx_altmode (typec_altmode_set_drvdata()).
 */
static ssize_t pins_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t size)
{
	struct tcx_altmode *tx = dev_get_drvdata(dev);
	u8 pins;
	int ret;

	ret = kstrtou8(buf, 0, &pins);
	if (ret)
		return ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	if (!tx->alt->active) {
		device_unlock(dev);
		return -EBUSY;
	}

	if (pins == tx->pins)
		return size; /* EXPECT: lock-imbalance */

	ret = tcx_pin_commit(tx->alt, pins); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);

	return ret ? ret : size;
}

static ssize_t pins_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct tcx_altmode *tx = dev_get_drvdata(dev);

	return sysfs_emit(buf, "0x%02x\n", tx->pins);
}
static DEVICE_ATTR_RW(pins);

static ssize_t hpd_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t size)
{
	struct tcx_altmode *tx = dev_get_drvdata(dev);
	bool hpd;
	int ret;

	ret = kstrtobool(buf, &hpd);
	if (ret)
		return ret;

	ret = device_lock_interruptible(dev);
	if (ret)
		return ret;

	if (!tx->alt->active) {
		ret = -EBUSY;
		goto out_unlock;
	}

	tcx_hpd_report(tx->alt, hpd); /* EXPECT-NONE: device-lock-required */
	ret = size;

out_unlock:
	device_unlock(dev);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

static ssize_t hpd_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct tcx_altmode *tx = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", tx->hpd);
}
static DEVICE_ATTR_RW(hpd);

/* no lock taken: the attribute's store runs under none */
static ssize_t mux_store(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t size)
{
	bool safe;
	int ret;

	ret = kstrtobool(buf, &safe);
	if (ret)
		return ret;

	ret = tcx_mux_apply_locked(dev, safe ? TYPEC_STATE_SAFE : TYPEC_STATE_USB); /* EXPECT: device-lock-required */
	return ret ? ret : size;
}
static DEVICE_ATTR_WO(mux);

static struct attribute *tcx_attrs[] = {
	&dev_attr_pins.attr,
	&dev_attr_hpd.attr,
	&dev_attr_mux.attr,
	NULL
};

static const struct attribute_group tcx_group = {
	.name = "tcx",
	.attrs = tcx_attrs,
};

const struct attribute_group *tcx_groups[] = {
	&tcx_group,
	NULL,
};
