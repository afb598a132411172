// SPDX-License-Identifier: GPL-2.0
/*
 * rpmx-echo: a channel driver on the rpmx bus, shaped as an rpmsg client
 * (drivers/rpmsg/rpmsg_char.c, drivers/net/wwan/rpmsg_wwan_ctrl.c).
 *
 * Contexts (6.12):
 *   ->probe     from rpmx_dev_probe(), the bus probe: device_lock held
 *               (really_probe(), as rpmsg_dev_probe())
 *   ->remove    from rpmx_dev_remove(): device_lock held
 *               (device_release_driver_internal())
 *   ->shutdown  from rpmx_dev_shutdown(), the bus shutdown: device_lock
 *               held by device_shutdown()
 *   ->callback  from the edge's rx work under ept->cb_lock only, as
 *               virtio_rpmsg_bus.c:rpmsg_recv_single()
 *   dev_groups attributes: no device lock (kernfs calls them)
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "rpmx.h"

struct rpmx_echo {
	struct rpmx_device *rpdev;
	unsigned long rx_count;
};

static int rpmx_echo_cb(struct rpmx_device *rpdev, void *data, int len,
			void *priv, u32 src)
{
	struct rpmx_echo *echo = dev_get_drvdata(&rpdev->dev);

	echo->rx_count++;
	/* under ept->cb_lock, not the channel's device lock */
	rpmx_set_state_locked(rpdev, RPMX_STATE_BUSY); /* EXPECT: device-lock-required */
	return 0;
}

/* dev_groups attributes: sysfs calls them without the device lock */
static ssize_t state_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct rpmx_device *rpdev = to_rpmx_device(dev);
	bool up;
	int ret;

	ret = kstrtobool(buf, &up);
	if (ret)
		return ret;

	guard(device)(dev);
	rpmx_set_state_locked(rpdev, up ? RPMX_STATE_UP : RPMX_STATE_DOWN); /* EXPECT-NONE: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(state);

static ssize_t detach_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct rpmx_device *rpdev = to_rpmx_device(dev);
	bool detach;
	int ret;

	ret = kstrtobool(buf, &detach);
	if (ret)
		return ret;
	if (detach)
		rpmx_release_ept(rpdev); /* EXPECT: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(detach);

static struct attribute *rpmx_echo_attrs[] = {
	&dev_attr_state.attr,
	&dev_attr_detach.attr,
	NULL
};
ATTRIBUTE_GROUPS(rpmx_echo);

static int rpmx_echo_probe(struct rpmx_device *rpdev)
{
	struct rpmx_echo *echo;

	echo = devm_kzalloc(&rpdev->dev, sizeof(*echo), GFP_KERNEL);
	if (!echo)
		return -ENOMEM;

	echo->rpdev = rpdev;
	dev_set_drvdata(&rpdev->dev, echo);

	rpmx_set_state_locked(rpdev, RPMX_STATE_UP); /* EXPECT-NONE: device-lock-required */
	return 0;
}

static void rpmx_echo_remove(struct rpmx_device *rpdev)
{
	rpmx_release_ept(rpdev); /* EXPECT-NONE: device-lock-required */
}

static void rpmx_echo_shutdown(struct rpmx_device *rpdev)
{
	rpmx_set_state_locked(rpdev, RPMX_STATE_DOWN); /* EXPECT-NONE: device-lock-required */
}

static struct rpmx_driver rpmx_echo_driver = {
	.name		= "rpmx-echo",
	.probe		= rpmx_echo_probe,
	.remove		= rpmx_echo_remove,
	.shutdown	= rpmx_echo_shutdown,
	.callback	= rpmx_echo_cb,
	.drv = {
		.dev_groups = rpmx_echo_groups,
	},
};

int rpmx_chan_init(void)
{
	return rpmx_register_driver(&rpmx_echo_driver);
}

void rpmx_chan_exit(void)
{
	rpmx_unregister_driver(&rpmx_echo_driver);
}
