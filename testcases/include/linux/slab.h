/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/cleanup.h>

#define GFP_KERNEL	0xcc0u

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *objp);

DEFINE_FREE(kfree, void *, if (_T) kfree(_T))

#endif
