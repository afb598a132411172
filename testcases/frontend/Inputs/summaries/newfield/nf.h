/* SPDX-License-Identifier: GPL-2.0 */
#include <linux/device.h>
#include <linux/of.h>

struct nf_port {
	struct device dev;
};

struct nf_priv {
	struct device_node *np;
	struct nf_port *port;
};

struct nf_port *nf_port_add(struct nf_priv *priv);
int nf_port_reset(struct nf_priv *priv);
int nf_setup(struct nf_priv *priv);
