#include <linux/device.h>

/* A driver's private struct that points to the object it locks, an object
 * with a device of its own (host1x's h->hdev, surface's sx->sdev). */
struct lo_dev {
	struct device dev;
	bool registered;
};

struct lo_work {
	int pending;
};

struct lo_priv {
	struct lo_dev *ldev;
	int state;
	struct lo_work work;
};

struct lo_dev *lo_lock_dev(struct lo_priv *p);
struct lo_dev *lo_lock_dev_other(struct lo_priv *p);
int lo_hub_lock(struct lo_priv *p);
void lo_hub_unlock(struct lo_priv *p);
void lo_sync_locked(struct lo_dev *ldev);
