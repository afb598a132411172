/* A driver's state that keeps its device as a pointer. */
struct device;

struct hw {
	struct device *dev;
	struct device *peer;
	int route;
};

void hw_apply_ext(struct hw *hw);
