/* SPDX-License-Identifier: GPL-2.0 */
/* Mini <linux/jiffies.h>: the tick counter and its wrap-safe comparison. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#define HZ 250

extern unsigned long volatile jiffies;

/* as the kernel's, without typecheck(): a signed view of the difference */
#define time_after(a, b)	((long)((b) - (a)) < 0)

#endif
