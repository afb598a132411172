// SPDX-License-Identifier: GPL-2.0
/*
 * tcx_main.c - probe and remove of the tcx altmode driver.
 *
 * drivers/usb/typec/bus.c:typec_probe() and typec_remove() are the
 * typec_bus bus_type's .probe and .remove; the driver core calls them
 * under device_lock(&alt->dev) (drivers/base/dd.c: __driver_attach() /
 * __device_attach() lock the device around really_probe(),
 * device_release_driver() around __device_release_driver()), and they
 * call typec_altmode_driver.probe / .remove directly.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "tcx.h"

/*
 * The display controller named by the port's "displayport" phandle, as
 * displayport.c:dp_altmode_probe() finds its connector fwnode; the
 * controller is a foreign platform device, found as
 * drm/msm/adreno/a6xx_gmu.c:a6xx_gmu_wrapper_init() finds its GMU with
 * of_find_device_by_node().  Called from tcx_probe(), which holds the
 * altmode's lock, not the controller's: it takes the controller's.
 */
static int tcx_ctrl_attach(struct tcx_altmode *tx)
{
	struct fwnode_handle *fwnode = dev_fwnode(tx->alt->dev.parent->parent);
	struct platform_device *pdev;
	struct device_node *np;
	int ret = 0;

	if (!fwnode_property_present(fwnode, "displayport"))
		return 0;

	tx->ctrl_fwnode = fwnode_find_reference(fwnode, "displayport", 0);
	if (IS_ERR(tx->ctrl_fwnode)) {
		tx->ctrl_fwnode = NULL;
		return 0;
	}

	np = to_of_node(tx->ctrl_fwnode);
	if (!np)
		return 0;

	pdev = of_find_device_by_node(np);
	if (!pdev) {
		/* not there yet: tcx_ctrl_work() retries */
		schedule_delayed_work(&tx->ctrl_work, HZ);
		return 0;
	}
	tx->ctrl = pdev;

	scoped_guard(device, &pdev->dev)
		ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */

	return ret;
}

/* displayport.c:dp_altmode_probe(), under device_lock(&alt->dev) */
static int tcx_probe(struct typec_altmode *alt)
{
	struct typec_altmode *plug = typec_altmode_get_plug(alt, TYPEC_PLUG_SOP_P);
	struct device *dev = &alt->dev;
	struct tcx_altmode *tx;
	int ret;

	tx = devm_kzalloc(dev, sizeof(*tx), GFP_KERNEL);
	if (!tx) {
		typec_altmode_put_plug(plug);
		return -ENOMEM;
	}

	mutex_init(&tx->lock);
	INIT_WORK(&tx->work, tcx_work);
	INIT_DELAYED_WORK(&tx->ctrl_work, tcx_ctrl_work);
	tx->alt = alt;
	tx->plug = plug;

	alt->desc = "tcx";
	typec_altmode_set_ops(alt, &tcx_altmode_ops);
	typec_altmode_set_drvdata(alt, tx);

	/* the probed altmode: its lock is held here, through the alias */
	ret = tcx_pin_commit(alt, 0); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto err_plug;

	ret = tcx_mux_apply_locked(dev, TYPEC_STATE_SAFE); /* EXPECT-NONE: device-lock-required */
	if (ret)
		goto err_plug;

	if (plug) {
		plug->desc = "tcx";
		plug->cable_ops = &tcx_cable_ops;
		typec_altmode_set_drvdata(plug, tx);
		/*
		 * The cable plug is another altmode device: the driver core
		 * locked &alt->dev, not &plug->dev.
		 */
		ret = tcx_pin_commit(plug, 0); /* EXPECT: device-lock-required */
		if (ret)
			goto err_plug;
	}

	ret = tcx_ctrl_attach(tx);
	if (ret)
		goto err_plug;

	schedule_work(&tx->work);
	return 0;

err_plug:
	typec_altmode_put_plug(plug);
	return ret;
}

/* displayport.c:dp_altmode_remove(), under device_lock(&alt->dev) */
static void tcx_remove(struct typec_altmode *alt)
{
	struct tcx_altmode *tx = typec_altmode_get_drvdata(alt);

	cancel_work_sync(&tx->work);
	cancel_delayed_work_sync(&tx->ctrl_work);

	tcx_hpd_report(alt, false); /* EXPECT-NONE: device-lock-required */

	if (tx->plug) {
		/* the plug's own lock, taken for it */
		scoped_guard(device, &tx->plug->dev)
			tcx_pin_commit(tx->plug, 0); /* EXPECT-NONE: device-lock-required */
		typec_altmode_put_plug(tx->plug);
	}

	if (tx->ctrl)
		put_device(&tx->ctrl->dev);
	fwnode_handle_put(tx->ctrl_fwnode);
}

static const struct typec_device_id tcx_typec_id[] = {
	{ TCX_SVID, TYPEC_ANY_MODE },
	{ },
};
MODULE_DEVICE_TABLE(typec, tcx_typec_id);

static struct typec_altmode_driver tcx_altmode_driver = {
	.id_table = tcx_typec_id,
	.probe = tcx_probe,
	.remove = tcx_remove,
	.driver = {
		.name = "typec_tcx",
		.dev_groups = tcx_groups,
	},
};
module_typec_altmode_driver(tcx_altmode_driver);

MODULE_DESCRIPTION("corpus: Type-C alternate mode driver (heldout7)");
MODULE_LICENSE("GPL");
