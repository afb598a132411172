// SPDX-License-Identifier: GPL-2.0
/*
 * serdx DMA companion: a platform device named by the "serdx,dma-companion"
 * phandle that does the UART's DMA.  It is a foreign device: serdx neither
 * created it nor is probing it.
 *
 * Lookup shape: drivers/net/ethernet/ti/icssg/icss_iep.c:icss_iep_get_idx()
 * (of_parse_phandle + of_find_device_by_node, then device_lock() of the
 * companion around the update).
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>

#include "serdx.h"

int serdx_comp_attach(struct serdx_priv *priv)
{
	struct platform_device *pdev;
	struct device_node *np;
	int ret;

	np = of_parse_phandle(priv->dev->of_node, "serdx,dma-companion", 0);
	if (!np)
		return 0;

	pdev = of_find_device_by_node(np);
	if (!pdev) {
		of_node_put(np);
		return -EPROBE_DEFER;
	}

	/* The companion's own lock, as icss_iep_get_idx() takes it. */
	device_lock(&pdev->dev);
	ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */
	device_unlock(&pdev->dev);
	of_node_put(np);
	if (ret) {
		put_device(&pdev->dev);
		return ret;
	}

	priv->comp = &pdev->dev;
	return 0;
}

void serdx_comp_detach(struct serdx_priv *priv)
{
	if (priv->comp) {
		put_device(priv->comp);
		priv->comp = NULL;
	}
}
