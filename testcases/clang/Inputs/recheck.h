#include <linux/device.h>
#include <linux/err.h>

struct rcl_device {
	struct device dev;
	bool active;
	int mode;
};

int rcl_lock_active(struct rcl_device *cl);
int rcl_lock_any(struct rcl_device *cl);
int rcl_claim(struct rcl_device *cl);
int rcl_claim_muddled(struct rcl_device *cl);
int rcl_apply(struct rcl_device *cl);
int rcl_reprogram(struct rcl_device *cl);
struct rcl_device *rcl_get_locked(struct rcl_device *cl);
struct rcl_device *rcl_get_muddled(struct rcl_device *cl);
struct rcl_device *rcl_get_or_err(struct rcl_device *cl);
void rcl_set_mode_locked(struct rcl_device *cl, int mode);
