// Entry locks and device origins derived from the code, each positive
// beside its negative twin: which callbacks the driver core enters holding
// device_lock() of their device (any *_driver probe/remove, bus_type
// probe/remove/dma_configure, also as an array element), which functions
// leave the lock to their callers (a name ending in _locked, a kernel-doc
// Context: line), and a device allocated by the caller of a function
// pointer table slot (acpi/arm64/iort.c).
// RUN: spatch --very-quiet --no-includes -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// The lock rewrite leaves the contract sites alone, saying why.
// RUN: spatch --very-quiet --no-includes -D patch --sp-file %cocci/of_dma_configure.cocci -I %kinc %s -o %t.c > /dev/null 2> %t.err
// RUN: FileCheck %s --check-prefix=SKIP < %t.err
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/acpi.h>

/* include/linux/auxiliary_bus.h, 6.12 */
struct auxiliary_device {
	struct device dev;
	const char *name;
	u32 id;
};
struct auxiliary_device_id {
	char name[32];
};
struct auxiliary_driver {
	int (*probe)(struct auxiliary_device *auxdev, const struct auxiliary_device_id *id);
	void (*remove)(struct auxiliary_device *auxdev);
	const char *name;
	struct device_driver driver;
};

/* an auxiliary_driver probe: its own device, locked by the driver core */
static int aux_probe(struct auxiliary_device *auxdev,
		     const struct auxiliary_device_id *id)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device &auxdev->dev, device_lock held by the driver core (probe) [dma-configure-outside-bus]
	return of_dma_configure(&auxdev->dev, auxdev->dev.parent->of_node, true);
}

/* ... and its remove */
static void aux_remove(struct auxiliary_device *auxdev)
{
	// CHECK: entry.c:[[@LINE+1]]:1-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device &auxdev->dev, device_lock held by the driver core (remove) [dma-configure-outside-bus]
	of_dma_configure(&auxdev->dev, NULL, true);
}

static struct auxiliary_driver my_aux_driver = {
	.name = "lockcheck",
	.probe = aux_probe,
	.remove = aux_remove,
};

/* the twin: the same shape in a table that is not a driver */
struct aux_ops {
	int (*probe)(struct auxiliary_device *auxdev, const struct auxiliary_device_id *id);
};
static int ops_probe(struct auxiliary_device *auxdev,
		     const struct auxiliary_device_id *id)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &auxdev->dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(&auxdev->dev, NULL, true);
}
static const struct aux_ops my_aux_ops = { .probe = ops_probe };

/* bus_type callbacks of buses defined as array elements */
static int arr_dma_configure(struct device *dev)
{
	return of_dma_configure(dev, dev->of_node, true);
}

static int arr_probe(struct device *dev)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device dev, device_lock held by the driver core (probe) [dma-configure-outside-bus]
	return of_dma_configure(dev, NULL, true);
}

static struct bus_type lockcheck_buses[] = {
	{
		.name = "first",
		.probe = arr_probe,
	},
	{
		.name = "second",
		.dma_configure = arr_dma_configure,
	},
};

/* ... and as the elements of a sized array with designators (the
 * corpus' xbus_types[XBUS_NR] = { [XBUS_PORT] = { ... } }) */
enum { LC_HOST, LC_PORT, LC_NR };
static int port_dma_configure(struct device *dev)
{
	return acpi_dma_configure(dev, DEV_DMA_NON_COHERENT);
}

static int port_probe(struct device *dev)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device dev, device_lock held by the driver core (probe) [dma-configure-outside-bus]
	return of_dma_configure(dev, dev->parent->of_node, false);
}

static const struct bus_type lc_types[LC_NR] = {
	[LC_PORT] = {
		.name = "port",
		.probe = port_probe,
		.dma_configure = port_dma_configure,
	},
};

/* the twin: an array of some other struct with the same slot names */
struct fake_bus {
	const char *name;
	int (*dma_configure)(struct device *dev);
	int (*probe)(struct device *dev);
};
static int fake_dma_configure(struct device *dev)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, dev->of_node, true);
}
static int fake_probe(struct device *dev)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, NULL, true);
}
static struct fake_bus fake_buses[] = {
	{ .name = "fake", .dma_configure = fake_dma_configure, .probe = fake_probe },
};

/* a static helper of a probe configures the probed device under the lock
 * the driver core holds for that probe ... */
static int setup_dma(struct device *dev)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a probed-device dev (by helper_probe()), device_lock held by the driver core (probe) [dma-configure-outside-bus]
	return of_dma_configure(dev, NULL, true);
}
static int helper_probe(struct platform_device *pdev)
{
	return setup_dma(&pdev->dev);
}
static struct platform_driver helper_driver = { .probe = helper_probe };

/* ... the twin: one also called from elsewhere is handed a device */
static int setup_dma2(struct device *dev)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, NULL, true);
}
static int helper_probe2(struct platform_device *pdev)
{
	return setup_dma2(&pdev->dev);
}
static struct platform_driver helper_driver2 = { .probe = helper_probe2 };
int redo_dma2(struct device *dev)
{
	return setup_dma2(dev);
}

/* the caller holds the lock: its name says so (cxl_decoder_add_locked()) */
int lockcheck_configure_locked(struct device *dev, struct device_node *np)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock held by the caller (_locked) [dma-configure-outside-bus]
	return of_dma_configure(dev, np, true);
	// SKIP-DAG: entry.c:[[@LINE-1]]:9: lock rewrite skipped for of_dma_configure(): lockcheck_configure_locked() leaves device_lock to its callers (_locked), so taking it here would deadlock [dma-configure-outside-bus]
}

/* the twin: the same body, a plain name */
int lockcheck_configure(struct device *dev, struct device_node *np)
{
	// CHECK: entry.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(dev, np, true);
}

/**
 * lockcheck_attach() - configure DMA of a child
 * @dev: the child
 *
 * Context: Process context. Caller holds the device lock of @dev.
 * Return: 0 or an error.
 */
int lockcheck_attach(struct device *dev)
{
	// CHECK: entry.c:[[@LINE+1]]:8-26: WARNING: acpi_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock held by the caller (Context:) [dma-configure-outside-bus]
	return acpi_dma_configure(dev, DEV_DMA_COHERENT);
	// SKIP-DAG: entry.c:[[@LINE-1]]:9: lock rewrite skipped for acpi_dma_configure(): lockcheck_attach() leaves device_lock to its callers (Context:), so taking it here would deadlock [dma-configure-outside-bus]
}

/**
 * lockcheck_attach2() - configure DMA of a child
 * @dev: the child
 *
 * Context: Process context. Takes and releases the device lock of @dev.
 */
int lockcheck_attach2(struct device *dev)
{
	// CHECK: entry.c:[[@LINE+1]]:8-26: WARNING: acpi_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	return acpi_dma_configure(dev, DEV_DMA_COHERENT);
}

/* a contract covers only a device handed in, not one made here */
int lockcheck_create_locked(struct device_node *np)
{
	struct platform_device *pdev = platform_device_alloc("c", PLATFORM_DEVID_AUTO);

	if (!pdev)
		return -ENOMEM;
	// CHECK: entry.c:[[@LINE+1]]:1-17: WARNING: of_dma_configure() outside bus_type.dma_configure on a created-device &pdev->dev, device_lock not held [dma-configure-outside-bus]
	of_dma_configure(&pdev->dev, np, true);
	return platform_device_add(pdev);
}

/*
 * acpi/arm64/iort.c: iort_add_platform_device() allocates the platform
 * device and reaches the configure call through its ops table, before
 * platform_device_add().
 */
struct lc_node;
struct lc_dev_config {
	const char *name;
	void (*dev_dma_configure)(struct device *dev, struct lc_node *node);
};

static void smmu_dma_configure(struct device *dev, struct lc_node *node)
{
	dev->dma_mask = &dev->coherent_dma_mask;
	// CHECK: entry.c:[[@LINE+1]]:1-19: WARNING: acpi_dma_configure() outside bus_type.dma_configure on a created-device dev (by lc_add_platform_device() through .dev_dma_configure), device_lock not held [dma-configure-outside-bus]
	acpi_dma_configure(dev, DEV_DMA_NON_COHERENT);
}

static const struct lc_dev_config lc_smmu_cfg = {
	.name = "arm-smmu",
	.dev_dma_configure = smmu_dma_configure,
};

static int lc_add_platform_device(struct lc_node *node,
				  const struct lc_dev_config *ops)
{
	struct platform_device *pdev;

	pdev = platform_device_alloc(ops->name, PLATFORM_DEVID_AUTO);
	if (!pdev)
		return -ENOMEM;
	if (ops->dev_dma_configure)
		ops->dev_dma_configure(&pdev->dev, node);
	return platform_device_add(pdev);
}

/* the twin: the same table slot, called on a device found elsewhere */
static void pmcg_dma_configure(struct device *dev, struct lc_node *node)
{
	// CHECK: entry.c:[[@LINE+1]]:1-19: WARNING: acpi_dma_configure() outside bus_type.dma_configure on a foreign-device dev, device_lock not held [dma-configure-outside-bus]
	acpi_dma_configure(dev, DEV_DMA_NON_COHERENT);
}

static const struct lc_dev_config lc_pmcg_cfg = {
	.name = "arm-pmcg",
	.dev_dma_configure = pmcg_dma_configure,
};

struct lc_other_config {
	void (*configure)(struct device *dev, struct lc_node *node);
};
static const struct lc_other_config lc_other = {
	.configure = pmcg_dma_configure,
};

static int lc_reuse_device(struct device_node *np, struct lc_node *node)
{
	struct platform_device *pdev = of_find_device_by_node(np);

	if (!pdev)
		return -ENODEV;
	lc_other.configure(&pdev->dev, node);
	return 0;
}

int lockcheck_use(void)
{
	return (my_aux_driver.probe != NULL) + (my_aux_ops.probe != NULL) +
	       (lockcheck_buses[0].probe != NULL) + (fake_buses[0].probe != NULL) +
	       (lc_types[LC_PORT].probe != NULL) +
	       (helper_driver.probe != helper_driver2.probe) +
	       lc_add_platform_device(NULL, &lc_smmu_cfg) +
	       lc_add_platform_device(NULL, &lc_pmcg_cfg) +
	       lc_reuse_device(NULL, NULL);
}
