/* A made-up subsystem for the slot-context tests (clang/slotctx.c). */
#ifndef _LINUX_XCORE_H
#define _LINUX_XCORE_H

#include <linux/device.h>

struct xcore_dev;

struct xcore_ops {
	int (*reset)(struct xcore_dev *xd);
	void (*poke)(struct xcore_dev *xd);
	void (*abort)(struct xcore_dev *xd);
	void (*scan)(struct xcore_dev *xd);
	void (*alert)(struct xcore_dev *xd);
	void (*kick)(struct xcore_dev *xd);
	void (*quiesce)(struct xcore_dev *xd);
	void (*wake)(struct xcore_dev *xd);
	void (*notify)(struct xcore_dev *xd);
	int (*setup)(struct xcore_dev *xd);
	int (*mode)(struct xcore_dev *xd);
};

struct xcore_dev {
	struct device dev;
	const struct xcore_ops *ops;
	int state;
};

/* A client of the core whose ->init runs under its caller's contract. */
struct xcore_client;
struct xcore_client_ops {
	int (*init)(struct xcore_client *cl);
};
struct xcore_client {
	struct xcore_dev *xd;
	const struct xcore_client_ops *ops;
};
void xcore_init_clients(struct xcore_dev *xd, struct xcore_client *cl);

int xcore_trylock(struct xcore_dev *xd);
int xcore_lock_interruptible(struct xcore_dev *xd);
int xcore_trylock_plain(struct xcore_dev *xd);
void xcore_wait_idle(struct xcore_dev *xd);
void xcore_lock(struct xcore_dev *xd);
void xcore_unlock(struct xcore_dev *xd);
void xcore_set_state(struct xcore_dev *xd, int state);
struct pci_dev;
struct pci_dev *xcore_pci(struct device *dev);
struct xcore_dev *xcore_verify(struct device *dev);
void xcore_note(struct xcore_dev *xd, struct xcore_dev *parent);
int xcore_register(struct xcore_dev *xd, const struct xcore_ops *ops);
int xcore_enable_mode(struct xcore_dev *xd);

#endif
