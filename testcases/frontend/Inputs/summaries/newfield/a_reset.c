// SPDX-License-Identifier: GPL-2.0
/* Makes the ports, and reads ->port, which b_setup.c fills with those
 * ports only: what that file keeps there makes nf_port_reset()'s device a
 * created-device.  Analysed first (the module's files in name order, one
 * at a time), before b_setup.c's summary says so. */
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include "nf.h"

struct nf_port *nf_port_add(struct nf_priv *priv)
{
	struct nf_port *port = kzalloc(sizeof(*port), GFP_KERNEL);

	if (!port)
		return NULL;
	device_initialize(&port->dev);
	return port;
}

int nf_port_reset(struct nf_priv *priv)
{
	return of_dma_configure(&priv->port->dev, priv->np, true);
}
