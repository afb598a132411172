/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdwx: a SoundWire peripheral (codec) driver in the shape of
 * sound/soc/codecs/cs42l43-sdw.c and drivers/mfd/cs42l43-sdw.c, with a
 * private "port" bus for the data-port child devices it creates.
 */
#ifndef __SDWX_H
#define __SDWX_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <linux/soundwire/sdw.h>

struct platform_device;
struct sdwx_priv;

/* One child device per data port, registered on sdwx_port_bus. */
struct sdwx_port {
	struct device dev;
	struct sdwx_priv *priv;
	u32 num;
};

#define to_sdwx_port(d) container_of(d, struct sdwx_port, dev)

struct sdwx_priv {
	struct sdw_slave *slave;
	struct platform_device *dsp;
	struct sdwx_port *port;
	struct work_struct irq_work;
	struct work_struct rebind_work;
	struct delayed_work peer_work;
	struct mutex state_lock;
	char peer_name[32];
	u32 stream_id;
	bool hw_init;
};

extern const struct bus_type sdwx_port_bus;

/* sdwx_port.c */
int sdwx_port_bus_init(void);
void sdwx_port_bus_exit(void);
int sdwx_port_register(struct sdwx_priv *priv);
void sdwx_port_unregister(struct sdwx_priv *priv);
int sdwx_dsp_create(struct sdwx_priv *priv);
int sdwx_dsp_reconfigure(struct sdwx_priv *priv);
void sdwx_dsp_destroy(struct sdwx_priv *priv);

/* sdwx_lock.c */
int sdwx_slave_lock(struct sdw_slave *slave);
void sdwx_slave_unlock(struct sdw_slave *slave);
int sdwx_slave_devnum(struct sdw_slave *slave, u16 *dev_num);
int sdwx_slave_status(struct sdw_slave *slave, enum sdw_slave_status *st);
void sdwx_apply_prop(struct sdw_slave *slave);
int sdwx_stream_reset_locked(struct sdw_slave *slave);
int sdwx_dma_rebind(struct sdw_slave *slave, struct device_node *np);

#endif /* __SDWX_H */
