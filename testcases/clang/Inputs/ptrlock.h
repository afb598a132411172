/* A driver's state that keeps its device as a pointer, and a lock helper
 * of another file that locks that device for its callers. */
struct device;

struct plk_work {
	int pending;
};

struct plk {
	struct device *dev;
	int gone;
	int mode;
	struct plk_work work;
};

int plk_lock(struct plk *p);
void plk_unlock(struct plk *p);
void plk_set_mode(struct plk *p, int mode);
int plk_set_mode_self(struct plk *p, int mode);
