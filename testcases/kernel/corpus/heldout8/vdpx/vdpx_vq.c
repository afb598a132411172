// SPDX-License-Identifier: GPL-2.0
/*
 * vdpx queues and config space: the vdpa_config_ops, the accelerator's
 * threaded interrupt, the config work, and the helpers whose callers hold
 * the vDPA device's lock (vd->vdpa.dev).
 *
 * Shapes: drivers/vdpa/ifcvf/ifcvf_main.c (ifcvf_config_changed(),
 * ifc_vdpa_ops), drivers/vdpa/vdpa_sim/vdpa_sim.c (vdpasim_suspend(),
 * vdpasim_resume()).
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <uapi/linux/vdpa.h>

#include "vdpx.h"

#define VDPX_DEVICE_FEATURES	(BIT_ULL(VIRTIO_F_VERSION_1) |		\
				 BIT_ULL(VIRTIO_F_ACCESS_PLATFORM) |	\
				 BIT_ULL(VIRTIO_NET_F_MAC))

static void __iomem *vdpx_vq_regs(struct vdpx_dev *vd, u16 idx)
{
	return vd->hw->base + VDPX_VQ_BASE(idx);
}

/*
 * Disable every queue and forget its callback.  The callbacks belong to
 * the bound vdpa driver: the caller holds the vDPA device's lock so that
 * the driver cannot change meanwhile.
 */
void vdpx_vq_teardown(struct vdpx_dev *vd)
{
	unsigned int i;

	device_lock_assert(&vd->vdpa.dev);

	for (i = 0; i < VDPX_NVQS; i++) {
		writel(0, vdpx_vq_regs(vd, i) + VDPX_VQ_ENABLE);
		vd->vqs[i].ready = false;
		memset(&vd->vqs[i].cb, 0, sizeof(vd->vqs[i].cb));
	}
}

/* The name is the contract: the caller holds the vDPA device's lock. */
int vdpx_vqs_sync_locked(struct vdpx_dev *vd, bool run)
{
	unsigned int i;

	for (i = 0; i < VDPX_NVQS; i++)
		writel(run && vd->vqs[i].ready, vdpx_vq_regs(vd, i) + VDPX_VQ_ENABLE);

	return (readl(vd->hw->base + VDPX_STATUS) & VIRTIO_CONFIG_S_NEEDS_RESET) ?
	       -EIO : 0;
}

/**
 * vdpx_cfg_refresh() - reload the net config space from the accelerator
 * @vd: the vDPA device
 *
 * Reads the MAC address and MTU back and calls the bound driver's config
 * callback.
 *
 * Context: Process context.  The caller holds the device lock of the vDPA
 * device (vd->vdpa.dev), which keeps the config callback valid.
 */
void vdpx_cfg_refresh(struct vdpx_dev *vd)
{
	void __iomem *base = vd->hw->base;
	u32 lo, hi;

	mutex_lock(&vd->cfg_lock);
	lo = readl(base + VDPX_MAC_LO);
	hi = readl(base + VDPX_MAC_HI);
	vd->config.mac[0] = lo;
	vd->config.mac[1] = lo >> 8;
	vd->config.mac[2] = lo >> 16;
	vd->config.mac[3] = lo >> 24;
	vd->config.mac[4] = hi;
	vd->config.mac[5] = hi >> 8;
	vd->config.mtu = (__force __virtio16)cpu_to_le16(readl(base + VDPX_MTU));
	vd->generation = readl(base + VDPX_GENERATION);
	mutex_unlock(&vd->cfg_lock);

	if (vd->config_cb.callback)
		vd->config_cb.callback(vd->config_cb.private);
}

/*
 * The accelerator's interrupt, threaded; ifcvf_config_changed() and
 * ifcvf_vq_intr_handler() shapes.  No device lock is held.
 */
irqreturn_t vdpx_irq_thread(int irq, void *data)
{
	struct vdpx_hw *hw = data;
	struct vdpx_dev *vd = hw->vdev;
	unsigned int i;
	u32 isr;

	isr = readl(hw->base + VDPX_ISR);
	if (!isr)
		return IRQ_NONE;
	writel(isr, hw->base + VDPX_ISR);

	if (!vd)
		return IRQ_HANDLED;

	if (isr & VDPX_ISR_VQ) {
		for (i = 0; i < VDPX_NVQS; i++)
			if (vd->vqs[i].cb.callback)
				vd->vqs[i].cb.callback(vd->vqs[i].cb.private);
	}

	if (isr & VDPX_ISR_CONFIG)
		vdpx_cfg_refresh(vd); /* EXPECT: device-lock-required */

	return IRQ_HANDLED;
}

/*
 * Queued by vdpx_dev_set_attr().  A work item holds no lock: it takes the
 * vDPA device's lock for the refresh, in scoped_guard(device, ...) as
 * cxl/pmem.c:detach_nvdimm().
 */
void vdpx_cfg_work(struct work_struct *work)
{
	struct vdpx_dev *vd = container_of(work, struct vdpx_dev, cfg_work);
	struct device *dev = &vd->vdpa.dev;

	scoped_guard(device, dev)
		vdpx_cfg_refresh(vd); /* EXPECT-NONE: device-lock-required */
}

/*
 * ->dev_set_attr, from vdpa.c:vdpa_dev_net_device_attr_set() under
 * vdpa_dev_lock and vdev->cf_lock.  The -EBUSY return leaves cfg_lock held
 * while the other return drops it.
 */
int vdpx_dev_set_attr(struct vdpa_mgmt_dev *mdev, struct vdpa_device *vdpa,
		      const struct vdpa_dev_set_config *config)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(vdpa);
	void __iomem *base = vd->hw->base;
	const u8 *mac = config->net.mac;

	mutex_lock(&vd->cfg_lock);
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MACADDR)) {
		if (vd->status & VIRTIO_CONFIG_S_DRIVER_OK)
			return -EBUSY; /* EXPECT: lock-imbalance */

		writel(mac[0] | mac[1] << 8 | mac[2] << 16 | mac[3] << 24,
		       base + VDPX_MAC_LO);
		writel(mac[4] | mac[5] << 8, base + VDPX_MAC_HI);
	}
	mutex_unlock(&vd->cfg_lock);

	schedule_work(&vd->cfg_work);
	return 0;
}

static int vdpx_set_vq_address(struct vdpa_device *vdpa, u16 idx, u64 desc,
			       u64 driver, u64 device)
{
	struct vdpx_vq *vq = &vdpa_to_vdpx(vdpa)->vqs[idx];

	vq->desc = desc;
	vq->driver = driver;
	vq->device = device;
	return 0;
}

static void vdpx_set_vq_num(struct vdpa_device *vdpa, u16 idx, u32 num)
{
	vdpa_to_vdpx(vdpa)->vqs[idx].num = num;
}

static void vdpx_kick_vq(struct vdpa_device *vdpa, u16 idx)
{
	writel(idx, vdpx_vq_regs(vdpa_to_vdpx(vdpa), idx) + VDPX_VQ_NOTIFY);
}

static void vdpx_set_vq_cb(struct vdpa_device *vdpa, u16 idx,
			   struct vdpa_callback *cb)
{
	vdpa_to_vdpx(vdpa)->vqs[idx].cb = *cb;
}

static void vdpx_set_vq_ready(struct vdpa_device *vdpa, u16 idx, bool ready)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(vdpa);
	struct vdpx_vq *vq = &vd->vqs[idx];
	void __iomem *regs = vdpx_vq_regs(vd, idx);

	if (ready) {
		writel(lower_32_bits(vq->desc), regs + VDPX_VQ_DESC);
		writel(upper_32_bits(vq->desc), regs + VDPX_VQ_DESC + 4);
		writel(lower_32_bits(vq->driver), regs + VDPX_VQ_DRIVER);
		writel(upper_32_bits(vq->driver), regs + VDPX_VQ_DRIVER + 4);
		writel(lower_32_bits(vq->device), regs + VDPX_VQ_DEVICE);
		writel(upper_32_bits(vq->device), regs + VDPX_VQ_DEVICE + 4);
		writel(vq->num, regs + VDPX_VQ_NUM);
	}
	writel(ready, regs + VDPX_VQ_ENABLE);
	vq->ready = ready;
}

static bool vdpx_get_vq_ready(struct vdpa_device *vdpa, u16 idx)
{
	return vdpa_to_vdpx(vdpa)->vqs[idx].ready;
}

static int vdpx_set_vq_state(struct vdpa_device *vdpa, u16 idx,
			     const struct vdpa_vq_state *state)
{
	return state->split.avail_index ? -EOPNOTSUPP : 0;
}

static int vdpx_get_vq_state(struct vdpa_device *vdpa, u16 idx,
			     struct vdpa_vq_state *state)
{
	state->split.avail_index = 0;
	return 0;
}

static u32 vdpx_get_vq_align(struct vdpa_device *vdpa)
{
	return PAGE_SIZE;
}

static u64 vdpx_get_device_features(struct vdpa_device *vdpa)
{
	return VDPX_DEVICE_FEATURES;
}

/*
 * ifcvf_main.c:ifcvf_vdpa_set_driver_features() shape.  The early return
 * drops cfg_lock itself; every return leaves it as it found it.
 */
static int vdpx_set_driver_features(struct vdpa_device *vdpa, u64 features)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(vdpa);

	mutex_lock(&vd->cfg_lock);
	if (!(features & BIT_ULL(VIRTIO_F_ACCESS_PLATFORM))) {
		mutex_unlock(&vd->cfg_lock);
		return -EINVAL; /* EXPECT-NONE: lock-imbalance */
	}

	vd->features = features & VDPX_DEVICE_FEATURES;
	writel(lower_32_bits(vd->features), vd->hw->base + VDPX_FEATURES);
	writel(upper_32_bits(vd->features), vd->hw->base + VDPX_FEATURES + 4);
	mutex_unlock(&vd->cfg_lock);

	return 0;
}

static u64 vdpx_get_driver_features(struct vdpa_device *vdpa)
{
	return vdpa_to_vdpx(vdpa)->features;
}

static void vdpx_set_config_cb(struct vdpa_device *vdpa, struct vdpa_callback *cb)
{
	vdpa_to_vdpx(vdpa)->config_cb = *cb;
}

static u16 vdpx_get_vq_num_max(struct vdpa_device *vdpa)
{
	return VDPX_VQ_MAX;
}

static u32 vdpx_get_device_id(struct vdpa_device *vdpa)
{
	return VIRTIO_ID_NET;
}

static u32 vdpx_get_vendor_id(struct vdpa_device *vdpa)
{
	return 0x1af4;
}

static u8 vdpx_get_status(struct vdpa_device *vdpa)
{
	return vdpa_to_vdpx(vdpa)->status;
}

static void vdpx_set_status(struct vdpa_device *vdpa, u8 status)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(vdpa);

	vd->status = status;
	writel(status, vd->hw->base + VDPX_STATUS);
}

static int vdpx_reset(struct vdpa_device *vdpa)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(vdpa);
	unsigned int i;

	for (i = 0; i < VDPX_NVQS; i++) {
		writel(0, vdpx_vq_regs(vd, i) + VDPX_VQ_ENABLE);
		vd->vqs[i].ready = false;
	}
	vd->status = 0;
	vd->features = 0;
	writel(0, vd->hw->base + VDPX_STATUS);
	return 0;
}

/*
 * ->suspend and ->resume: drivers/vhost/vdpa.c:vhost_vdpa_suspend() and
 * vhost_vdpa_resume(), from the VHOST_VDPA_SUSPEND/RESUME ioctls under the
 * vhost device's mutex (vhost_vdpa_unlocked_ioctl()).  The vDPA device's
 * lock is not held.
 */
static int vdpx_suspend(struct vdpa_device *vdpa)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(vdpa);

	return vdpx_vqs_sync_locked(vd, false); /* EXPECT: device-lock-required */
}

static int vdpx_resume(struct vdpa_device *vdpa)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(vdpa);

	guard(device)(&vdpa->dev);
	return vdpx_vqs_sync_locked(vd, true); /* EXPECT-NONE: device-lock-required */
}

static size_t vdpx_get_config_size(struct vdpa_device *vdpa)
{
	return sizeof(struct virtio_net_config);
}

static void vdpx_get_config(struct vdpa_device *vdpa, unsigned int offset,
			    void *buf, unsigned int len)
{
	struct vdpx_dev *vd = vdpa_to_vdpx(vdpa);

	mutex_lock(&vd->cfg_lock);
	if (offset + len <= sizeof(vd->config))
		memcpy(buf, (u8 *)&vd->config + offset, len);
	mutex_unlock(&vd->cfg_lock);
}

static void vdpx_set_config(struct vdpa_device *vdpa, unsigned int offset,
			    const void *buf, unsigned int len)
{
	/* read-only config space */
}

static u32 vdpx_get_generation(struct vdpa_device *vdpa)
{
	return vdpa_to_vdpx(vdpa)->generation;
}

const struct vdpa_config_ops vdpx_config_ops = {
	.set_vq_address		= vdpx_set_vq_address,
	.set_vq_num		= vdpx_set_vq_num,
	.kick_vq		= vdpx_kick_vq,
	.set_vq_cb		= vdpx_set_vq_cb,
	.set_vq_ready		= vdpx_set_vq_ready,
	.get_vq_ready		= vdpx_get_vq_ready,
	.set_vq_state		= vdpx_set_vq_state,
	.get_vq_state		= vdpx_get_vq_state,
	.get_vq_align		= vdpx_get_vq_align,
	.get_device_features	= vdpx_get_device_features,
	.set_driver_features	= vdpx_set_driver_features,
	.get_driver_features	= vdpx_get_driver_features,
	.set_config_cb		= vdpx_set_config_cb,
	.get_vq_num_max		= vdpx_get_vq_num_max,
	.get_device_id		= vdpx_get_device_id,
	.get_vendor_id		= vdpx_get_vendor_id,
	.get_status		= vdpx_get_status,
	.set_status		= vdpx_set_status,
	.reset			= vdpx_reset,
	.suspend		= vdpx_suspend,
	.resume			= vdpx_resume,
	.get_config_size	= vdpx_get_config_size,
	.get_config		= vdpx_get_config,
	.set_config		= vdpx_set_config,
	.get_generation		= vdpx_get_generation,
};
