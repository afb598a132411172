// Bus callbacks are recognised by being named in a bus_type, never by
// their names: static/const or not, any field order, or assigned at run
// time through "." or "->".  Wrappers named like the four functions are not
// callers either.  A static helper that only the callbacks call is part of
// them; one that anything else calls or names is not.
// RUN: spatch --very-quiet --no-includes -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/acpi.h>

static int const_cb(struct device *dev)
{
	return of_dma_configure(dev, dev->of_node, true);
}

static const struct bus_type const_bus = {
	.name = "const",
	.dma_configure = const_cb,
};

static int plain_cb(struct device *dev)
{
	return acpi_dma_configure(dev, DEV_DMA_COHERENT);
}

/* the callback first, the name last */
struct bus_type plain_bus = {
	.dma_configure = plain_cb,
	.name = "plain",
};

static int dot_cb(struct device *dev)
{
	return of_dma_configure_id(dev, dev->of_node, true, NULL);
}

static int arrow_cb(struct device *dev)
{
	return acpi_dma_configure_id(dev, DEV_DMA_COHERENT, NULL);
}

static struct bus_type rt_bus;

void setup(struct bus_type *b)
{
	rt_bus.dma_configure = dot_cb;
	b->dma_configure=arrow_cb;
}

/* cdx_dma_configure() split in two: the helper runs only inside the callback */
static int split_setup(struct device *dev, struct device_node *np)
{
	return of_dma_configure(dev, np, true);
}

static int split_cb(struct device *dev)
{
	return split_setup(dev, dev->parent->of_node);
}

/* the same helper shape, also called from a function no bus names */
static int shared_setup(struct device *dev, struct device_node *np)
{
	// CHECK: bus.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, np, true);
}

static int shared_cb(struct device *dev)
{
	return shared_setup(dev, dev->parent->of_node);
}

int shared_rescan(struct device *dev)
{
	return shared_setup(dev, dev->of_node);
}

/* and one a table names besides the callback's call */
static int named_setup(struct device *dev, struct device_node *np)
{
	// CHECK: bus.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, np, true);
}

static int named_cb(struct device *dev)
{
	return named_setup(dev, dev->parent->of_node);
}

struct setup_ops { int (*setup)(struct device *dev, struct device_node *np); };
const struct setup_ops named_ops = { .setup = named_setup };

static const struct bus_type split_bus[] = {
	{ .name = "split", .dma_configure = split_cb },
	{ .name = "shared", .dma_configure = shared_cb },
	{ .name = "named", .dma_configure = named_cb },
};

/* looks like a callback, named like one, but no bus_type names it */
int foo_dma_configure(struct device *dev)
{
	// CHECK: bus.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, dev->of_node, true);
}

/* a callback of some other struct is not a bus callback (acpi/arm64/iort.c) */
struct iort_cfg { void (*dev_dma_configure)(struct device *dev); };
static void iort_cb(struct device *dev)
{
	// CHECK: bus.c:[[@LINE+1]]:1-19: WARNING: acpi_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	acpi_dma_configure(dev, DEV_DMA_NON_COHERENT);
}
static const struct iort_cfg iort = { .dev_dma_configure = iort_cb };

int use(void)
{
	return (const_bus.dma_configure != plain_bus.dma_configure) + (iort.dev_dma_configure != NULL) +
	       (split_bus[0].dma_configure != NULL);
}
