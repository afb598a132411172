#include <linux/device.h>
#include <linux/err.h>
#include <linux/kernel.h>

/* An object on a bus whose parent is an object of the same kind (fsl-mc's
 * DPRC container and the objects in it). */
struct el_obj {
	struct device dev;
	bool ready;
};

#define to_el_obj(d) container_of(d, struct el_obj, dev)

struct el_obj *el_lock_container(struct el_obj *obj);
struct el_obj *el_lock_container_leaky(struct el_obj *obj);
struct el_obj *el_lock_self(struct el_obj *obj);
void el_unlock(struct el_obj *obj);
int el_rescan_locked(struct el_obj *cont);
