/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/errno.h>

#define offsetof(TYPE, MEMBER)	__builtin_offsetof(TYPE, MEMBER)
#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)(__mptr - offsetof(type, member))); })
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

int printk(const char *fmt, ...);
#define pr_err(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(fmt, ##__VA_ARGS__)

#define WARN_ON(condition) ({ int __ret_warn_on = !!(condition); __ret_warn_on; })

#endif
