// SPDX-License-Identifier: GPL-2.0
/* Fills ->port with nf_port_add()'s new ports only: its summary says
 * "@newfield nf_priv.port", and nothing else of the module changes with
 * it. */
#include <linux/errno.h>
#include "nf.h"

int nf_setup(struct nf_priv *priv)
{
	priv->port = nf_port_add(priv);
	return priv->port ? 0 : -ENOMEM;
}
