/* retake.c's caller, holding the lock it drops and takes back (line 9). */
#include <linux/device.h>

void wait_probe_idle(struct device *dev);

int retake_store(struct device *dev)
{
	device_lock(dev);
	wait_probe_idle(dev);
	device_unlock(dev);
	return 0;
}
