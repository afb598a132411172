// Is device_lock() of the configured device visibly held at the call?
// device_lock/device_unlock, guard(device), scoped_guard(device, ...).
// RUN: spatch --very-quiet --no-includes -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
//
// spatch 1.1.1 cannot parse a function containing scoped_guard() {...}:
// a plain call-matching script misses the calls in the two scoped_guard
// functions, and finds them given cocci/lockcheck_macros.h.
// RUN: spatch --very-quiet --no-includes --sp-file %S/Inputs/plain.cocci %s | sort -t: -k2,2n | FileCheck %s --check-prefix=NOMACROS
// RUN: spatch --very-quiet --no-includes --macro-file %cocci/lockcheck_macros.h --sp-file %S/Inputs/plain.cocci %s | FileCheck %s --check-prefix=MACROS
// MACROS-DAG: call in scoped
// MACROS-DAG: call in scoped_before
// of_dma_configure.cocci adds that file itself (and declares scoped_guard an
// iterator); with an empty file of that name instead it still finds them:
// RUN: spatch --very-quiet --no-includes -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc --macro-file %S/Inputs/nomacros/lockcheck_macros.h %s | sort -t: -k2,2n | FileCheck %s --implicit-check-not=WARNING
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/cleanup.h>

int locked(struct device *dev, struct device_node *np)
{
	int ret;

	device_lock(dev);
	// NOMACROS: lock.c:[[@LINE+2]]:
	// CHECK: lock.c:[[@LINE+1]]:7-23: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock held [dma-configure-outside-bus]
	ret = of_dma_configure(dev, np, true);
	device_unlock(dev);
	return ret;
}

int unlocked_before(struct device *dev, struct device_node *np)
{
	device_lock(dev);
	device_unlock(dev);
	// NOMACROS: lock.c:[[@LINE+2]]:
	// CHECK: lock.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, np, true);
}

int other_device_taken(struct device *dev, struct device *other, struct device_node *np)
{
	int ret;

	device_lock(other);
	// NOMACROS: lock.c:[[@LINE+2]]:
	// CHECK: lock.c:[[@LINE+1]]:7-23: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	ret = of_dma_configure(dev, np, true);
	device_unlock(other);
	return ret;
}

int guarded(struct device *dev, struct device_node *np)
{
	guard(device)(dev);
	// NOMACROS: lock.c:[[@LINE+2]]:
	// CHECK: lock.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock held [dma-configure-outside-bus]
	return of_dma_configure(dev, np, true);
}

int guard_out_of_scope(struct device *dev, struct device_node *np)
{
	if (np) {
		guard(device)(dev);
		dev->of_node = np;
	}
	// NOMACROS: lock.c:[[@LINE+2]]:
	// CHECK: lock.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, np, true);
}

int scoped(struct device *dev, struct device_node *np)
{
	int ret = 0;

	scoped_guard(device, dev) {
		// NOMACROS-NOT: lock.c:[[@LINE+2]]:
		// CHECK: lock.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock held [dma-configure-outside-bus]
		ret = of_dma_configure(dev, np, true);
	}
	return ret;
}

int scoped_before(struct device *dev, struct device_node *np)
{
	scoped_guard(device, dev) {
		dev->of_node = np;
	}
	// NOMACROS-NOT: lock.c:[[@LINE+2]]:
	// CHECK: lock.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, np, true);
}
