// Lock helpers of another file, as ishtp's and USB's: a flag checked
// before the lock and again under it (another thread may have cleared it
// meanwhile), the lock kept only when it is still set.
#include "recheck.h"

int rcl_lock_active(struct rcl_device *cl)
{
	if (!READ_ONCE(cl->active))
		return -ENODEV;
	device_lock(&cl->dev);
	if (!cl->active) {
		device_unlock(&cl->dev);
		return -ENODEV;
	}
	return 0;
}

/* Its twin without the second check: it always returns with the lock. */
int rcl_lock_any(struct rcl_device *cl)
{
	device_lock(&cl->dev);
	return cl->active ? 0 : 1;
}

/* Meant as rcl_lock_active(), but its -EBUSY return forgets to unlock
 * (heldout12's mdiox_hw_claim()): a finding in this file; its callers are
 * still judged by "held iff 0", the contract its clean returns state. */
int rcl_claim(struct rcl_device *cl)
{
	device_lock(&cl->dev);
	if (!cl->active) {
		device_unlock(&cl->dev);
		return -ENODEV;
	}
	if (cl->mode < 0)
		return -EBUSY;
	return 0;
}

/* Holds the lock at no clean return: -ENODEV drops it, -EBUSY forgets to
 * (heldout21's h21a_begin_reprogram()), and what rcl_apply() returns comes
 * back after the unlock.  Only an error return holds it, and that is this
 * function's own finding: no contract for its callers, not "held iff 0". */
int rcl_reprogram(struct rcl_device *cl)
{
	int ret;

	device_lock(&cl->dev);
	if (!cl->active) {
		device_unlock(&cl->dev);
		return -ENODEV;
	}
	if (cl->mode < 0)
		return -EBUSY;
	ret = rcl_apply(cl);
	device_unlock(&cl->dev);
	return ret;
}

/* Its twin that also returns 0 after dropping the lock: no contract. */
int rcl_claim_muddled(struct rcl_device *cl)
{
	device_lock(&cl->dev);
	if (!cl->active) {
		device_unlock(&cl->dev);
		return 0;
	}
	if (cl->mode < 0)
		return -EBUSY;
	return 0;
}

/* Its object with the lock held, NULL without it: a trylock to its
 * callers (coredump_store()'s device_lock() + dev_get_drvdata() shape). */
struct rcl_device *rcl_get_locked(struct rcl_device *cl)
{
	device_lock(&cl->dev);
	if (!cl->active) {
		device_unlock(&cl->dev);
		return NULL;
	}
	return cl;
}

/* Its twin that also returns NULL holding the lock: no contract. */
struct rcl_device *rcl_get_muddled(struct rcl_device *cl)
{
	device_lock(&cl->dev);
	if (!cl->active)
		return NULL;
	if (cl->mode < 0) {
		device_unlock(&cl->dev);
		return NULL;
	}
	return cl;
}

/* Its object with the lock held, ERR_PTR() without it: a non-NULL
 * pointer is no error here, so the contract is "held iff !IS_ERR()". */
struct rcl_device *rcl_get_or_err(struct rcl_device *cl)
{
	device_lock(&cl->dev);
	if (!cl->active) {
		device_unlock(&cl->dev);
		return ERR_PTR(-ENODEV);
	}
	return cl;
}

void rcl_set_mode_locked(struct rcl_device *cl, int mode)
{
	device_lock_assert(&cl->dev);
	cl->mode = mode;
}
