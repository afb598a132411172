// The bus file of a two-file module (provenance.c): it creates ports,
// and re-points devices that the other file hands it or keeps.  Run
// first without that file's summary (FIRST: every device is foreign
// here), then with it (FINAL).
#include "provenance.h"

/* A new port or an ERR_PTR(): its callers' fields hold created devices
 * (@new), though its name says neither alloc nor create. */
struct pv_port *pv_port_add(struct pv_priv *priv)
{
	struct pv_port *port = kzalloc(sizeof(*port), GFP_KERNEL);

	if (!port)
		return ERR_PTR(-12);
	device_initialize(&port->dev);
	return port;
}

struct pv_port *pv_bank_add(struct pv_priv *priv)
{
	struct pv_port *bank;

	bank = kzalloc(sizeof(*bank), GFP_KERNEL);
	if (!bank)
		return NULL;
	device_initialize(&bank->dev);
	return bank;
}

/* Its callers hand it ports that pv_port_add() made: created-device. */
int pv_port_retarget(struct pv_port *port, struct device_node *np)
{
	return of_dma_configure(&port->dev, np, true); // first-warning{{on a foreign-device &port->dev, device_lock left to the callers of pv_port_retarget()}} final-warning{{on a created-device &port->dev (by the callers of pv_port_retarget()), device_lock left to the callers of pv_port_retarget()}}
}

/* The twin: one caller hands it a created port, another a found one. */
int pv_any_retarget(struct pv_port *port, struct device_node *np)
{
	return of_dma_configure(&port->dev, np, true); // first-warning{{on a foreign-device &port->dev}} final-warning{{on a foreign-device &port->dev}}
}

/* The other file keeps pv_port_add()'s ports in ->port, nothing else. */
int pv_port_reset(struct pv_priv *priv)
{
	return of_dma_configure(&priv->port->dev, priv->np, true); // first-warning{{on a foreign-device &priv->port->dev}} final-warning{{on a created-device &priv->port->dev (kept in ->port)}}
}

/* The twin: ->other is given a found port too. */
int pv_other_reset(struct pv_priv *priv)
{
	return of_dma_configure(&priv->other->dev, priv->np, true); // first-warning{{on a foreign-device &priv->other->dev}} final-warning{{on a foreign-device &priv->other->dev}}
}
