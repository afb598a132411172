// A device this file created and kept in a field, configured later by
// another function: created-device, found through the field.  Only a
// field that this file gives new objects alone (NULL aside) says so; one
// also given a device found elsewhere, or a device behind a pointer that
// a created object holds, is no created device.
// RUN: %clang -cc1 -analyze -load %plugin \
// RUN:   -analyzer-checker=core,kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct device_node *np;

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
	struct device *dev;		/* the probed device, a pointer */
	struct platform_device **found;	/* a new array of found devices */
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
	priv->found = kzalloc(2 * sizeof(*priv->found), GFP_KERNEL);
	if (priv->found)
		priv->found[0] = of_find_device_by_node(peer_np);
}

int reconfigure_dsp(struct my_priv *priv)
{
	return of_dma_configure(&priv->dsp->dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a created-device &priv->dsp->dev (kept in ->dsp), device_lock left to the callers of reconfigure_dsp() [dma-configure-outside-bus]}}
}

int reconfigure_cell(struct my_priv *priv)
{
	return of_dma_configure(&priv->cells[1]->dev, np, true); // expected-warning{{on a created-device &priv->cells[1]->dev (kept in ->cells)}}
}

int reconfigure_ctx(struct my_priv *priv, int i)
{
	return of_dma_configure(&priv->ctxs[i].dev, np, true); // expected-warning{{on a created-device &priv->ctxs[i].dev (kept in ->ctxs)}}
}

int reconfigure_cell_at(struct my_priv *priv, unsigned int i)
{
	struct platform_device *cell;

	if (i >= 2 || !priv->cells[i])
		return -22;
	cell = priv->cells[i];
	return of_dma_configure(&cell->dev, np, true); // expected-warning{{on a created-device &cell->dev (kept in ->cells)}}
}

/* The twins: a found device, a field given both, a pointer in a created
 * object that leads elsewhere. */
int reconfigure_peer(struct my_priv *priv)
{
	return of_dma_configure(&priv->peer->dev, np, true); // expected-warning{{on a foreign-device &priv->peer->dev, device_lock left to the callers of reconfigure_peer()}}
}

int reconfigure_found_at(struct my_priv *priv, unsigned int i)
{
	struct platform_device *peer;

	if (i >= 2 || !priv->found[i])
		return -22;
	peer = priv->found[i];
	return of_dma_configure(&peer->dev, np, true); // expected-warning{{on a foreign-device &peer->dev, device_lock not held}}
}

int reconfigure_either(struct my_priv *priv)
{
	return of_dma_configure(&priv->either->dev, np, true); // expected-warning{{on a foreign-device &priv->either->dev, device_lock left to the callers of reconfigure_either()}}
}

struct outer {
	struct my_priv *priv;	/* created */
};

int make_outer(struct outer *o)
{
	o->priv = kzalloc(sizeof(*o->priv), GFP_KERNEL);
	return o->priv ? 0 : -12;
}

int reconfigure_through(struct outer *o)
{
	return of_dma_configure(o->priv->dev, np, true); // expected-warning{{on a foreign-device o->priv->dev, device_lock left to the callers of reconfigure_through()}}
}
