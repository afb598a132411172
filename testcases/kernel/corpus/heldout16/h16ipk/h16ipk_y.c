// SPDX-License-Identifier: GPL-2.0-only
/*
 * h16ipk_y.c - the carrier driver, after drivers/ipack/carriers/tpci200.c:
 * probe/remove (reached through the private bus's .probe/.remove, so the
 * carrier's device lock is held), the ipack_bus_ops table, the carrier IRQ
 * and a poll timer.
 *
 * ipack_bus_ops: drivers/ipack/ipack.c never calls these; IP-module
 * drivers do (drivers/ipack/devices/ipoctal.c:ipoctal_inst_slot calls ->request_irq from its
 * probe).  The ipack core holds no lock around them.  In this module
 * ->set_clockrate is called only from h16ipk_z.c:clock_store (sysfs) and
 * ->reset_timeout only from h16ipk_z.c:h16ipk_mod_quiesce_work (a work),
 * neither of which holds a device lock.
 */
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "h16ipk.h"

static const size_t h16ipk_space_size[IPACK_SPACE_COUNT] = {
	[IPACK_IO_SPACE]    = 0x80,
	[IPACK_ID_SPACE]    = 0x40,
	[IPACK_INT_SPACE]   = 0x40,
	[IPACK_MEM8_SPACE]  = 0x400000,
	[IPACK_MEM16_SPACE] = 0x800000,
};

/* --- ipack_bus_ops ---------------------------------------------------- */

static int h16ipk_request_irq(struct ipack_device *idev,
			      irqreturn_t (*handler)(void *), void *arg)
{
	struct h16ipk_carrier *c = h16ipk_slot_to_carrier(idev);
	struct h16ipk_slot_irq *slot_irq;
	int res = 0;

	/* drivers/ipack/carriers/tpci200.c:tpci200_request_irq */
	if (!c)
		return -EINVAL;
	if (mutex_lock_interruptible(&c->mutex))
		return -ERESTARTSYS;

	if (rcu_access_pointer(c->slot_irq[idev->slot])) {
		res = -EINVAL;
		goto out_unlock;
	}
	slot_irq = kzalloc(sizeof(*slot_irq), GFP_KERNEL);
	if (!slot_irq) {
		res = -ENOMEM;
		goto out_unlock;
	}
	slot_irq->handler = handler;
	slot_irq->arg = arg;
	slot_irq->holder = idev;
	rcu_assign_pointer(c->slot_irq[idev->slot], slot_irq);

out_unlock:
	mutex_unlock(&c->mutex);
	return res;
}

static int h16ipk_free_irq(struct ipack_device *idev)
{
	struct h16ipk_carrier *c = h16ipk_slot_to_carrier(idev);
	struct h16ipk_slot_irq *slot_irq;

	/* drivers/ipack/carriers/tpci200.c:tpci200_free_irq */
	if (!c)
		return -EINVAL;
	if (mutex_lock_interruptible(&c->mutex))
		return -ERESTARTSYS;

	slot_irq = rcu_dereference_protected(c->slot_irq[idev->slot],
					     lockdep_is_held(&c->mutex));
	if (!slot_irq) {
		mutex_unlock(&c->mutex);
		return -EINVAL;
	}
	RCU_INIT_POINTER(c->slot_irq[idev->slot], NULL);
	synchronize_rcu();
	kfree(slot_irq);
	mutex_unlock(&c->mutex);
	return 0;
}

static int h16ipk_get_clockrate(struct ipack_device *idev)
{
	struct h16ipk_carrier *c = h16ipk_slot_to_carrier(idev);

	if (!c)
		return -ENODEV;
	return (c->mode & 0xf) == H16IPK_MODE_32MHZ ? 32 : 8;
}

/*
 * ->set_clockrate: drivers/ipack/carriers/tpci200.c:tpci200_set_clockrate, plus the slot reset the
 * module needs after a clock change.  No lock is held by any caller (see
 * the header comment), yet the _locked helper needs the slot's lock.
 */
static int h16ipk_set_clockrate(struct ipack_device *idev, int mherz)
{
	struct h16ipk_carrier *c = h16ipk_slot_to_carrier(idev);
	unsigned long flags;

	if (!c)
		return -ENODEV;
	if (mherz != 8 && mherz != 32)
		return -EINVAL;

	spin_lock_irqsave(&c->regs_lock, flags);
	if (mherz == 32)
		c->mode |= BIT(idev->slot + 8);
	else
		c->mode &= ~BIT(idev->slot + 8);
	spin_unlock_irqrestore(&c->regs_lock, flags);

	return h16ipk_slot_reset_locked(idev); /* EXPECT: device-lock-required */
}

static int h16ipk_get_error(struct ipack_device *idev)
{
	struct h16ipk_carrier *c = h16ipk_slot_to_carrier(idev);

	if (!c)
		return -ENODEV;
	return !!(c->mode & BIT(idev->slot + 12));
}

static int h16ipk_get_timeout(struct ipack_device *idev)
{
	struct h16ipk_carrier *c = h16ipk_slot_to_carrier(idev);

	if (!c)
		return -ENODEV;
	return !!(c->mode & BIT(idev->slot + 16));
}

/*
 * ->reset_timeout: drivers/ipack/carriers/tpci200.c:tpci200_reset_timeout, then re-apply the DMA
 * window the carrier gave the slot in h16ipk_create_slot().  The slot is a
 * device this carrier created, reached here through its own ops table, and
 * nobody holds its lock.
 */
static int h16ipk_reset_timeout(struct ipack_device *idev)
{
	struct h16ipk_carrier *c = h16ipk_slot_to_carrier(idev);
	unsigned long flags;

	if (!c)
		return -ENODEV;

	spin_lock_irqsave(&c->regs_lock, flags);
	c->mode &= ~BIT(idev->slot + 16);
	spin_unlock_irqrestore(&c->regs_lock, flags);

	return of_dma_configure(&idev->dev, c->dev.of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
}

const struct ipack_bus_ops h16ipk_bus_ops = {
	.request_irq	= h16ipk_request_irq,
	.free_irq	= h16ipk_free_irq,
	.get_clockrate	= h16ipk_get_clockrate,
	.set_clockrate	= h16ipk_set_clockrate,
	.get_error	= h16ipk_get_error,
	.get_timeout	= h16ipk_get_timeout,
	.reset_timeout	= h16ipk_reset_timeout,
};

/* --- IRQ, timer, work -------------------------------------------------- */

/*
 * Hard IRQ handler: drivers/ipack/carriers/tpci200.c:tpci200_interrupt.  Atomic context, no
 * device lock held.  A dead carrier with a pending interrupt is quiesced
 * right here.
 */
static irqreturn_t h16ipk_carrier_irq(int irq, void *dev_id)
{
	struct h16ipk_carrier *c = dev_id;
	struct h16ipk_slot_irq *slot_irq;
	bool unhandled = false;
	unsigned int i;

	rcu_read_lock();
	for (i = 0; i < H16IPK_NB_SLOT; i++) {
		slot_irq = rcu_dereference(c->slot_irq[i]);
		if (slot_irq)
			slot_irq->handler(slot_irq->arg);
		else
			unhandled = true;
	}
	rcu_read_unlock();

	if (unhandled && READ_ONCE(c->dead)) {
		h16ipk_dev_quiesce(&c->dev); /* EXPECT: device-lock-required */
		return IRQ_HANDLED;
	}

	return unhandled ? IRQ_WAKE_THREAD : IRQ_HANDLED;
}

/*
 * Threaded half: process context, the IRQ core holds no device lock; it
 * takes it with device_trylock(), shape of
 * drivers/platform/x86/intel/pmc/core.c:pmc_core_set_device_d3.
 */
static irqreturn_t h16ipk_carrier_irq_thread(int irq, void *dev_id)
{
	struct h16ipk_carrier *c = dev_id;

	if (!device_trylock(&c->dev))
		return IRQ_HANDLED;

	h16ipk_dev_quiesce(&c->dev); /* EXPECT-NONE: device-lock-required */
	device_unlock(&c->dev);

	return IRQ_HANDLED;
}

/* Work: process context, nothing held; locks via h16ipk_carrier_lock(). */
static void h16ipk_mode_work(struct work_struct *work)
{
	struct h16ipk_carrier *c = container_of(work, struct h16ipk_carrier,
						mode_work);

	if (h16ipk_carrier_lock(c))
		return;

	h16ipk_carrier_set_mode(c, H16IPK_MODE_32MHZ); /* EXPECT-NONE: device-lock-required */
	device_unlock(&c->dev);
}

/* Timer callback: softirq context, nothing held. */
static void h16ipk_poll_timer(struct timer_list *t)
{
	struct h16ipk_carrier *c = from_timer(c, t, poll_timer);

	if (READ_ONCE(c->dead)) {
		h16ipk_carrier_set_mode(c, H16IPK_MODE_OFF); /* EXPECT: device-lock-required */
		return;
	}

	schedule_work(&c->mode_work);
	mod_timer(&c->poll_timer, jiffies + HZ);
}

/* --- probe / remove ---------------------------------------------------- */

static void h16ipk_release_slot(struct ipack_device *idev)
{
	kfree(idev);
}

/*
 * drivers/ipack/carriers/tpci200.c:tpci200_create_device, plus a per-slot DMA window set by the
 * creator (shape: drivers/bcma/main.c:bcma_of_fill_device configures the
 * core device it has just allocated).  Runs inside the carrier's probe:
 * the carrier is locked, the new slot is not, hence the scoped_guard.
 * A static helper without a contract, called only from h16ipk_tpci_probe():
 * its of_dma_configure() call and its call there are one site per rule.
 */
static int h16ipk_create_slot(struct h16ipk_carrier *c, unsigned int i)
{
	struct ipack_device *idev;
	enum ipack_space space;
	int ret;

	idev = kzalloc(sizeof(*idev), GFP_KERNEL);
	if (!idev)
		return -ENOMEM;

	idev->slot = i;
	idev->bus = c->ipack_bus;
	idev->release = h16ipk_release_slot;
	for (space = 0; space < IPACK_SPACE_COUNT; space++) {
		idev->region[space].start = c->mod_mem[space] +
					    h16ipk_space_size[space] * i;
		idev->region[space].size = h16ipk_space_size[space];
	}

	ret = ipack_device_init(idev);
	if (ret < 0) {
		ipack_put_device(idev);
		return ret;
	}

	scoped_guard(device, &idev->dev)
		ret = of_dma_configure(&idev->dev, c->dev.of_node, true); /* EXPECT: dma-configure-outside-bus created-device @ipk_slot_dma; EXPECT-NONE: device-lock-required @ipk_slot_lock */
	if (ret)
		dev_dbg(&c->dev, "slot %u: no DMA window (%d)\n", i, ret);

	ret = ipack_device_add(idev);
	if (ret < 0) {
		ipack_put_device(idev);
		return ret;
	}

	c->slots[i] = idev;
	return 0;
}

/*
 * Carrier driver probe, called from h16ipk_carrier_bus_probe(): the
 * carrier's device lock is held (drivers/base/dd.c:really_probe).
 * Shape: drivers/ipack/carriers/tpci200.c:tpci200_pci_probe; the re-pointing of the probed device
 * at its "memory-region" node follows
 * drivers/gpu/drm/etnaviv/etnaviv_drv.c:etnaviv_pdev_probe.
 */
static int h16ipk_tpci_probe(struct h16ipk_carrier *c)
{
	struct device_node *mem_np;
	unsigned int i;
	int ret;

	mem_np = of_parse_phandle(c->dev.of_node, "memory-region", 0);
	if (mem_np) {
		ret = of_dma_configure(&c->dev, mem_np, true); /* EXPECT: dma-configure-outside-bus probed-device; EXPECT-NONE: device-lock-required */
		of_node_put(mem_np);
		if (ret)
			return ret;
	}

	INIT_WORK(&c->mode_work, h16ipk_mode_work);
	timer_setup(&c->poll_timer, h16ipk_poll_timer, 0);

	c->ipack_bus = ipack_bus_register(&c->dev, H16IPK_NB_SLOT,
					  &h16ipk_bus_ops, THIS_MODULE);
	if (!c->ipack_bus)
		return -ENODEV;

	if (c->irq > 0) {
		ret = request_threaded_irq(c->irq, h16ipk_carrier_irq,
					   h16ipk_carrier_irq_thread,
					   IRQF_SHARED, dev_name(&c->dev), c);
		if (ret)
			goto err_bus;
	}

	for (i = 0; i < H16IPK_NB_SLOT; i++)
		h16ipk_create_slot(c, i); /* EXPECT: dma-configure-outside-bus created-device @ipk_slot_dma; EXPECT-NONE: device-lock-required @ipk_slot_lock */

	mod_timer(&c->poll_timer, jiffies + HZ);
	return 0;

err_bus:
	ipack_bus_unregister(c->ipack_bus);
	return ret;
}

/*
 * Carrier driver remove, from h16ipk_carrier_bus_remove(): the carrier's
 * lock is held, the slots' locks are not.  Bound slots are reset under
 * their own lock; unbound ones "cannot race" and are reset bare.
 * Shape: drivers/ipack/carriers/tpci200.c:__tpci200_pci_remove.
 */
static void h16ipk_tpci_remove(struct h16ipk_carrier *c)
{
	unsigned int i;

	timer_shutdown_sync(&c->poll_timer);
	cancel_work_sync(&c->mode_work);

	for (i = 0; i < H16IPK_NB_SLOT; i++) {
		struct ipack_device *idev = c->slots[i];

		if (!idev)
			continue;
		if (READ_ONCE(idev->dev.driver)) {
			device_lock(&idev->dev);
			h16ipk_slot_reset_locked(idev); /* EXPECT-NONE: device-lock-required */
			device_unlock(&idev->dev);
		} else {
			h16ipk_slot_reset_locked(idev); /* EXPECT: device-lock-required */
		}
	}

	if (c->irq > 0)
		free_irq(c->irq, c);
	ipack_bus_unregister(c->ipack_bus);
	memset(c->slots, 0, sizeof(c->slots));
}

static const struct of_device_id h16ipk_tpci_of_match[] = {
	{ .compatible = "h16,ipk-tpci" },
	{ }
};

struct h16ipk_carrier_driver h16ipk_tpci_driver = {
	.driver = {
		.name		= "h16ipk-tpci",
		.bus		= &h16ipk_carrier_bus,
		.of_match_table	= h16ipk_tpci_of_match,
	},
	.probe	= h16ipk_tpci_probe,
	.remove	= h16ipk_tpci_remove,
};
