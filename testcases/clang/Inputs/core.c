/*
 * A subsystem core for slotctx.c: calls through its drivers' ops, with or
 * without the device lock (drivers/pci/pcie/err.c, drivers/base/core.c's
 * device_offline() and drivers/pci/iov.c are the shapes), and a trylock
 * wrapper of its own (pci_dev_trylock()).
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/pci.h>
#include <linux/xcore.h>

/* Held at both calls: a context. */
int xcore_reset(struct xcore_dev *xd)
{
	int ret;

	device_lock(&xd->dev);
	ret = xd->ops->reset(xd);
	device_unlock(&xd->dev);
	return ret;
}

int xcore_reset_all(struct xcore_dev **v, int n)
{
	for (int i = 0; i < n; i++) {
		if (!device_trylock(&v[i]->dev))
			return -EBUSY;
		v[i]->ops->reset(v[i]);
		device_unlock(&v[i]->dev);
	}
	return 0;
}

struct xcore_dev *xcore_find(int id);

/* A guard's scope, and the call after it: held at one call, not the other. */
void xcore_poke(int id)
{
	struct xcore_dev *xd = xcore_find(id);

	scoped_guard(device, &xd->dev)
		xd->ops->poke(xd);
	xd->ops->poke(xd);
}

/* Unlocked before the call: no context. */
void xcore_abort(int id)
{
	struct xcore_dev *xd = xcore_find(id);

	device_lock(&xd->dev);
	xd->state = 0;
	device_unlock(&xd->dev);
	xd->ops->abort(xd);
}

/*
 * A device this function was given: whether it is locked is its callers'
 * business, so the unlocked call says nothing of the slot either way (an
 * exported helper of the core).
 */
void xcore_scan_unlocked(struct xcore_dev *xd)
{
	xd->ops->scan(xd);
}

/* The unlock in a branch that returns does not end the lock after it. */
int xcore_scan(struct xcore_dev *xd)
{
	device_lock(&xd->dev);
	if (!xd->ops) {
		device_unlock(&xd->dev);
		return -ENODEV;
	}
	xd->ops->scan(xd);
	device_unlock(&xd->dev);
	return 0;
}

/* 1 with the lock held, 0 without: a lock function to other files. */
int xcore_trylock(struct xcore_dev *xd)
{
	if (!device_trylock(&xd->dev))
		return 0;
	if (xd->state) {
		device_unlock(&xd->dev);
		return 0;
	}
	return 1;
}

/**
 * xcore_init_clients - run a client's ->init (host1x_device_init())
 * @xd: the device
 * @cl: its client
 *
 * Context: Caller holds the device lock of @xd.
 */
void xcore_init_clients(struct xcore_dev *xd, struct xcore_client *cl)
{
	cl->xd = xd;
	cl->ops->init(cl);
}

/*
 * A slot called with the struct around the locked device, as
 * smbus_do_alert() calls ->alert(client) under device_lock(dev); and the
 * twin, the struct around another device (the parent's), whose own lock
 * is not held.
 */
int xcore_alert_one(struct device *dev, void *data)
{
	struct xcore_dev *xd = container_of(dev, struct xcore_dev, dev);

	device_lock(dev);
	if (xd->ops->alert)
		xd->ops->alert(xd);
	device_unlock(dev);
	return 0;
}

/* The struct around dev, locked by its own name (sriov_numvfs_store()). */
int xcore_quiesce_one(struct device *dev)
{
	struct xcore_dev *xd = container_of(dev, struct xcore_dev, dev);

	device_lock(&xd->dev);
	xd->ops->quiesce(xd);
	device_unlock(&xd->dev);
	return 0;
}

int xcore_kick_parent(struct device *dev)
{
	struct xcore_dev *xp = container_of(dev->parent, struct xcore_dev, dev);

	device_lock(dev);
	xp->ops->kick(xp);
	device_unlock(dev);
	return 0;
}

/* A converter that checks first (i2c_verify_client()): NULL or the struct
 * around dev. */
static struct xcore_dev *to_xcore_checked(struct device *dev)
{
	return dev->type ? container_of(dev, struct xcore_dev, dev) : NULL;
}

/* ->wake with the struct around the locked device, through this file's
 * checked converter. */
int xcore_wake_one(struct device *dev)
{
	struct xcore_dev *xd = to_xcore_checked(dev);

	if (!xd)
		return 0;
	device_lock(dev);
	xd->ops->wake(xd);
	device_unlock(dev);
	return 0;
}

/* ->notify the same, through another file's (smbus_do_alert() and
 * i2c_verify_client()): without that file's summary, an unknown pointer. */
int xcore_notify_one(struct device *dev)
{
	struct xcore_dev *xd = xcore_verify(dev);

	if (!xd)
		return 0;
	device_lock(dev);
	xd->ops->notify(xd);
	device_unlock(dev);
	return 0;
}

/*
 * The lock's own result handed back: held exactly when it returns 0
 * (nvdimm's and usb's device_lock_interruptible() users), or non-zero.
 */
int xcore_lock_interruptible(struct xcore_dev *xd)
{
	return device_lock_interruptible(&xd->dev);
}

int xcore_trylock_plain(struct xcore_dev *xd)
{
	return device_trylock(&xd->dev);
}

/* Keeps the lock at an error return only: the inconsistent-returns bug
 * (reported here), not a trylock's contract to its callers. */
int xcore_suspend(struct xcore_dev *xd)
{
	device_lock(&xd->dev);
	if (xd->state)
		return -16;
	device_unlock(&xd->dev);
	return 0;
}

/*
 * Called with the lock held; drops it while it waits and takes it back
 * (wait_nvdimm_bus_probe_idle()): neither a lock nor an unlock function.
 */
void xcore_wait_idle(struct xcore_dev *xd)
{
	device_lock_assert(&xd->dev);
	while (xd->state) {
		device_unlock(&xd->dev);
		device_lock(&xd->dev);
	}
}

/*
 * A lock and an unlock function (pci_dev_lock(), pci_dev_unlock()).  Both
 * are inlined into xcore_toggle(), so the analyzer never sees them on their
 * own: their summary lines come from their bodies.
 */
void xcore_lock(struct xcore_dev *xd)
{
	device_lock(&xd->dev);
	xd->state = 1;
}

void xcore_unlock(struct xcore_dev *xd)
{
	xd->state = 0;
	device_unlock(&xd->dev);
}

void xcore_toggle(struct xcore_dev *xd)
{
	xcore_lock(xd);
	xcore_unlock(xd);
}

/**
 * xcore_set_state() - a contract only in its kernel-doc
 * @xd: the device
 * @state: the new state
 *
 * Context: Process context.  Caller holds device
 * lock.
 */
void xcore_set_state(struct xcore_dev *xd, int state)
{
	xd->state = state;
}

/**
 * xcore_note() - a lock of something else
 * @xd: the device
 * @parent: its parent
 *
 * Context: Expects the device lock of the port that owns @xd to be held.
 */
void xcore_note(struct xcore_dev *xd, struct xcore_dev *parent)
{
	xd->state = parent->state;
}

/* A converter (to_cxl_port()): NULL, or the struct around its argument. */
struct pci_dev *xcore_pci(struct device *dev)
{
	if (!dev)
		return NULL;
	return container_of(dev, struct pci_dev, dev);
}

/*
 * ->setup, called back only from the API (i3c_master_register() ->
 * i3c_master_bus_init() -> ->bus_init()): its callers' context, a probe's
 * device lock or none, is theirs to say (@api).
 */
static int xcore_setup(struct xcore_dev *xd)
{
	return xd->ops->setup(xd);
}

int xcore_register(struct xcore_dev *xd, const struct xcore_ops *ops)
{
	xd->ops = ops;
	return xcore_setup(xd);
}

/*
 * ->mode, from the API and from an attribute's store (i3c_set_hotjoin()
 * from i3c_master_enable_hotjoin() and hotjoin_store()): the store's path
 * holds no device lock, so the slot is no API's alone.
 */
static int xcore_set_mode(struct xcore_dev *xd)
{
	return xd->ops->mode(xd);
}

int xcore_enable_mode(struct xcore_dev *xd)
{
	return xcore_set_mode(xd);
}

struct xcore_attr {
	int (*store)(struct device *dev);
};

static int mode_store(struct device *dev)
{
	return xcore_set_mode(container_of(dev, struct xcore_dev, dev));
}

const struct xcore_attr xcore_mode_attr = { .store = mode_store };
