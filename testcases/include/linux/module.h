/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/kernel.h>

#define MODULE_LICENSE(_license)
#define MODULE_DESCRIPTION(_desc)
#define MODULE_DEVICE_TABLE(type, name)
#define module_init(fn) int init_module(void) { return fn(); }
#define module_exit(fn) void cleanup_module(void) { fn(); }

#endif
