/* SPDX-License-Identifier: GPL-2.0 */
/*
 * teex: a TEE provider (a platform driver registering a tee_device, as
 * drivers/tee/optee/smc_abi.c:optee_probe()), the tee_client_devices it
 * enumerates on the real tee_bus_type (drivers/tee/optee/device.c), and
 * a hwrng client driver binding them (drivers/char/hw_random/optee-rng.c).
 *
 * tee_bus_type (drivers/tee/tee_core.c) has only .match and .uevent: the
 * driver core calls the client driver's device_driver.probe/.remove under
 * device_lock(dev), and .shutdown from device_shutdown() under it too.
 * The tee_driver_ops are called by tee_core.c from the ioctls and from
 * tee_client_*() without any device lock.
 */
#ifndef TEEX_H
#define TEEX_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/tee_core.h>
#include <linux/tee_drv.h>
#include <linux/uuid.h>
#include <linux/workqueue.h>

#define TEEX_IMPL_ID		0x7e3
#define TEEX_FUNC_RESET		0x1000
#define TEEX_MAX_TAS		8

struct teex {
	struct device *dev;		/* &pdev->dev of the provider */
	struct tee_device *teedev;
	struct work_struct scan_work;
	struct mutex clients_lock;	/* protects clients */
	struct list_head clients;
	void __iomem *mbox;
	bool mbox_stuck;
};

struct teex_client {
	struct tee_client_device tcd;
	struct teex *tx;
	struct list_head node;
	bool quiesced;
};

#define to_teex_client(d) \
	container_of(to_tee_client_device(d), struct teex_client, tcd)

/* teex_prov.c */
int teex_mbox_reset(struct device *dev);

/* teex_enum.c */
int teex_enumerate(struct teex *tx);
void teex_scan_work(struct work_struct *work);
int teex_quiesce_clients(struct teex *tx);
void teex_unregister_clients(struct teex *tx);
int teex_session_bind(struct device *dev, struct tee_context **ctxp,
		      u32 *session);
void teex_session_unbind_locked(struct device *dev, struct tee_context *ctx,
				u32 session);

/* teex_client.c */
int teex_rng_register(void);
void teex_rng_unregister(void);

#endif /* TEEX_H */
