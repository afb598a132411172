/* SPDX-License-Identifier: GPL-2.0 */
/* corpus_xbus: two bus types kept in one array, and their users. */
#ifndef CORPUS_XBUS_H
#define CORPUS_XBUS_H

#include <linux/device.h>

enum { XBUS_HOST, XBUS_PORT, XBUS_NR };
extern const struct bus_type xbus_types[XBUS_NR];

/* xbus_core.c */
void xbus_sync(struct device *dev);

/* xbus_dev.c */
int xbus_dev_init(void);
void xbus_dev_exit(void);
struct device *xbus_alloc_memdev(struct device *dev, const char *name);
struct device *xbus_alloc_memdev_guarded(struct device *dev, const char *name);

/* xbus_lock.c */
int xbus_offline_all(struct device **devs, int n);
int xbus_online_all(struct device **devs, int n);
int xbus_claim_port(struct device *port);
void xbus_release_port(struct device *port);
int xbus_port_reset(struct device *port);
int xbus_port_kick(struct device *port);

#endif
