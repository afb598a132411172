/*
 * The bus side of createdslot.c: a sub-channel's device is allocated here
 * and handed to the channel's ops before it is added (as iort.c's
 * iort_add_platform_device() reaches its ops); the peer is not this
 * code's.
 */
#include <linux/slab.h>
#include "createdslot.h"

int vbus_add_subchannel(struct vdev *parent, struct device_node *np)
{
	struct vdev *child = kzalloc(sizeof(*child), GFP_KERNEL);
	int ret;

	if (!child)
		return -12;
	child->ops = parent->ops;
	device_initialize(&child->dev);
	ret = child->ops->setup_dma(child, np);
	if (ret)
		return ret;
	return parent->ops->setup_peer(parent->peer, np);
}
