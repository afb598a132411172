// lock-imbalance on any mutex: Smatch's inconsistent returns.  A mutex a
// function took and still holds at one return but not at another that the
// caller cannot tell apart (the same value, an errno either way, or no
// value) is a bug whatever the mutex.  The shapes of the corpus's plain
// mutex misses (a short read keeping a config lock, an -EBUSY or -ENODEV
// return before the unlock), each beside its twin.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/mutex.h>

struct hub {
	struct mutex cfg_lock;
	struct device *dev;
	unsigned char buf[2];
	int active;
};

int hw_request(struct device *dev, unsigned char *buf, int len);
int cond(void);

/* sensor_hub_get_feature() gone wrong: the short read keeps the lock. */
int get_feature(struct hub *hub, unsigned char *val)
{
	int ret;

	mutex_lock(&hub->cfg_lock);
	ret = hw_request(hub->dev, hub->buf, 2);
	if (ret < 2)
		return ret < 0 ? ret : -EIO; // expected-warning{{the mutex '&hub->cfg_lock' acquired in get_feature() is still held at this return but not at the return on line 36 (inconsistent returns) [lock-imbalance]}}
	*val = hub->buf[1];
	mutex_unlock(&hub->cfg_lock);

	return 0;
}

/* Its twin: every return after the unlock. */
int get_feature_right(struct hub *hub, unsigned char *val)
{
	int ret;

	mutex_lock(&hub->cfg_lock);
	ret = hw_request(hub->dev, hub->buf, 2);
	if (ret < 2) {
		ret = ret < 0 ? ret : -EIO;
		goto out;
	}
	*val = hub->buf[1];
	ret = 0;
out:
	mutex_unlock(&hub->cfg_lock);
	return ret;
}

/* A vdpa set_attr: -EBUSY with the lock, 0 without. */
int set_attr(struct hub *hub)
{
	mutex_lock(&hub->cfg_lock);
	if (hub->active)
		return -EBUSY; // expected-warning{{the mutex '&hub->cfg_lock' acquired in set_attr() is still held at this return but not at the return on line 65}}
	hub->buf[0] = 1;
	mutex_unlock(&hub->cfg_lock);
	return 0;
}

/* A conditional lock function: held on success, released on error (the
 * mutex_lock_interruptible() contract), told apart by the value. */
int hub_lock_active(struct hub *hub)
{
	mutex_lock(&hub->cfg_lock);
	if (!hub->active) {
		mutex_unlock(&hub->cfg_lock);
		return -ENODEV;
	}
	return 0;
}

/* A lock function: held at every return. */
void hub_lock(struct hub *hub)
{
	mutex_lock(&hub->cfg_lock);
}

/* The same two returns, no value: a void function the caller cannot ask. */
void kick(struct hub *hub)
{
	mutex_lock(&hub->cfg_lock);
	if (cond())
		return; // expected-warning{{the mutex '&hub->cfg_lock' acquired in kick() is still held at this return but not at the return on line 94}}
	hub->buf[0] = 0;
	mutex_unlock(&hub->cfg_lock);
}

/* Its twin: the early return releases it through a function of another
 * file that gets the hub (hub_unlock_and_put()), which the analyzer does
 * not see into: it may have released the mutex, so nothing is said. */
void hub_unlock_and_put(struct hub *hub);
void kick_put(struct hub *hub)
{
	mutex_lock(&hub->cfg_lock);
	if (cond()) {
		hub_unlock_and_put(hub);
		return;
	}
	hub->buf[0] = 0;
	mutex_unlock(&hub->cfg_lock);
}

/* Only the mutex's holder, or the mutex, hands it off: the hub's device
 * going to a function does not. */
void kick_dev(struct hub *hub)
{
	mutex_lock(&hub->cfg_lock);
	if (cond()) {
		hw_request(hub->dev, 0, 0);
		return; // expected-warning{{the mutex '&hub->cfg_lock' acquired in kick_dev() is still held at this return but not at the return on line 122}}
	}
	hub->buf[0] = 0;
	mutex_unlock(&hub->cfg_lock);
}

/* A global mutex is reached by any function the analyzer does not see
 * into (a foo_unlock_all() of another file). */
struct mutex table_lock;
void table_flush(void);
void flush_table(void)
{
	mutex_lock(&table_lock);
	if (cond()) {
		table_flush();
		return;
	}
	mutex_unlock(&table_lock);
}

/* ... and without such a call (cond() would be one), it is judged as any
 * other. */
void clear_table(int all)
{
	mutex_lock(&table_lock);
	if (all)
		return; // expected-warning{{the mutex '&table_lock' acquired in clear_table() is still held at this return but not at the return on line 146}}
	mutex_unlock(&table_lock);
}

/* A trylock's result handed back: held iff non-zero, its contract. */
int hub_trylock(struct hub *hub)
{
	if (!mutex_trylock(&hub->cfg_lock))
		return 0;
	return 1;
}

/* A static helper's returns are judged where it is inlined. */
static int take_unless_busy(struct hub *hub)
{
	mutex_lock(&hub->cfg_lock);
	if (hub->active)
		return -EBUSY; // expected-warning{{the mutex '&hub->cfg_lock' acquired in take_unless_busy() is still held at this return but not at the return on line 163}}
	mutex_unlock(&hub->cfg_lock);
	return 0;
}

int use_helper(struct hub *hub)
{
	return take_unless_busy(hub);
}

/* drivers/base/map.c's kobj_map(): the mutex through a pointer member,
 * and a write through a symbolic index between the lock and the unlock.
 * Whatever the analyzer then makes of domain->lock, both paths reach the
 * one return; a plain mutex held on one of them only is not reported. */
struct probe {
	struct probe *next;
	unsigned long range;
};
struct kobj_map {
	struct probe *probes[255];
	struct mutex *lock;
};
void map_insert(struct kobj_map *domain, struct probe *p, unsigned int index,
		unsigned int n)
{
	unsigned int i;

	mutex_lock(domain->lock);
	for (i = 0; i < n; i++, p++, index++) {
		struct probe **s = &domain->probes[index % 255];

		while (*s && (*s)->range < p->range)
			s = &(*s)->next;
		p->next = *s;
		*s = p;
	}
	mutex_unlock(domain->lock);
}
