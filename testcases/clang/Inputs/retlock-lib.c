// Lock functions of another file whose lock is on no parameter's device but
// on the device they found and return: tbx_lookup_and_lock() of the corpus,
// on thunderbolt's service lookup.
#include "retlock.h"

static int rl_match(struct device *dev, void *data)
{
	struct rl_svc *svc = rl_to_svc(dev);

	return svc && svc->id == *(int *)data;
}

/* The bound service with its lock held, or NULL without it.  The match
 * checked the type, so rl_to_svc() gives the service: its NULL branch is
 * the converter's, not a return that keeps the lock. */
struct rl_svc *rl_find_and_lock(struct device *parent, int id)
{
	struct device *dev = device_find_child(parent, &id, rl_match);

	if (!dev)
		return NULL;
	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		put_device(dev);
		return NULL;
	}
	return rl_to_svc(dev);
}

/* Its twin forgets the unlock on the "not ready" exit. */
struct rl_svc *rl_find_and_lock_leaky(struct device *parent, int id)
{
	struct device *dev = device_find_child(parent, &id, rl_match);

	if (!dev)
		return NULL;
	device_lock(dev);
	if (!dev->driver) {
		device_unlock(dev);
		put_device(dev);
		return NULL;
	}
	if (!dev->platform_data) {
		put_device(dev);
		return NULL; // expected-warning{{device_lock() acquired in rl_find_and_lock_leaky() is still held at this return but not at the return on line 42 (inconsistent returns) [lock-imbalance]}}
	}
	return rl_to_svc(dev);
}

/* Locks each function in turn and returns the first bound one, still
 * locked, or NULL with nothing held: a lock function.  At "return fn"
 * the functions earlier iterations unlocked are not its return's locks. */
struct rl_svc *rl_lock_first_bound(struct rl_bridge *br)
{
	unsigned int i;

	for (i = 0; i < RL_MAX_FN; i++) {
		struct rl_svc *fn = br->fns[i];

		if (!fn)
			continue;
		device_lock(&fn->dev);
		if (fn->dev.driver)
			return fn;
		device_unlock(&fn->dev);
	}
	return NULL;
}

/* Its twin returns NULL with the function it matched still locked: its
 * caller has no pointer to unlock it with.  (The analyzer stops the loop
 * before its fifth pass: the return after it is never reached.) */
struct rl_svc *rl_lock_by_id(struct rl_bridge *br, int id)
{
	unsigned int i;

	for (i = 0; i < RL_MAX_FN; i++) {
		struct rl_svc *fn = br->fns[i];

		if (!fn)
			continue;
		device_lock(&fn->dev);
		if (fn->id == id) {
			if (!fn->dev.driver)
				return NULL; // expected-warning{{device_lock() acquired in rl_lock_by_id() is still held at this return of NULL, but the return on line 87 gives the locked object: its callers cannot unlock it (inconsistent returns) [lock-imbalance]}}
			return fn;
		}
		device_unlock(&fn->dev);
	}
	return NULL;
}

/* The same without a loop. */
struct rl_svc *rl_lock_first(struct rl_bridge *br)
{
	struct rl_svc *fn = br->fns[0];

	if (!fn)
		return NULL;
	device_lock(&fn->dev);
	if (!fn->dev.driver)
		return NULL; // expected-warning{{device_lock() acquired in rl_lock_first() is still held at this return of NULL, but the return on line 104 gives the locked object: its callers cannot unlock it (inconsistent returns) [lock-imbalance]}}
	return fn;
}

/* Finds and drops the lock again: no lock function. */
struct rl_svc *rl_find_unlocked(struct device *parent, int id)
{
	struct device *dev = device_find_child(parent, &id, rl_match);

	if (!dev)
		return NULL;
	device_lock(dev);
	device_unlock(dev);
	return rl_to_svc(dev);
}

void rl_sync_locked(struct rl_svc *svc)
{
	device_lock_assert(&svc->dev);
	svc->id++;
}
