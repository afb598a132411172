// A device read back from memory while a device lock is held: probe
// stored &pdev->dev in its state, and a call that got a pointer into that
// state (mutex_init(&st->lock)) made every field of it unknown; shutdown
// reads it back through the drvdata.  The analyzer cannot tell whether
// st->dev is the locked device, so nothing is reported: the shapes of
// optee_probe() and optee_shutdown().  The twins: the same call with no
// device lock held (a work), a device a lookup returned, and a device's
// own parent are reported.  The other way round: a lock held on a device
// read back from memory (st->dev) may be the device a requirement names
// (&pdev->dev): not reported; its twin, a lock on the device's own parent,
// is.  A device embedded in a struct of another type than the locked
// one's container (a child the driver made, st->child->dev, while
// &pdev->dev is held) is another device, read back or not: reported,
// either way round; one embedded in a struct of the locked one's type
// (st->pdev->dev) may be it: not reported.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of_platform.h>
#include <linux/mutex.h>
#include <linux/slab.h>

struct st_child {
	int id;
	struct device dev;
};

struct st {
	struct device *dev;
	struct st_child *child;
	struct platform_device *pdev;
	struct mutex lock;
	struct device_node *peer;
};

struct st *st_of_work(void *work);

static void st_reset(struct device *dev)
{
	device_lock_assert(dev);
}

static int st_probe(struct platform_device *pdev)
{
	struct st *st = kzalloc(sizeof(*st), 0);
	struct platform_device *peer;

	if (!st)
		return -12;
	st->dev = &pdev->dev;
	mutex_init(&st->lock);
	platform_set_drvdata(pdev, st);
	st_reset(st->dev);
	st_reset(pdev->dev.parent); // expected-warning{{st_reset() requires device_lock(pdev->dev.parent), which is not held on this path (from st_probe())}}
	peer = of_find_device_by_node(st->peer);
	if (peer)
		st_reset(&peer->dev); // expected-warning{{st_reset() requires device_lock(&peer->dev), which is not held on this path (from st_probe())}}
	return 0;
}

static void st_shutdown(struct platform_device *pdev)
{
	struct st *st = platform_get_drvdata(pdev);

	st_reset(st->dev);
	st_reset(&st->pdev->dev);
	st_reset(&st->child->dev); // expected-warning{{st_reset() requires device_lock(&st->child->dev), which is not held on this path (from st_shutdown())}}
}

/* A work: no device lock held, whatever st->dev is. */
void st_work(void *work)
{
	struct st *st = st_of_work(work);

	st_reset(st->dev); // expected-warning{{st_reset() requires device_lock(st->dev), which is not held on this path (from st_work())}}
}

/*
 * A device that a function of another file, with no summary, returned
 * for the probed device: one of another type may be that device seen as
 * another struct (i3cdev_to_dev(i3cdev)), so it is not judged; one of the
 * argument's own type is another of its kind (typec_altmode_get_plug()),
 * and is.
 */
struct device *st_to_dev(struct platform_device *pdev);
struct platform_device *st_get_sibling(struct platform_device *pdev);

static int st_probe_view(struct platform_device *pdev)
{
	st_reset(st_to_dev(pdev));
	st_reset(&st_get_sibling(pdev)->dev); // expected-warning{{st_reset() requires device_lock(&st_get_sibling(pdev)->dev), which is not held on this path (from st_probe_view())}}
	return 0;
}

static struct platform_driver st_driver = {
	.probe = st_probe,
	.shutdown = st_shutdown,
};

static struct platform_driver st_view_driver = {
	.probe = st_probe_view,
};

/* Ops of this driver's own, called by nobody the analyzer sees: no lock
 * held on entry. */
struct st_ops {
	void (*poke)(struct platform_device *pdev);
	void (*poke_child)(struct platform_device *pdev);
	void (*poke_parent)(struct platform_device *pdev);
};

static void st_poke(struct platform_device *pdev)
{
	struct st *st = platform_get_drvdata(pdev);

	device_lock(st->dev);
	st_reset(&pdev->dev);
	device_unlock(st->dev);
}

static void st_poke_child(struct platform_device *pdev)
{
	struct st *st = platform_get_drvdata(pdev);

	device_lock(&st->child->dev);
	st_reset(&pdev->dev); // expected-warning{{st_reset() requires device_lock(&pdev->dev), which is not held on this path (from st_poke_child())}}
	device_unlock(&st->child->dev);
}

static void st_poke_parent(struct platform_device *pdev)
{
	device_lock(pdev->dev.parent);
	st_reset(&pdev->dev); // expected-warning{{st_reset() requires device_lock(&pdev->dev), which is not held on this path (from st_poke_parent())}}
	device_unlock(pdev->dev.parent);
}

struct st_ops st_ops = {
	.poke = st_poke,
	.poke_child = st_poke_child,
	.poke_parent = st_poke_parent,
};
