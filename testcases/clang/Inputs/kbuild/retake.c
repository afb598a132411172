/*
 * A function that drops its caller's device lock to wait and takes it
 * back, in the shape of drivers/nvdimm/bus.c:wait_nvdimm_bus_probe_idle():
 * it returns holding the lock, but takes nothing for its callers
 * (two-pass input).
 */
#include <linux/device.h>

struct retake_bus {
	int active;
};

struct retake_bus *retake_bus_of(struct device *dev);
void retake_wait(struct retake_bus *bus);
void wait_probe_idle(struct device *dev);

void wait_probe_idle(struct device *dev)
{
	struct retake_bus *bus = retake_bus_of(dev);

	do {
		if (bus->active == 0)
			break;
		device_unlock(dev);
		retake_wait(bus);
		device_lock(dev);
	} while (1);
}
