// Which device lock a _locked helper's comment puts on its callers.  The
// name says a lock is held; only the comment says whose, in a plain comment
// as often as in kernel-doc: "the device lock of @dev", "device_lock(P)" or
// "device_lock(&P->dev)".  The name alone, another object's lock, or a
// lock the helper takes itself is no requirement; nor, for now, the
// parameter's kernel-doc line ("@dev: ..., locked by the caller": README).
// Every positive is called from an unlocked callback and a locked twin.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
#include <linux/device.h>

struct vdev {
	struct device dev;
	int ring;
};

struct core {
	struct device *dev;	/* kept, not embedded */
	int resets;
};

struct bucket {
	int n;
};

/* A plain comment: the caller holds the device lock of @dev. */
int plain_attach_locked(struct device *dev)
{
	return dev->driver ? 0 : -19;
}

/*
 * vd_set_ring_locked - resize the ring.  The caller holds
 * device_lock(&vdev->dev): the ring belongs to the bound driver.
 */
int vd_set_ring_locked(struct vdev *vdev, int size)
{
	vdev->ring = size;
	return 0;
}

/* _locked: the caller holds device_lock(larbdev). */
int larb_set_locked(struct device *larbdev, int mmu)
{
	return larbdev->driver ? mmu : -19;
}

/* the caller holds device_lock(@dev) */
int mux_apply_locked(struct device *dev, int conf)
{
	return conf;
}

/*
 * cell_irq_locked - route the cell's interrupt
 * @dev: the cell's device, locked by the caller
 */
int cell_irq_locked(struct device *dev, int irq)
{
	return irq;
}

/* the name says the caller holds the device lock of core->dev */
void core_reset_locked(struct core *core)
{
	core->resets++;
}

/**
 * vd_detach() - stop using a device
 * @dev: the device
 *
 * Shaped on a helper whose contract is its Context: line (a "Context:"
 * inside a sentence starts no section).
 *
 * Context: Process context.  Expects the device lock of @dev to be held.
 */
void vd_detach(struct device *dev)
{
}

/* No requirement: the name alone, another object's lock, a lock taken
 * inside, a bucket that is no device, a comment without the name. */

/* The name is the contract. */
void name_only_locked(struct device *dev)
{
}

/* The caller holds device_lock(&priv->parent), not of @dev. */
void other_lock_locked(struct device *dev)
{
}

/* Takes device_lock(@dev) itself; the caller holds the list lock. */
void takes_itself_locked(struct device *dev)
{
	device_lock(dev);
	device_unlock(dev);
}

/*
 * bucket_drop_locked - drop a bucket
 * @hb: the bucket, must be locked by the caller
 */
void bucket_drop_locked(struct bucket *hb)
{
	hb->n = 0;
}

/* The caller holds device_lock(@dev). */
void not_locked_name(struct device *dev)
{
}

static void unlocked_entry(struct vdev *vdev, struct core *core, struct bucket *hb)
{
	struct device *dev = &vdev->dev;

	plain_attach_locked(dev); // expected-warning{{plain_attach_locked() requires device_lock(dev), which is not held on this path (from unlocked_entry())}}
	vd_set_ring_locked(vdev, 1); // expected-warning{{vd_set_ring_locked() requires device_lock(&vdev->dev), which is not held on this path (from unlocked_entry())}}
	larb_set_locked(dev, 0); // expected-warning{{larb_set_locked() requires device_lock(dev), which is not held on this path (from unlocked_entry())}}
	mux_apply_locked(dev, 0); // expected-warning{{mux_apply_locked() requires device_lock(dev), which is not held on this path (from unlocked_entry())}}
	cell_irq_locked(dev, 0); /* not read: a parameter's line */
	core_reset_locked(core); // expected-warning{{core_reset_locked() requires device_lock(core->dev), which is not held on this path (from unlocked_entry())}}
	vd_detach(dev); // expected-warning{{vd_detach() requires device_lock(dev), which is not held on this path (from unlocked_entry())}}
	name_only_locked(dev);
	other_lock_locked(dev);
	takes_itself_locked(dev);
	bucket_drop_locked(hb);
	not_locked_name(dev);
}

static void locked_entry(struct vdev *vdev, struct core *core)
{
	struct device *dev = &vdev->dev;

	device_lock(dev);
	plain_attach_locked(dev);
	vd_set_ring_locked(vdev, 1);
	larb_set_locked(dev, 0);
	mux_apply_locked(dev, 0);
	cell_irq_locked(dev, 0);
	vd_detach(dev);
	device_unlock(dev);
	device_lock(core->dev);
	core_reset_locked(core);
	device_unlock(core->dev);
}

void *const callbacks[] = { unlocked_entry, locked_entry };
