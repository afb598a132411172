// Lock functions of another file whose lock is the own device of an object
// their parameter points to (&p->ldev->dev): h1x_lock_logical() and
// ssamx_hub_lock() of the corpus, on host1x's and surface's shapes.
#include "lockobj.h"

/* The object with its lock held, or NULL without it. */
struct lo_dev *lo_lock_dev(struct lo_priv *p)
{
	struct lo_dev *ldev = p->ldev;

	if (!device_trylock(&ldev->dev))
		return NULL;
	if (!ldev->registered) {
		device_unlock(&ldev->dev);
		return NULL;
	}
	return ldev;
}

/* Its twin returns a pointer to something else than what it locked: a
 * lock function, but no "@returns". */
struct lo_dev *lo_lock_dev_other(struct lo_priv *p)
{
	static struct lo_dev spare;

	if (!device_trylock(&p->ldev->dev))
		return NULL;
	return &spare;
}

/* 0 with the lock held, an errno without it. */
int lo_hub_lock(struct lo_priv *p)
{
	struct lo_dev *ldev = p->ldev;
	int ret;

	ret = device_lock_interruptible(&ldev->dev);
	if (ret)
		return ret;
	if (!ldev->registered) {
		device_unlock(&ldev->dev);
		return -ENODEV;
	}
	return 0;
}

void lo_hub_unlock(struct lo_priv *p)
{
	device_unlock(&p->ldev->dev);
}

void lo_sync_locked(struct lo_dev *ldev)
{
	device_lock_assert(&ldev->dev);
	ldev->registered = true;
}
