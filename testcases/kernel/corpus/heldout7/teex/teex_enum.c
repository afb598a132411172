// SPDX-License-Identifier: GPL-2.0
/*
 * teex_enum.c - the provider's tee_client_devices, created and registered
 * here as drivers/tee/optee/device.c:optee_register_device() does, and
 * the session helpers the client driver (teex_client.c) calls.
 */
#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>

#include "teex.h"

static void teex_release_device(struct device *dev)
{
	kfree(to_teex_client(dev));
}

/*
 * optee/device.c:optee_register_device(): allocates the client device and
 * registers it on tee_bus_type; called from teex_probe() (which holds the
 * provider's lock, not the new device's) and from teex_scan_work() (which
 * holds nothing).  The TA's buffers are reached through the provider's
 * IOMMU: the new device takes the provider's ACPI companion or DT node.
 */
static int teex_register_device(struct teex *tx, const uuid_t *uuid)
{
	struct teex_client *tc;
	int ret = 0;

	tc = kzalloc(sizeof(*tc), GFP_KERNEL);
	if (!tc)
		return -ENOMEM;

	tc->tx = tx;
	tc->tcd.dev.bus = &tee_bus_type;
	tc->tcd.dev.parent = tx->dev;
	tc->tcd.dev.release = teex_release_device;
	uuid_copy(&tc->tcd.id.uuid, uuid);
	device_initialize(&tc->tcd.dev);

	ret = dev_set_name(&tc->tcd.dev, "teex-ta-%pUb", uuid);
	if (ret)
		goto err_put;

	if (has_acpi_companion(tx->dev)) {
		ACPI_COMPANION_SET(&tc->tcd.dev, ACPI_COMPANION(tx->dev));
		ret = acpi_dma_configure(&tc->tcd.dev, DEV_DMA_COHERENT); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */
	} else {
		scoped_guard(device, &tc->tcd.dev)
			ret = of_dma_configure(&tc->tcd.dev, tx->dev->of_node, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
	}
	if (ret)
		goto err_put;

	ret = device_add(&tc->tcd.dev);
	if (ret)
		goto err_put;

	mutex_lock(&tx->clients_lock);
	list_add_tail(&tc->node, &tx->clients);
	mutex_unlock(&tx->clients_lock);
	return 0;

err_put:
	put_device(&tc->tcd.dev);
	return ret;
}

/* optee/device.c:__optee_enumerate_devices(): one device per TA UUID */
int teex_enumerate(struct teex *tx)
{
	uuid_t uuid;
	int i, ret;

	for (i = 0; i < TEEX_MAX_TAS; i++) {
		u32 w[4];
		int j;

		for (j = 0; j < 4; j++)
			w[j] = readl(tx->mbox + 0x100 + i * 16 + j * 4);
		if (!w[0] && !w[1] && !w[2] && !w[3])
			break;
		memcpy(&uuid, w, sizeof(uuid));
		ret = teex_register_device(tx, &uuid);
		if (ret)
			return ret;
	}
	return 0;
}

/* optee/core.c:optee_bus_scan(): a work, holds nothing */
void teex_scan_work(struct work_struct *work)
{
	struct teex *tx = container_of(work, struct teex, scan_work);

	WARN_ON(teex_enumerate(tx));
}

/*
 * Quiesce every bound client before the provider goes away, locking each
 * in turn (teex_remove(), under the provider's lock: parent before
 * child).  The error return inside the loop keeps the client's lock while
 * every other return has dropped it.
 */
int teex_quiesce_clients(struct teex *tx)
{
	struct teex_client *tc;

	mutex_lock(&tx->clients_lock);
	list_for_each_entry(tc, &tx->clients, node) {
		device_lock(&tc->tcd.dev);
		if (!tc->tcd.dev.driver) {
			device_unlock(&tc->tcd.dev);
			continue;
		}
		if (tc->quiesced) {
			mutex_unlock(&tx->clients_lock);
			return -EALREADY; /* EXPECT: lock-imbalance */
		}
		tc->quiesced = true;
		device_unlock(&tc->tcd.dev);
	}
	mutex_unlock(&tx->clients_lock);
	return 0;
}

void teex_unregister_clients(struct teex *tx)
{
	struct teex_client *tc, *tmp;

	mutex_lock(&tx->clients_lock);
	list_for_each_entry_safe(tc, tmp, &tx->clients, node) {
		list_del(&tc->node);
		device_unregister(&tc->tcd.dev);
	}
	mutex_unlock(&tx->clients_lock);
}

static int teex_ctx_match(struct tee_ioctl_version_data *ver, const void *data)
{
	return ver->impl_id == TEEX_IMPL_ID;
}

/*
 * teex_session_bind - open the session of the TA behind client device @dev
 *
 * Asserted as drivers/xen/xen-pciback/pci_stub.c's helpers: the session
 * belongs to the bound driver, it may only be opened while the binding
 * cannot change.
 */
int teex_session_bind(struct device *dev, struct tee_context **ctxp,
		      u32 *session)
{
	struct tee_client_device *tcd = to_tee_client_device(dev);
	struct tee_ioctl_open_session_arg arg = { };
	struct tee_context *ctx;
	int ret;

	device_lock_assert(dev);

	ctx = tee_client_open_context(NULL, teex_ctx_match, NULL, NULL);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);

	export_uuid(arg.uuid, &tcd->id.uuid);
	arg.clnt_login = TEE_IOCTL_LOGIN_PUBLIC;
	ret = tee_client_open_session(ctx, &arg, NULL);
	if (ret < 0 || arg.ret) {
		tee_client_close_context(ctx);
		return ret < 0 ? ret : -EIO;
	}

	*ctxp = ctx;
	*session = arg.session;
	return 0;
}

/*
 * teex_session_unbind_locked - close what teex_session_bind() opened; the
 * caller holds device_lock(@dev) (cxl_decoder_add_locked() naming).
 */
void teex_session_unbind_locked(struct device *dev, struct tee_context *ctx,
				u32 session)
{
	if (!ctx)
		return;
	tee_client_close_session(ctx, session);
	tee_client_close_context(ctx);
	dev_dbg(dev, "session %u closed\n", session);
}
