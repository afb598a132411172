// Who holds which lock on entry, derived from the code: the slot a callback
// is stored in (any *_driver's probe/remove, bus_type probe/remove/
// dma_configure, also in an array of bus types), a function's own contract
// (a name ending in _locked, a kernel-doc "Context:" line), and how a
// device reaches a function (created and handed through an ops table,
// a component master's own device, the device of a driver's dev_groups
// attribute).
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/component.h>
#include <linux/slab.h>

struct device_node *np;
struct device *find_dev(void);
int component_master_add_with_match(struct device *parent,
				    const struct component_master_ops *ops,
				    void *match);

/* The shape of include/linux/auxiliary_bus.h: not in any list. */
struct auxiliary_device {
	struct device dev;
	const char *name;
	unsigned int id;
};
struct auxiliary_device_id;
struct auxiliary_driver {
	int (*probe)(struct auxiliary_device *auxdev,
		     const struct auxiliary_device_id *id);
	void (*remove)(struct auxiliary_device *auxdev);
	const char *name;
};

void needs_dev_lock(struct device *dev)
{
	device_lock_assert(dev);
}

static int aux_probe(struct auxiliary_device *auxdev,
		     const struct auxiliary_device_id *id)
{
	needs_dev_lock(&auxdev->dev);
	needs_dev_lock(auxdev->dev.parent); // expected-warning{{needs_dev_lock() requires device_lock(auxdev->dev.parent), which is not held on this path (from aux_probe())}}
	return 0;
}

static struct auxiliary_driver aux_drv = {
	.probe = aux_probe,
	.name = "aux",
};

/* bus_type callbacks, in an array of bus types (drivers/base/... shape). */
static int array_bus_probe(struct device *dev)
{
	needs_dev_lock(dev);
	return 0;
}

static void array_bus_remove(struct device *dev)
{
	needs_dev_lock(dev);
}

static int array_bus_match(struct device *dev, const struct device_driver *drv)
{
	needs_dev_lock(dev); // expected-warning{{needs_dev_lock() requires device_lock(dev), which is not held on this path (from array_bus_match())}}
	return 1;
}

const struct bus_type buses[] = {
	{ .name = "a", .probe = array_bus_probe, .remove = array_bus_remove,
	  .match = array_bus_match },
};

/* Contracts: the name, or the kernel-doc Context: line. */
int thing_add_locked(struct device *dev)
{
	needs_dev_lock(dev);
	return 0;
}

/**
 * thing_update - update a thing
 * @dev: its device
 *
 * Context: Caller must hold the device lock of @dev.
 */
int thing_update(struct device *dev)
{
	needs_dev_lock(dev);
	return 0;
}

/**
 * thing_poke - poke a thing
 * @dev: its device
 *
 * Context: Takes and releases the device lock.
 */
int thing_poke(struct device *dev)
{
	needs_dev_lock(dev); // expected-warning{{needs_dev_lock() requires device_lock(dev), which is not held on this path (from thing_poke())}}
	return 0;
}

/* Callbacks: entered with nothing held unless their slot says so. */
void *const callbacks[] = { thing_add_locked, thing_update, thing_poke };

/* A _locked name without a Context: line: its comment may name whose
 * device lock, as "device lock of @param" only. */
struct ns {
	struct device dev;
	unsigned long size;
};

/**
 * ns_resize_locked - resize a namespace
 * @ns: the namespace
 *
 * Expects the device lock of @ns to be held; it does not take it.
 */
int ns_resize_locked(struct ns *ns)
{
	ns->size = 0;
	return 0;
}

/**
 * ns_add_locked - the shape of cxl_decoder_add_locked()
 * @n: the namespace
 *
 * Expects the device lock of the port that owns the @n to be held.
 */
int ns_add_locked(struct ns *n)
{
	n->size = 1;
	return 0;
}

static int ns_poke(struct ns *n)
{
	ns_resize_locked(n); // expected-warning{{ns_resize_locked() requires device_lock(&n->dev), which is not held on this path (from ns_poke())}}
	return ns_add_locked(n);
}

static int ns_poke_locked(struct ns *n)
{
	device_lock(&n->dev);
	ns_resize_locked(n);
	device_unlock(&n->dev);
	return 0;
}

void *const ns_callbacks[] = { ns_poke, ns_poke_locked };

/* Pattern 2 through an ops table (IORT: iort_add_platform_device()). */
struct dev_config {
	const char *name;
	void (*dev_dma_configure)(struct device *dev, int attr);
};

static void smmu_dma_configure(struct device *dev, int attr)
{
	of_dma_configure(dev, np, attr); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a created-device dev, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from smmu_dma_configure())}}
}

static const struct dev_config smmu_cfg = {
	.name = "smmu",
	.dev_dma_configure = smmu_dma_configure,
};

static const struct dev_config *cfg_of(int type)
{
	return type ? &smmu_cfg : 0;
}

int add_platform_device(int type)
{
	const struct dev_config *ops = cfg_of(type);
	struct platform_device *pdev = platform_device_alloc(ops->name, -1);

	if (!pdev)
		return -12;
	if (ops->dev_dma_configure)
		ops->dev_dma_configure(&pdev->dev, 0);
	return platform_device_add(pdev);
}

/* The same with a struct that embeds the device, allocated by kzalloc()
 * as 6.12 expands it under CONFIG_MEM_ALLOC_PROFILING: alloc_hooks() puts
 * the allocator's call in a statement expression (cdx's ->dev_configure). */
#define profiled_kzalloc(size, gfp) ({ void *_res; _res = kzalloc(size, gfp); _res; })
struct fn_dev {
	struct device dev;
	int id;
};
struct fn_ctrl_ops {
	int (*dev_configure)(struct fn_dev *fdev);
};

static int fn_dev_configure(struct fn_dev *fdev)
{
	return of_dma_configure(&fdev->dev, np, 1); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a created-device &fdev->dev, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(&fdev->dev), which is not held on this path (from fn_dev_configure())}}
}

static const struct fn_ctrl_ops fn_ops = { .dev_configure = fn_dev_configure };

int fn_add_device(void)
{
	struct fn_dev *fdev = profiled_kzalloc(sizeof(*fdev), 0);

	if (!fdev)
		return -12;
	device_initialize(&fdev->dev);
	return fn_ops.dev_configure(fdev);
}

/* Pattern 2 by device_initialize() (bcma_prepare_core()): its own
 * business even in a non-static function given the device. */
struct core {
	struct device dev;
	int index;
};

void prepare_core(struct core *core)
{
	device_initialize(&core->dev);
	of_dma_configure(&core->dev, np, 0); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a created-device &core->dev, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(&core->dev), which is not held on this path (from prepare_core())}}
}

/* Pattern 3: a component master's own device (vc4_drm_bind()). */
static int master_bind(struct device *dev)
{
	return of_dma_configure(dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a probed-device dev, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from master_bind())}}
}

static const struct component_master_ops master_ops = {
	.bind = master_bind,
};

static int master_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;

	return component_master_add_with_match(dev, &master_ops, 0);
}

static struct platform_driver master_driver = {
	.probe = master_probe,
};

/* Twin: a table registered with some other device is not ours. */
static int other_bind(struct device *dev)
{
	return of_dma_configure(dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from other_bind())}}
}

static const struct component_master_ops other_ops = {
	.bind = other_bind,
};

static int other_probe(struct platform_device *pdev)
{
	return component_master_add_with_match(find_dev(), &other_ops, 0);
}

static struct platform_driver other_driver = {
	.probe = other_probe,
};

/* Twin: a table registered beside the own device whose functions are
 * given devices of another type: an ipack carrier's bus ops get the slot
 * devices it created, not itself (tpci200's ipack_bus_register()). */
struct slot_dev {
	struct device dev;
	int nr;
};
struct slot_bus_ops {
	int (*reset)(struct slot_dev *sdev);
};
int slot_bus_register(struct device *parent, const struct slot_bus_ops *ops);

static int slot_reset(struct slot_dev *sdev)
{
	return of_dma_configure(&sdev->dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a foreign-device &sdev->dev, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(&sdev->dev), which is not held on this path (from slot_reset())}}
}

static const struct slot_bus_ops slot_ops = {
	.reset = slot_reset,
};

static int carrier_probe(struct platform_device *pdev)
{
	return slot_bus_register(&pdev->dev, &slot_ops);
}

static struct platform_driver carrier_driver = {
	.probe = carrier_probe,
};

/* A sysfs attribute of the driver's dev_groups: the driver core creates it
 * on each device it binds, so its store is given the probed device (an
 * intel_th glue's dma_coherent_store()); sysfs holds no lock of it. */
static ssize_t remap_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	int ret = of_dma_configure(dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a probed-device dev, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from remap_store())}}

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(remap);

static struct attribute *attrs_drv_attrs[] = {
	&dev_attr_remap.attr,
	NULL,
};
ATTRIBUTE_GROUPS(attrs_drv);

static int attrs_probe(struct platform_device *pdev)
{
	return 0;
}

static struct platform_driver attrs_driver = {
	.probe = attrs_probe,
	.driver = {
		.name = "attrs",
		.dev_groups = attrs_drv_groups,
	},
};

/* Twin: a group no driver's dev_groups names (created on some device). */
static ssize_t other_remap_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t count)
{
	int ret = of_dma_configure(dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from other_remap_store())}}

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(other_remap);

static struct attribute *attrs_other_attrs[] = {
	&dev_attr_other_remap.attr,
	NULL,
};
ATTRIBUTE_GROUPS(attrs_other);
const struct attribute_group **attrs_other_export = attrs_other_groups;

/* The probed device kept in the driver's data and used from a work item
 * (plat_rework() shape): still probed-device, and nothing holds its lock;
 * every call that needs the lock is its own finding. */
struct priv {
	struct platform_device *pdev;
	struct device *other;
};

static void rework(struct priv *priv)
{
	struct device *dev = &priv->pdev->dev;

	of_dma_configure(dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a probed-device dev, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(dev), which is not held on this path (from rework())}}
	needs_dev_lock(dev); // expected-warning{{needs_dev_lock() requires device_lock(dev), which is not held on this path (from rework())}}
	/* Twin: a device the probe found elsewhere. */
	of_dma_configure(priv->other, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a foreign-device priv->other, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(priv->other), which is not held on this path (from rework())}}
	/* Twin: the own device's parent, read through the kept own device
	 * (a gameport's sound card, priv->gameport->dev.parent). */
	of_dma_configure(priv->pdev->dev.parent, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a foreign-device priv->pdev->dev.parent, device_lock not held [dma-configure-outside-bus]}} expected-warning{{of_dma_configure() requires device_lock(priv->pdev->dev.parent), which is not held on this path (from rework())}}
}

void *const work_fns[] = { rework };

static int keep_probe(struct platform_device *pdev)
{
	struct priv *priv = kzalloc(sizeof(*priv), 0);

	if (!priv)
		return -12;
	priv->pdev = pdev;
	priv->other = find_dev();
	return 0;
}

static struct platform_driver keep_driver = {
	.probe = keep_probe,
};

/* A function only handed to a call (cxl's match_add_dports() given to
 * pci_walk_bus()) runs in the context of that call's caller: its
 * parameters' locks are the caller's business, as for a static helper.
 * The same function stored in a table is a callback: an entry. */
struct walk_ctx {
	struct device *port;
};
int walk_bus(int (*cb)(void *data), void *data);

static int match_handed(void *data)
{
	struct walk_ctx *ctx = data;

	needs_dev_lock(ctx->port);
	return 0;
}

static int match_stored(void *data)
{
	struct walk_ctx *ctx = data;

	needs_dev_lock(ctx->port); // expected-warning{{needs_dev_lock() requires device_lock(ctx->port), which is not held on this path (from match_stored())}}
	return 0;
}

int (*const stored_cb)(void *) = match_stored;

/* Its locks held on the callers' word only: taking one is no double
 * acquire (a threaded IRQ handler that calls a helper and then guards the
 * same device); taking one it took itself on this path is. */
static int match_handed_guard(void *data)
{
	struct walk_ctx *ctx = data;

	needs_dev_lock(ctx->port);
	scoped_guard(device, ctx->port)
		needs_dev_lock(ctx->port);
	return 0;
}

static int match_handed_twice(void *data)
{
	struct walk_ctx *ctx = data;

	needs_dev_lock(ctx->port);
	device_lock(ctx->port);
	device_lock(ctx->port); // expected-warning{{'ctx->port' acquired while already held on this path [lock-imbalance]}}
	return 0;
}

static int switch_probe(struct platform_device *pdev)
{
	struct walk_ctx ctx = { .port = &pdev->dev };

	walk_bus(match_handed_guard, &ctx);
	walk_bus(match_handed_twice, &ctx);
	return walk_bus(match_handed, &ctx);
}

static struct platform_driver switch_driver = {
	.probe = switch_probe,
};
