// The kernel's other modes: context marks the call, org lists it as a TODO
// with the same message as report mode.
// RUN: spatch --very-quiet --no-includes -D context --sp-file %cocci/of_dma_configure.cocci -I %kinc %s | FileCheck %s --check-prefix=CTX
// RUN: spatch --very-quiet --no-includes -D org --sp-file %cocci/of_dma_configure.cocci -I %kinc %s | FileCheck %s --check-prefix=ORG

#include <linux/device.h>
#include <linux/of_device.h>

static int cb(struct device *dev)
{
	return of_dma_configure(dev, NULL, true);
}

static const struct bus_type b = { .dma_configure = cb };

int outside(struct device *dev)
{
	return of_dma_configure(dev, NULL, true);
}
// CTX-NOT: {{^}}-{{.*}}of_dma_configure
// CTX: -	return of_dma_configure(dev, NULL, true);
// CTX-NOT: {{^}}-{{.*}}of_dma_configure
// ORG: * TODO {{\[\[}}view:{{.*}}modes.c::face=ovl-face1::linb=18::colb=8::cole=24][of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus{{\]\]\]}}
// ORG-NOT: TODO
