// SPDX-License-Identifier: GPL-2.0
/*
 * An I3C master controller: a platform driver registering an
 * i3c_master_controller, shaped on drivers/i3c/master/dw-i3c-master.c
 * (dw_i3c_common_probe(), dw_i3c_hj_work(), runtime PM) and
 * svc-i3c-master.c (enable/disable_hotjoin) of Linux 6.12.
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>

#include "i3cx.h"

/*
 * ->bus_init: drivers/i3c/master.c:i3c_master_register() calls it through
 * i3c_master_bus_init(); this driver calls i3c_master_register() only from
 * i3cx_plat_probe(), so really_probe() holds the platform device's lock.
 */
static int i3cx_bus_init(struct i3c_master_controller *base)
{
	struct i3cx_master *m = to_i3cx_master(base);
	struct i3c_device_info info = {};
	int ret;

	ret = i3cx_ctrl_set_speed(m->dev, I3C_BUS_TYP_I3C_SCL_RATE); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;
	ret = i3c_master_get_free_addr(base, 0);
	if (ret < 0)
		return ret;
	info.dyn_addr = ret;
	return i3c_master_set_info(base, &info);
}

/* ->do_daa: i3c_master_do_daa() holds i3c_bus_maintenance_lock() around it */
static int i3cx_do_daa(struct i3c_master_controller *base)
{
	struct i3cx_master *m = to_i3cx_master(base);

	m->last_cmd = I3C_CCC_ENTDAA;
	return 0;
}

static int i3cx_send_ccc_cmd(struct i3c_master_controller *base,
			     struct i3c_ccc_cmd *cmd)
{
	struct i3cx_master *m = to_i3cx_master(base);
	u8 id = cmd->id;

	if (cmd->rnw)
		return i3cx_ctrl_send_all_guarded(m, &id, 1);
	return i3cx_ctrl_send_all(m, &id, 1);
}

static int i3cx_priv_xfers(struct i3c_dev_desc *dev, struct i3c_priv_xfer *xfers,
			   int nxfers)
{
	struct i3cx_master *m = to_i3cx_master(i3c_dev_get_master(dev));
	int ret;

	ret = i3cx_xfer_begin(m);
	if (ret)
		return ret;
	m->last_cmd = nxfers;
	i3cx_xfer_end(m);
	return 0;
}

static int i3cx_i2c_xfers(struct i2c_dev_desc *dev, const struct i2c_msg *xfers,
			  int nxfers)
{
	return -EOPNOTSUPP;
}

/*
 * ->enable_hotjoin / ->disable_hotjoin, as svc-i3c-master.c: reached only
 * from the controller's "hotjoin" attribute (master.c:hotjoin_store() ->
 * i3c_set_hotjoin()) under i3c_bus_normaluse_lock(); nothing holds the
 * platform device's lock there.
 */
static int i3cx_enable_hotjoin(struct i3c_master_controller *base)
{
	struct i3cx_master *m = to_i3cx_master(base);
	int ret;

	ret = i3cx_ctrl_set_speed(m->dev, I3C_BUS_TYP_I3C_SCL_RATE); /* EXPECT: device-lock-required */
	if (!ret)
		m->hj_enabled = true;
	return ret;
}

static int i3cx_disable_hotjoin(struct i3c_master_controller *base)
{
	struct i3cx_master *m = to_i3cx_master(base);
	int ret;

	if (!device_trylock(m->dev))
		return -EBUSY;
	ret = i3cx_ctrl_set_speed(m->dev, I3C_BUS_TYP_I3C_SCL_RATE); /* EXPECT-NONE: device-lock-required */
	m->hj_enabled = false;
	device_unlock(m->dev);
	return ret;
}

static const struct i3c_master_controller_ops i3cx_ops = {
	.bus_init	 = i3cx_bus_init,
	.do_daa		 = i3cx_do_daa,
	.send_ccc_cmd	 = i3cx_send_ccc_cmd,
	.priv_xfers	 = i3cx_priv_xfers,
	.i2c_xfers	 = i3cx_i2c_xfers,
	.enable_hotjoin	 = i3cx_enable_hotjoin,
	.disable_hotjoin = i3cx_disable_hotjoin,
};

/* dw-i3c-master.c:dw_i3c_hj_work(): a work on the controller's wq */
static void i3cx_hj_work(struct work_struct *work)
{
	struct i3cx_master *m = container_of(work, struct i3cx_master, hj_work);

	i3c_master_do_daa(&m->base);
	i3cx_ctrl_clear_pending(m); /* EXPECT: device-lock-required */
}

/* the speed work takes the controller's device lock itself */
static void i3cx_speed_work(struct work_struct *work)
{
	struct i3cx_master *m = container_of(work, struct i3cx_master, speed_work);

	scoped_guard(device, m->dev)
		i3cx_ctrl_set_speed(m->dev, m->speed_hz); /* EXPECT-NONE: device-lock-required */
}

static irqreturn_t i3cx_irq(int irq, void *data)
{
	struct i3cx_master *m = data;

	if (m->hj_enabled)
		queue_work(m->base.wq, &m->hj_work);
	else
		queue_work(m->base.wq, &m->speed_work);
	return IRQ_HANDLED;
}

/* dw_i3c_common_probe(): platform probe, device lock held */
static int i3cx_plat_probe(struct platform_device *pdev)
{
	struct i3cx_master *m;
	int irq, ret;

	m = devm_kzalloc(&pdev->dev, sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->dev = &pdev->dev;
	mutex_init(&m->xfer_lock);
	INIT_WORK(&m->hj_work, i3cx_hj_work);
	INIT_WORK(&m->speed_work, i3cx_speed_work);
	platform_set_drvdata(pdev, m);

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	ret = devm_request_irq(&pdev->dev, irq, i3cx_irq, 0, dev_name(&pdev->dev), m);
	if (ret)
		return ret;

	ret = i3cx_ctrl_set_speed(&pdev->dev, I3C_BUS_TYP_I3C_SCL_RATE); /* EXPECT-NONE: device-lock-required */
	if (ret)
		return ret;

	pm_runtime_enable(&pdev->dev);
	ret = i3c_master_register(&m->base, &pdev->dev, &i3cx_ops, false);
	if (ret)
		pm_runtime_disable(&pdev->dev);
	return ret;
}

/* dw_i3c_common_remove(): platform remove, device lock held */
static void i3cx_plat_remove(struct platform_device *pdev)
{
	struct i3cx_master *m = platform_get_drvdata(pdev);

	i3c_master_unregister(&m->base);
	cancel_work_sync(&m->hj_work);
	cancel_work_sync(&m->speed_work);
	i3cx_ctrl_clear_pending(m); /* EXPECT-NONE: device-lock-required */
	pm_runtime_disable(&pdev->dev);
}

/*
 * System sleep, normal phase: drivers/base/power/main.c:device_suspend()
 * and device_resume() call these under device_lock(dev).
 */
static int i3cx_suspend(struct device *dev)
{
	return i3cx_ctrl_set_speed(dev, 0); /* EXPECT-NONE: device-lock-required */
}

static int i3cx_resume(struct device *dev)
{
	return i3cx_ctrl_set_speed(dev, I3C_BUS_TYP_I3C_SCL_RATE); /* EXPECT-NONE: device-lock-required */
}

/* late phase: device_suspend_late() takes no device lock */
static int i3cx_suspend_late(struct device *dev)
{
	struct i3cx_master *m = dev_get_drvdata(dev);

	i3cx_ctrl_clear_pending(m); /* EXPECT: device-lock-required */
	return 0;
}

/*
 * dw_i3c_master_runtime_suspend(): runtime PM callbacks run from
 * drivers/base/power/runtime.c:rpm_callback(), no device lock.
 */
static int i3cx_runtime_suspend(struct device *dev)
{
	return i3cx_ctrl_set_speed(dev, 0); /* EXPECT: device-lock-required */
}

static int i3cx_runtime_resume(struct device *dev)
{
	struct i3cx_master *m = dev_get_drvdata(dev);

	m->last_cmd = 0;
	return 0;
}

static const struct dev_pm_ops i3cx_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(i3cx_suspend, i3cx_resume)
	LATE_SYSTEM_SLEEP_PM_OPS(i3cx_suspend_late, NULL)
	RUNTIME_PM_OPS(i3cx_runtime_suspend, i3cx_runtime_resume, NULL)
};

static const struct of_device_id i3cx_of_match[] = {
	{ .compatible = "example,i3cx-master" },
	{ }
};

static struct platform_driver i3cx_plat_driver = {
	.probe	= i3cx_plat_probe,
	.remove	= i3cx_plat_remove,
	.driver	= {
		.name = "i3cx-master",
		.of_match_table = i3cx_of_match,
		.pm = pm_ptr(&i3cx_pm_ops),
	},
};

int i3cx_master_init(void)
{
	return platform_driver_register(&i3cx_plat_driver);
}

void i3cx_master_exit(void)
{
	platform_driver_unregister(&i3cx_plat_driver);
}
