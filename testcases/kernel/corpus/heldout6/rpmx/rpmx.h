/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rpmx: an rpmsg-like private bus (drivers/rpmsg/rpmsg_core.c) whose
 * channels a remoteproc-like controller creates from an rproc subdevice
 * (drivers/remoteproc/qcom_common.c:glink_subdev_start()).
 */
#ifndef RPMX_H
#define RPMX_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>

struct rpmx_device;
struct rpmx_edge;

typedef int (*rpmx_rx_cb_t)(struct rpmx_device *rpdev, void *data, int len,
			    void *priv, u32 src);

/* as struct rpmsg_endpoint: the transport calls ->cb under cb_lock only */
struct rpmx_endpoint {
	struct rpmx_device *rpdev;
	struct mutex cb_lock;
	rpmx_rx_cb_t cb;
	void *priv;
	u32 addr;
};

struct rpmx_device {
	struct device dev;
	struct rpmx_edge *edge;
	struct rpmx_endpoint *ept;
	char name[32];
	u32 src;
	u32 dst;
	int state;
	bool announced;
	bool dead;
};

static inline struct rpmx_device *to_rpmx_device(struct device *dev)
{
	return container_of(dev, struct rpmx_device, dev);
}

struct rpmx_driver {
	struct device_driver drv;
	const char *name;
	int (*probe)(struct rpmx_device *rpdev);
	void (*remove)(struct rpmx_device *rpdev);
	void (*shutdown)(struct rpmx_device *rpdev);
	rpmx_rx_cb_t callback;
};

#define to_rpmx_driver(d) container_of(d, struct rpmx_driver, drv)

#define RPMX_STATE_DOWN	0
#define RPMX_STATE_UP	1
#define RPMX_STATE_BUSY	2

extern const struct bus_type rpmx_bus;

/* rpmx_bus.c: channel helpers, each with a lock contract */
void rpmx_announce_create(struct rpmx_device *rpdev);
void rpmx_set_state_locked(struct rpmx_device *rpdev, int state);
void rpmx_release_ept(struct rpmx_device *rpdev);
struct rpmx_device *rpmx_alloc_channel(struct device *parent,
				       struct rpmx_edge *edge,
				       const char *name, u32 dst);
void rpmx_unregister_channel(struct rpmx_device *rpdev);
int rpmx_register_driver(struct rpmx_driver *rpdrv);
void rpmx_unregister_driver(struct rpmx_driver *rpdrv);

/* rpmx_rproc.c: the edge (transport) */
struct rpmx_endpoint *rpmx_edge_create_ept(struct rpmx_edge *edge,
					   struct rpmx_device *rpdev,
					   rpmx_rx_cb_t cb, u32 addr);
void rpmx_edge_destroy_ept(struct rpmx_edge *edge, struct rpmx_endpoint *ept);
int rpmx_rproc_init(void);
void rpmx_rproc_exit(void);

/* rpmx_chan.c */
int rpmx_chan_init(void);
void rpmx_chan_exit(void);

#endif
