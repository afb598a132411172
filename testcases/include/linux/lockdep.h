/* SPDX-License-Identifier: GPL-2.0 */
/* CONFIG_LOCKDEP selects the allmodconfig shape (a call of lock_is_held()). */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

#include <linux/kernel.h>

struct lockdep_map {
	const char *name;
};

#ifdef CONFIG_LOCKDEP
enum { LOCK_STATE_UNKNOWN = -1, LOCK_STATE_NOT_HELD, LOCK_STATE_HELD };
extern int debug_locks;
extern int lock_is_held(const struct lockdep_map *lock);
#define lockdep_is_held(lock)		lock_is_held(&(lock)->dep_map)
#define lockdep_assert(cond)		\
	do { WARN_ON(debug_locks && !(cond)); } while (0)
#define lockdep_assert_held(l)		\
	lockdep_assert(lockdep_is_held(l) != LOCK_STATE_NOT_HELD)
#else
#define lockdep_assert_held(l)		do { (void)(l); } while (0)
#endif

#endif
