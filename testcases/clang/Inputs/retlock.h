#include <linux/device.h>
#include <linux/kernel.h>

/* A service device of a bus with several device types (thunderbolt's
 * struct tb_service beside its XDomains): the converter checks the type. */
struct rl_svc {
	struct device dev;
	int id;
};

extern const struct device_type rl_svc_type;

static inline struct rl_svc *rl_to_svc(struct device *dev)
{
	if (dev->type == &rl_svc_type)
		return container_of(dev, struct rl_svc, dev);
	return NULL;
}

/* A bridge's functions, each a device of its own (h16pnp's fns[]). */
#define RL_MAX_FN 4
struct rl_bridge {
	struct rl_svc *fns[RL_MAX_FN];
};

struct rl_svc *rl_find_and_lock(struct device *parent, int id);
struct rl_svc *rl_lock_first_bound(struct rl_bridge *br);
struct rl_svc *rl_lock_by_id(struct rl_bridge *br, int id);
struct rl_svc *rl_lock_first(struct rl_bridge *br);
struct rl_svc *rl_find_and_lock_leaky(struct device *parent, int id);
struct rl_svc *rl_find_unlocked(struct device *parent, int id);
void rl_sync_locked(struct rl_svc *svc);
