/* SPDX-License-Identifier: GPL-2.0 */
/* Mini kernel header for iommu-lockcheck's fast tests: include/linux/notifier.h */
#ifndef _LINUX_NOTIFIER_H
#define _LINUX_NOTIFIER_H

struct notifier_block;
typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action,
			     void *data);

struct notifier_block {
	notifier_fn_t notifier_call;
	struct notifier_block *next;
	int priority;
};

struct blocking_notifier_head {
	struct notifier_block *head;
};

#define NOTIFY_DONE	0x0000
#define NOTIFY_OK	0x0001

int blocking_notifier_call_chain(struct blocking_notifier_head *nh,
				 unsigned long val, void *v);

#endif
