#include <linux/device.h>
#include <linux/lockdep.h>

struct rd_port {
	struct device dev;
	int mode;
};

struct device *rd_trylock_port(struct rd_port *p);
