// A chain called directly with the device as its void * argument:
// ATTACHED under the device lock, DETACHING without it.
#include <linux/device.h>
#include "xchain.h"

static struct blocking_notifier_head xchain_head;

void xchain_attach(struct device *dev)
{
	device_lock(dev);
	blocking_notifier_call_chain(&xchain_head, XCHAIN_ATTACHED, dev);
	device_unlock(dev);
}

void xchain_detach(struct device *dev)
{
	blocking_notifier_call_chain(&xchain_head, XCHAIN_DETACHING, dev);
}
