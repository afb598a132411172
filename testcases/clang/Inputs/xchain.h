/* A subsystem's own notifier chain, whose events are a named enum. */
#include <linux/notifier.h>

enum xchain_event {
	XCHAIN_ATTACHED = 1,
	XCHAIN_DETACHING,
};

void xchain_attach(struct device *dev);
void xchain_detach(struct device *dev);
