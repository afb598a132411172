#include <linux/device.h>
#include <linux/err.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct pv_port {
	struct device dev;
	int id;
};

struct pv_priv {
	struct pv_port *port;		/* given pv_port_add()'s new ports */
	struct pv_port *other;		/* given a port found elsewhere too */
	struct pv_port *bank;		/* given pv_bank_add()'s, here */
	struct device_node *np;
};

struct pv_port *pv_port_add(struct pv_priv *priv);
struct pv_port *pv_port_lookup(struct pv_priv *priv);	/* finds one */
struct pv_port *pv_bank_add(struct pv_priv *priv);
int pv_port_retarget(struct pv_port *port, struct device_node *np);
int pv_any_retarget(struct pv_port *port, struct device_node *np);
int pv_port_reset(struct pv_priv *priv);
int pv_other_reset(struct pv_priv *priv);
