// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16pnp_z.c - the function driver on the LPC bus, its sysfs, the SIO bus
 * notifier, the card-peer works and the walks over a PNP card.
 *
 * Contexts: BUS_NOTIFY_ADD_DEVICE is sent by drivers/base/core.c:device_add()
 * (bus_notify()) before device_add() takes the new device's lock for the
 * first time, so the notifier holds no device lock.  Works and sysfs
 * stores/shows run with no device lock held.
 */
#include <linux/acpi.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "h16pnp.h"

/* --- SIO bus notifier ---------------------------------------------------- */

/*
 * A Super-I/O companion driver added a device to the SIO bus; this module
 * neither created it nor probes it.  Shape: drivers/iommu/iommu.c:
 * iommu_bus_notifier (act on BUS_NOTIFY_ADD_DEVICE).  The ACPI branch
 * configures it bare, the OF branch under its lock.
 */
static int h16pnp_sio_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct device *dev = data;
	struct fwnode_handle *fwnode = dev_fwnode(dev);
	int ret = 0;

	if (action != BUS_NOTIFY_ADD_DEVICE)
		return NOTIFY_DONE;

	if (is_acpi_device_node(fwnode)) {
		ret = acpi_dma_configure(dev, device_get_dma_attr(dev)); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT: device-lock-required */
	} else if (is_of_node(fwnode)) {
		device_lock(dev);
		ret = of_dma_configure(dev, to_of_node(fwnode), true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
		device_unlock(dev);
	}

	return notifier_from_errno(ret);
}

struct notifier_block h16pnp_sio_nb = {
	.notifier_call = h16pnp_sio_notify,
};

/* --- card peer works ----------------------------------------------------- */

/*
 * Works (nothing held).  ctx->peer, the card sibling found by ->probe, is
 * read back from the private struct and given this bridge's DMA channel.
 */
void h16pnp_peer_work(struct work_struct *work)
{
	struct h16pnp_ctx *ctx = container_of(work, struct h16pnp_ctx,
					      peer_work);
	struct pnp_dev *peer = ctx->peer;

	h16pnp_set_dma_chan(peer, ctx->dma_chan); /* EXPECT: device-lock-required */
}

void h16pnp_peer_sync_work(struct work_struct *work)
{
	struct h16pnp_ctx *ctx = container_of(work, struct h16pnp_ctx,
					      peer_sync_work);
	struct pnp_dev *peer = ctx->peer;

	guard(device)(&peer->dev);
	h16pnp_set_dma_chan(peer, ctx->dma_chan); /* EXPECT-NONE: device-lock-required */
}

/* --- walks over the PNP card ---------------------------------------------- */

/*
 * Check that every other device of the card is active, each under its own
 * lock (card walk as drivers/pnp/card.c:pnp_request_card_device).  The
 * inactive exit keeps the sibling locked.
 */
int h16pnp_card_sync(struct pnp_dev *pnp)
{
	struct pnp_dev *sib;

	if (!pnp->card)
		return 0;

	card_for_each_dev(pnp->card, sib) {
		if (sib == pnp)
			continue;
		device_lock(&sib->dev);
		if (!sib->active)
			return -EAGAIN; /* EXPECT: lock-imbalance */
		device_unlock(&sib->dev);
	}
	return 0;
}

int h16pnp_card_count_active(struct pnp_dev *pnp)
{
	struct pnp_dev *sib;
	int n = 0;

	if (!pnp->card)
		return 0;

	card_for_each_dev(pnp->card, sib) {
		if (sib == pnp)
			continue;
		device_lock(&sib->dev);
		if (!sib->active) {
			device_unlock(&sib->dev);
			return -EAGAIN; /* EXPECT-NONE: lock-imbalance */
		}
		n++;
		device_unlock(&sib->dev);
	}
	return n;
}

/* --- function driver and its sysfs ---------------------------------------- */

static ssize_t quiesce_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	bool val;

	if (kstrtobool(buf, &val))
		return -EINVAL;
	if (val)
		h16pnp_fn_quiesce(dev); /* EXPECT: device-lock-required */
	return count;
}
static DEVICE_ATTR_WO(quiesce);

static ssize_t quiesce_sync_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	bool val;

	if (kstrtobool(buf, &val))
		return -EINVAL;
	if (val) {
		scoped_guard(device, dev)
			h16pnp_fn_quiesce(dev); /* EXPECT-NONE: device-lock-required */
	}
	return count;
}
static DEVICE_ATTR_WO(quiesce_sync);

static ssize_t card_active_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct h16pnp_fn *fn = to_h16pnp_fn(dev);

	return sysfs_emit(buf, "%d\n", h16pnp_card_count_active(fn->ctx->pnp));
}

static ssize_t card_active_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t count)
{
	struct h16pnp_fn *fn = to_h16pnp_fn(dev);
	int ret;

	ret = h16pnp_card_sync(fn->ctx->pnp);
	return ret ?: count;
}
static DEVICE_ATTR_RW(card_active);

static struct attribute *h16pnp_fn_attrs[] = {
	&dev_attr_quiesce.attr,
	&dev_attr_quiesce_sync.attr,
	&dev_attr_card_active.attr,
	NULL
};
ATTRIBUTE_GROUPS(h16pnp_fn);

/* Called from h16pnp_lpc_probe()/h16pnp_lpc_remove() (function locked). */
static int h16pnp_fn_probe(struct h16pnp_fn *fn)
{
	dev_dbg(&fn->dev, "function %u, DMA channel %d\n", fn->index,
		fn->dma_chan);
	return 0;
}

static void h16pnp_fn_remove(struct h16pnp_fn *fn)
{
	fn->dma_chan = -1;
}

struct h16pnp_fn_driver h16pnp_fn_driver = {
	.driver = {
		.name		= "fn",
		.bus		= &h16pnp_buses[H16PNP_BUS_LPC],
		.dev_groups	= h16pnp_fn_groups,
	},
	.probe	= h16pnp_fn_probe,
	.remove	= h16pnp_fn_remove,
};
