/* A private bus whose channels carry ops (vmbus' sub-channels). */
#include <linux/device.h>

struct vdev;
struct vchan_ops {
	int (*setup_dma)(struct vdev *vdev, struct device_node *np);
	int (*setup_peer)(struct vdev *vdev, struct device_node *np);
};
struct vdev {
	const struct vchan_ops *ops;
	struct vdev *peer;
	struct device dev;
};
