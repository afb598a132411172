// A bus notifier gets its device with the locks the driver core holds
// where it sends the event.  Pass 1 of Inputs/buscore.c (shaped as 6.12's
// dd.c and core.c) finds dd.c's events sent only with the device locked,
// through __device_driver_lock(), kernel-doc contracts ("must be called
// with @dev lock held") and static callers; device_add() and device_del()
// send theirs without it.  Inputs/busunbind.c sends UNBIND_DRIVER from an
// unlocked caller too, so that one is not held.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/buscore.c
// RUN: grep -h '^@event' %t/*.sum | FileCheck --check-prefix=CORE %s
// CORE: @event BUS_NOTIFY_ADD_DEVICE unheld
// CORE-NEXT: @event BUS_NOTIFY_BIND_DRIVER held
// CORE-NEXT: @event BUS_NOTIFY_BOUND_DRIVER held
// CORE-NEXT: @event BUS_NOTIFY_DEL_DEVICE unheld
// CORE-NEXT: @event BUS_NOTIFY_DRIVER_NOT_BOUND held
// CORE-NEXT: @event BUS_NOTIFY_REMOVED_DEVICE unheld
// CORE-NEXT: @event BUS_NOTIFY_UNBIND_DRIVER held
// CORE-NEXT: @event BUS_NOTIFY_UNBOUND_DRIVER held
// CORE-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/busunbind.c
// RUN: grep -h '^@event' %t/*busunbind.c.sum | FileCheck --check-prefix=UNBIND %s
// UNBIND: @event BUS_NOTIFY_UNBIND_DRIVER unheld
// UNBIND-NOT: {{.}}
// A chain called with the device as its void * argument:
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/xchain.c
// RUN: grep -h '^@event' %t/*xchain.c.sum | FileCheck --check-prefix=CHAIN %s
// CHAIN: @event XCHAIN_ATTACHED held
// CHAIN-NEXT: @event XCHAIN_DETACHING unheld
// CHAIN-NOT: {{.}}
//
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
// Without the cores' summaries, every event is judged unheld:
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=expected,nosum %s
#include <linux/device.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>
#include "Inputs/xchain.h"

static void xn_route(struct device *dev)
{
	device_lock_assert(dev);
	dev->platform_data = NULL;
}

// vfio_fsl_mc_bus_notifier() shape: a switch on the event.
static int xn_bus_notify(struct notifier_block *nb, unsigned long action,
			 void *data)
{
	struct device *dev = data;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		xn_route(dev); // expected-warning{{xn_route() requires device_lock(dev), which is not held on this path (from xn_bus_notify())}}
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		xn_route(dev); // nosum-warning{{xn_route() requires device_lock(dev), which is not held on this path (from xn_bus_notify())}}
		break;
	case BUS_NOTIFY_UNBIND_DRIVER:
		xn_route(dev); // expected-warning{{xn_route() requires device_lock(dev), which is not held on this path (from xn_bus_notify())}}
		break;
	}
	return NOTIFY_DONE;
}

// An early return on every other event.
static int xn_bound_notify(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	if (action != BUS_NOTIFY_UNBOUND_DRIVER)
		return NOTIFY_DONE;
	xn_route(data); // nosum-warning{{xn_route() requires device_lock(data), which is not held on this path (from xn_bound_notify())}}
	return NOTIFY_OK;
}

// Either event: the ADD_DEVICE path is unlocked.
static int xn_either_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	if (action == BUS_NOTIFY_ADD_DEVICE || action == BUS_NOTIFY_BIND_DRIVER)
		xn_route(data); // expected-warning{{xn_route() requires device_lock(data), which is not held on this path (from xn_either_notify())}}
	return NOTIFY_OK;
}

// The event is never looked at: no event context, an unlocked entry.
static int xn_any_notify(struct notifier_block *nb, unsigned long action,
			 void *data)
{
	xn_route(data); // expected-warning{{xn_route() requires device_lock(data), which is not held on this path (from xn_any_notify())}}
	return NOTIFY_OK;
}

// The chain's own events.
static int xn_chain_notify(struct notifier_block *nb, unsigned long event,
			   void *data)
{
	if (event == XCHAIN_ATTACHED)
		xn_route(data); // nosum-warning{{xn_route() requires device_lock(data), which is not held on this path (from xn_chain_notify())}}
	else if (event == XCHAIN_DETACHING)
		xn_route(data); // expected-warning{{xn_route() requires device_lock(data), which is not held on this path (from xn_chain_notify())}}
	return NOTIFY_OK;
}

static struct notifier_block xn_nb[] = {
	{ .notifier_call = xn_bus_notify },
	{ .notifier_call = xn_bound_notify },
	{ .notifier_call = xn_either_notify },
	{ .notifier_call = xn_any_notify },
	{ .notifier_call = xn_chain_notify },
};

int xn_init(void)
{
	return bus_register_notifier(&platform_bus_type, &xn_nb[0]);
}
