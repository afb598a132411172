// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16spmi_y.c - the arbiter driver after drivers/spmi/spmi-pmic-arb.c:
 * probe/remove (from the private bus's .probe/.remove, arbiter lock held),
 * the spmi_controller ->cmd/->read_cmd/->write_cmd ops, and debugfs.
 *
 * spmi_controller ops: drivers/spmi/spmi.c:spmi_cmd(), spmi_read_cmd() and
 * spmi_write_cmd() call them straight from the exported register accessors
 * (spmi_register_read(), spmi_command_shutdown(), ...), which client
 * drivers use from probe, regmap, IRQ threads and works.  The SPMI core
 * takes no device lock around them; in particular never the arbiter's.
 * debugfs simple-attribute setters run with no device lock held.
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "h16spmi.h"

static struct h16spmi_arb *h16spmi_ctrl_to_arb(struct spmi_controller *ctrl)
{
	struct h16spmi_ctrl_priv *priv = spmi_controller_get_drvdata(ctrl);

	return priv->arb;
}

/* --- spmi_controller ops ---------------------------------------------- */

/*
 * ->cmd: drivers/spmi/spmi-pmic-arb.c:pmic_arb_cmd.  A SHUTDOWN command for
 * USID 0 quiesces the arbiter if its lock can be had (this module's client
 * sends SHUTDOWN from its ->shutdown, where it holds its own and the
 * controller's lock, so it must not sleep on the arbiter's).
 */
static int h16spmi_arb_cmd(struct spmi_controller *ctrl, u8 opc, u8 sid)
{
	struct h16spmi_arb *arb = h16spmi_ctrl_to_arb(ctrl);

	if (opc < SPMI_CMD_RESET || opc > SPMI_CMD_WAKEUP)
		return -EINVAL;

	if (opc == SPMI_CMD_SHUTDOWN && sid == 0 && device_trylock(&arb->dev)) {
		h16spmi_arb_quiesce(&arb->dev); /* EXPECT-NONE: device-lock-required */
		device_unlock(&arb->dev);
	}
	return 0;
}

static int h16spmi_arb_read_cmd(struct spmi_controller *ctrl, u8 opc, u8 sid,
				u16 addr, u8 *buf, size_t len)
{
	struct h16spmi_arb *arb = h16spmi_ctrl_to_arb(ctrl);
	unsigned long flags;

	/* drivers/spmi/spmi-pmic-arb.c:pmic_arb_read_cmd */
	if (len > 8 || (addr & 0xff) + len > sizeof(arb->regs))
		return -EINVAL;

	spin_lock_irqsave(&arb->lock, flags);
	memcpy(buf, &arb->regs[addr & 0xff], len);
	spin_unlock_irqrestore(&arb->lock, flags);
	return 0;
}

/*
 * ->write_cmd: drivers/spmi/spmi-pmic-arb.c:pmic_arb_write_cmd.  A write to a dead
 * arbiter quiesces it - without its lock, which nobody holds here.
 */
static int h16spmi_arb_write_cmd(struct spmi_controller *ctrl, u8 opc, u8 sid,
				 u16 addr, const u8 *buf, size_t len)
{
	struct h16spmi_arb *arb = h16spmi_ctrl_to_arb(ctrl);
	unsigned long flags;

	if (READ_ONCE(arb->dead)) {
		h16spmi_arb_quiesce(&arb->dev); /* EXPECT: device-lock-required */
		return -ENODEV;
	}
	if (len > 8 || (addr & 0xff) + len > sizeof(arb->regs))
		return -EINVAL;

	spin_lock_irqsave(&arb->lock, flags);
	memcpy(&arb->regs[addr & 0xff], buf, len);
	spin_unlock_irqrestore(&arb->lock, flags);
	return 0;
}

/* --- creating SPMI devices --------------------------------------------- */

/*
 * Add one SPMI device for a USID the DT does not describe.  Shape:
 * drivers/spmi/spmi.c:of_spmi_register_devices (spmi_device_alloc() +
 * spmi_device_add()), then the creator hands it a DMA window as
 * drivers/media/platform/qcom/venus/firmware.c:venus_firmware_init does for
 * the device it registers.  Called only from the arbiter's probe: the
 * arbiter is locked, the new SPMI device is not.  A static helper without
 * a contract: the of_dma_configure() call and the helper's call in
 * h16spmi_arb_probe() are one site per rule.
 */
static struct spmi_device *h16spmi_arb_add_sdev(struct h16spmi_arb *arb,
						u8 usid)
{
	struct spmi_device *sdev;
	int ret;

	sdev = spmi_device_alloc(arb->ctrl);
	if (!sdev)
		return ERR_PTR(-ENOMEM);

	sdev->usid = usid;
	ret = spmi_device_add(sdev);
	if (ret) {
		spmi_device_put(sdev);
		return ERR_PTR(ret);
	}

	ret = of_dma_configure(&sdev->dev, arb->dev.of_node, true); /* EXPECT: dma-configure-outside-bus created-device @spmi_addsdev_dma; EXPECT: device-lock-required @spmi_addsdev_lock */
	if (ret)
		dev_dbg(&arb->dev, "usid %u: no DMA window (%d)\n", usid, ret);

	return sdev;
}

/*
 * Resync every device this arbiter created, each under its own lock.  The
 * probe path below leaves the failing device locked; this debugfs path
 * drops the lock before bailing out.
 */
static int h16spmi_arb_resync_all(struct h16spmi_arb *arb)
{
	unsigned int i;
	int ret;

	for (i = 0; i < H16SPMI_MAX_SDEV; i++) {
		struct spmi_device *sdev = arb->sdevs[i];

		if (!sdev)
			continue;
		device_lock(&sdev->dev);
		ret = h16spmi_sdev_resync_locked(sdev); /* EXPECT-NONE: device-lock-required */
		device_unlock(&sdev->dev);
		if (ret)
			goto err;
	}
	return 0;

err:
	dev_warn(&arb->dev, "resync failed: %d\n", ret);
	return ret; /* EXPECT-NONE: lock-imbalance */
}

/* --- debugfs ------------------------------------------------------------ */

static int h16spmi_dbg_quiesce_set(void *data, u64 val)
{
	struct h16spmi_arb *arb = data;

	if (val)
		h16spmi_arb_quiesce(&arb->dev); /* EXPECT: device-lock-required */
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(h16spmi_dbg_quiesce_fops, NULL,
			 h16spmi_dbg_quiesce_set, "%llu\n");

static int h16spmi_dbg_quiesce_sync_set(void *data, u64 val)
{
	struct h16spmi_arb *arb = data;

	if (!val)
		return 0;
	guard(device)(&arb->dev);
	h16spmi_arb_quiesce(&arb->dev); /* EXPECT-NONE: device-lock-required */
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(h16spmi_dbg_quiesce_sync_fops, NULL,
			 h16spmi_dbg_quiesce_sync_set, "%llu\n");

static int h16spmi_dbg_resync_set(void *data, u64 val)
{
	return val ? h16spmi_arb_resync_all(data) : 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(h16spmi_dbg_resync_fops, NULL,
			 h16spmi_dbg_resync_set, "%llu\n");

/* --- arbiter driver ----------------------------------------------------- */

/*
 * Arbiter probe, from h16spmi_arb_bus_probe(): the arbiter's device lock is
 * held.  Shape: drivers/spmi/spmi-pmic-arb.c:spmi_pmic_arb_probe/spmi_pmic_arb_bus_init.
 * The controller device is allocated here and, before it is added, given
 * the arbiter's DMA description under its own lock.  The initial resync
 * of the extra devices jumps to the error path with the failing device
 * still locked.
 */
static int h16spmi_arb_probe(struct h16spmi_arb *arb)
{
	struct h16spmi_ctrl_priv *priv;
	struct spmi_controller *ctrl;
	unsigned int i;
	int ret = 0;

	ctrl = spmi_controller_alloc(&arb->dev, sizeof(*priv));
	if (IS_ERR(ctrl))
		return PTR_ERR(ctrl);

	priv = spmi_controller_get_drvdata(ctrl);
	priv->arb = arb;
	ctrl->cmd = h16spmi_arb_cmd;
	ctrl->read_cmd = h16spmi_arb_read_cmd;
	ctrl->write_cmd = h16spmi_arb_write_cmd;
	arb->ctrl = ctrl;

	scoped_guard(device, &ctrl->dev)
		ret = of_dma_configure(&ctrl->dev, arb->dev.of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	if (ret)
		dev_dbg(&arb->dev, "controller without DMA window: %d\n", ret);

	ret = spmi_controller_add(ctrl);
	if (ret) {
		spmi_controller_put(ctrl);
		return ret;
	}

	for (i = 0; i < H16SPMI_MAX_SDEV; i++) {
		struct spmi_device *sdev = h16spmi_arb_add_sdev(arb, 8 + i); /* EXPECT: dma-configure-outside-bus created-device @spmi_addsdev_dma; EXPECT: device-lock-required @spmi_addsdev_lock */

		arb->sdevs[i] = IS_ERR(sdev) ? NULL : sdev;
	}

	for (i = 0; i < H16SPMI_MAX_SDEV; i++) {
		struct spmi_device *sdev = arb->sdevs[i];

		if (!sdev)
			continue;
		device_lock(&sdev->dev);
		ret = h16spmi_sdev_resync_locked(sdev); /* EXPECT-NONE: device-lock-required */
		if (ret)
			goto err_remove;
		device_unlock(&sdev->dev);
	}

	arb->dbg = debugfs_create_dir(dev_name(&arb->dev), NULL);
	debugfs_create_file_unsafe("quiesce", 0200, arb->dbg, arb,
				   &h16spmi_dbg_quiesce_fops);
	debugfs_create_file_unsafe("quiesce_sync", 0200, arb->dbg, arb,
				   &h16spmi_dbg_quiesce_sync_fops);
	debugfs_create_file_unsafe("resync", 0200, arb->dbg, arb,
				   &h16spmi_dbg_resync_fops);
	return 0;

err_remove:
	spmi_controller_remove(ctrl);
	return ret; /* EXPECT: lock-imbalance */
}

/* From h16spmi_arb_bus_remove(): arbiter lock held. */
static void h16spmi_arb_remove(struct h16spmi_arb *arb)
{
	debugfs_remove_recursive(arb->dbg);
	spmi_controller_remove(arb->ctrl);
	memset(arb->sdevs, 0, sizeof(arb->sdevs));
}

static const struct of_device_id h16spmi_arb_of_match[] = {
	{ .compatible = "h16,spmi-arb" },
	{ }
};

struct h16spmi_arb_driver h16spmi_arb_driver = {
	.driver = {
		.name		= "h16spmi-arb",
		.bus		= &h16spmi_arb_bus,
		.of_match_table	= h16spmi_arb_of_match,
	},
	.probe	= h16spmi_arb_probe,
	.remove	= h16spmi_arb_remove,
};
