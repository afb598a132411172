// A device this file created and kept in a field, configured later by
// another function: created-device, as the Clang engine says
// (testcases/clang/kept.c).  Only a field this file gives new objects
// alone (NULL aside) says so; one also given a found device does not.
// RUN: spatch --very-quiet -D report --sp-file %cocci/of_dma_configure.cocci -I %kinc %s > %t.out
// RUN: sort -t: -k2,2n %t.out | FileCheck %s --implicit-check-not=WARNING
// RUN: %clang -fsyntax-only -I %kinc %s

#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct ctx {
	struct device dev;
	int id;
};

struct my_priv {
	struct platform_device *dsp;	/* created below, or NULL */
	struct platform_device *cells[2];	/* created below */
	struct ctx *ctxs;		/* an array of devices initialized here */
	struct platform_device *peer;	/* found, never created */
	struct platform_device *either;	/* created, or found */
};

int make_dsp(struct my_priv *priv)
{
	struct platform_device *pdev = platform_device_alloc("dsp", 0);

	if (!pdev)
		return -12;
	priv->dsp = pdev;
	priv->cells[1] = platform_device_alloc("cell", 1);
	priv->either = pdev;
	return 0;
}

void drop_dsp(struct my_priv *priv)
{
	priv->dsp = NULL;
}

int make_ctxs(struct my_priv *priv, int n)
{
	priv->ctxs = kzalloc(n * sizeof(*priv->ctxs), GFP_KERNEL);
	if (!priv->ctxs)
		return -12;
	device_initialize(&priv->ctxs[0].dev);
	return 0;
}

void find_peer(struct my_priv *priv, struct device_node *peer_np)
{
	priv->peer = of_find_device_by_node(peer_np);
	priv->either = of_find_device_by_node(peer_np);
}

int reconfigure_dsp(struct my_priv *priv)
{
	struct platform_device *pdev = priv->dsp;

	// CHECK: kept.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a created-device &pdev->dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(&pdev->dev, NULL, true);
}

int reconfigure_cell(struct my_priv *priv)
{
	// CHECK: kept.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a created-device &priv->cells [1]->dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(&priv->cells[1]->dev, NULL, true);
}

int reconfigure_ctx(struct my_priv *priv, int i)
{
	struct device *cdev = &priv->ctxs[i].dev;

	// CHECK: kept.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a created-device cdev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(cdev, NULL, true);
}

/* The twins: a found device, and a field given both. */
int reconfigure_peer(struct my_priv *priv)
{
	// CHECK: kept.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &priv->peer->dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(&priv->peer->dev, NULL, true);
}

int reconfigure_either(struct my_priv *priv)
{
	struct platform_device *pdev = priv->either;

	// CHECK: kept.c:[[@LINE+1]]:8-24: WARNING: of_dma_configure() outside bus_type.dma_configure on a foreign-device &pdev->dev, device_lock not held [dma-configure-outside-bus]
	return of_dma_configure(&pdev->dev, NULL, true);
}
