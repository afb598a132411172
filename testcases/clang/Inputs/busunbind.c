// Another file that sends one of dd.c's events, from a static helper whose
// only caller holds no lock: that event is no longer sent only held.
#include <linux/device.h>

static void xbus_announce_unbind(struct device *dev)
{
	bus_notify(dev, BUS_NOTIFY_UNBIND_DRIVER);
}

void xbus_detach(struct device *dev)
{
	xbus_announce_unbind(dev);
}
