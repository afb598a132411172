/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vdpx: a vDPA net accelerator on a platform device.  The parent driver
 * registers a vdpa management device whose dev_add creates the vDPA
 * device (and uses it as its own DMA device, as vduse does); the config
 * ops drive the hardware queues; a vdpa_driver binds the vDPA device for
 * its control function.  Shapes: drivers/vdpa/ifcvf/ifcvf_main.c,
 * drivers/vdpa/vdpa_user/vduse_dev.c:vduse_dev_init_vdpa(),
 * drivers/vdpa/vdpa_sim/vdpa_sim.c.
 */
#ifndef _VDPX_H
#define _VDPX_H

#include <linux/etherdevice.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/vdpa.h>
#include <linux/virtio_net.h>
#include <linux/workqueue.h>

#define VDPX_NVQS		2
#define VDPX_VQ_MAX		256

#define VDPX_CTRL		0x000
#define VDPX_STATUS		0x004
#define VDPX_ISR		0x008
#define VDPX_GENERATION		0x00c
#define VDPX_MAC_LO		0x010
#define VDPX_MAC_HI		0x014
#define VDPX_MTU		0x018
#define VDPX_FEATURES		0x020
#define VDPX_RX_PACKETS		0x028
#define VDPX_VQ_BASE(i)		(0x100 + 0x40 * (i))
#define VDPX_VQ_DESC		0x00
#define VDPX_VQ_DRIVER		0x08
#define VDPX_VQ_DEVICE		0x10
#define VDPX_VQ_NUM		0x18
#define VDPX_VQ_ENABLE		0x1c
#define VDPX_VQ_NOTIFY		0x20

#define VDPX_ISR_VQ		BIT(0)
#define VDPX_ISR_CONFIG		BIT(1)

struct vdpx_dev;

/* the parent accelerator */
struct vdpx_hw {
	struct device *dev;
	void __iomem *base;
	struct vdpa_mgmt_dev mdev;
	struct virtio_device_id id_table[2];
	struct vdpx_dev *vdev;		/* at most one vDPA device */
	int irq;
	u32 saved_ctrl;
};

struct vdpx_vq {
	u64 desc;
	u64 driver;
	u64 device;
	u32 num;
	bool ready;
	struct vdpa_callback cb;
};

struct vdpx_dev {
	struct vdpa_device vdpa;
	struct vdpx_hw *hw;
	struct vdpx_vq vqs[VDPX_NVQS];
	struct vdpa_callback config_cb;
	struct virtio_net_config config;
	struct mutex cfg_lock;		/* config and features */
	struct work_struct cfg_work;
	u64 features;
	u8 status;
	u32 generation;
};

static inline struct vdpx_dev *vdpa_to_vdpx(struct vdpa_device *vdpa)
{
	return container_of(vdpa, struct vdpx_dev, vdpa);
}

/* vdpx_vq.c: helpers whose callers hold the vDPA device's lock */
void vdpx_vq_teardown(struct vdpx_dev *vd);
int vdpx_vqs_sync_locked(struct vdpx_dev *vd, bool run);
void vdpx_cfg_refresh(struct vdpx_dev *vd);
void vdpx_cfg_work(struct work_struct *work);
irqreturn_t vdpx_irq_thread(int irq, void *data);
int vdpx_dev_set_attr(struct vdpa_mgmt_dev *mdev, struct vdpa_device *vdpa,
		      const struct vdpa_dev_set_config *config);
extern const struct vdpa_config_ops vdpx_config_ops;

/* vdpx_net.c */
extern struct vdpa_driver vdpx_net_driver;

#endif /* _VDPX_H */
