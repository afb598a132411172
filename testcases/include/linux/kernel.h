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

/* kconfig.h: IS_ENABLED(CONFIG_FOO) is 1 when CONFIG_FOO is defined as 1 */
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)
#define IS_ENABLED(option)		__is_defined(option)
#define PTR_IF(cond, ptr)		((cond) ? (ptr) : NULL)

#define WARN_ON(condition) ({ int __ret_warn_on = !!(condition); __ret_warn_on; })

/* include/asm-generic/rwonce.h */
#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile typeof(x) *)&(x) = (val); } while (0)

#endif
