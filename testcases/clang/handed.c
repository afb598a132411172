// A function whose address is only handed to calls of other files (an IRQ
// handler to request_irq(), a debugfs setter to simple_attr_open() through
// DEFINE_DEBUGFS_ATTRIBUTE()) has no caller in its file to be inlined
// into, and who calls it with which lock is unknown: its parameters' locks
// stay its callers' business.  But an of_dma_configure() in it is outside
// bus_type.dma_configure whatever the lock, so that is reported there, with
// the pattern of the device it reaches (the probed device kept in the
// driver's data: h16ipk_dbg_remap_set()).  The twin: the same function
// handed to a function of this file that calls it at once is judged where
// it is inlined, once, with its caller's lock.
//
// A device kept in its data by a probe that a bus calls through an ops
// table of its own (ipack_driver_ops.probe), whose callers the bus's
// summary says hold the device's lock, is the probed device too; with no
// such context (xother_ops.probe) it is no more than a device.
// RUN: rm -rf %t && mkdir -p %t
// RUN: printf '@file xbus.c\n@slot xunit_driver_ops.probe 0 DEV_MUTEX\n' > %t/xbus.c.sum
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of_device.h>
#include <linux/slab.h>

struct device_node *np;

int hand_irq(int irq, int (*handler)(int irq, void *data), void *data);

struct hpriv {
	struct platform_device *pdev;
	int irq;
};

static int hpriv_irq(int irq, void *data)
{
	struct hpriv *p = data;

	return of_dma_configure(&p->pdev->dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a probed-device &p->pdev->dev, device_lock left to the callers of hpriv_irq() [dma-configure-outside-bus]}}
}

/* Twin: handed to a function of this file, which calls it at once. */
static int call_now(int (*fn)(int irq, void *data), void *data)
{
	return fn(0, data);
}

static int hpriv_now(int irq, void *data)
{
	struct hpriv *p = data;

	return of_dma_configure(&p->pdev->dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a probed-device &p->pdev->dev, device_lock held by the driver core (probe) [dma-configure-outside-bus]}}
}

static int hpriv_probe(struct platform_device *pdev)
{
	struct hpriv *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	p->pdev = pdev;
	call_now(hpriv_now, p);
	return hand_irq(p->irq, hpriv_irq, p);
}

static struct platform_driver hpriv_driver = {
	.probe = hpriv_probe,
};

int hand_attr(int (*set)(void *data), void *data);

struct xunit {
	struct device dev;
};
struct xunit_driver_ops {
	int (*probe)(struct xunit *unit);
};
struct upriv {
	struct xunit *unit;
};

static int upriv_set(void *data)
{
	struct upriv *p = data;

	return of_dma_configure(&p->unit->dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a probed-device &p->unit->dev, device_lock left to the callers of upriv_set() [dma-configure-outside-bus]}}
}

static int xunit_probe(struct xunit *unit)
{
	struct upriv *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	p->unit = unit;
	return hand_attr(upriv_set, p);
}

static const struct xunit_driver_ops xunit_ops = {
	.probe = xunit_probe,
};

/* Twin: a slot no summary gives a context. */
struct xother_ops {
	int (*probe)(struct xunit *unit);
};
struct opriv {
	struct xunit *unit;
};

static int opriv_set(void *data)
{
	struct opriv *p = data;

	return of_dma_configure(&p->unit->dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a foreign-device &p->unit->dev, device_lock left to the callers of opriv_set() [dma-configure-outside-bus]}}
}

static int xother_probe(struct xunit *unit)
{
	struct opriv *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	p->unit = unit;
	return hand_attr(opriv_set, p);
}

static const struct xother_ops xother_ops = {
	.probe = xother_probe,
};
