/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iommu-lockcheck: Sparse context annotations for device_lock() and the
 * iommu group mutex.  Copied into a kernel tree as
 * include/linux/iommu_lockcheck_sparse.h by sparse-annotations/apply, which
 * also includes it from <linux/device.h>.  Everything is under __CHECKER__:
 * the compiler sees empty macros.
 *
 * Sparse keeps ONE counter per function for all contexts and never checks a
 * callee's "in" count, so a requirement is written as a release followed, in
 * a new basic block, by an acquire: an unheld call drops the counter below
 * zero and Sparse reports "context imbalance in '<caller>' - unexpected
 * unlock".  (Release+acquire in one basic block nets to zero and is never
 * seen, hence the opaque branch.)  Limit: any other held context (spinlock,
 * RCU, ...) raises the same counter and can mask a missing device_lock().
 *
 * Guards: Sparse runs no __cleanup, so guard(device)/scoped_guard(device)
 * cannot be counted.  They are lexical instead: the guard declares a local
 * __lc_guarded_device that shadows the file-scope array below, and a
 * requirement inside its scope sees sizeof() != 3 and checks nothing.
 *
 * Whose device is locked is not Sparse's business (one counter): the
 * applier (callbacks.cocci, plan.py) decides it from the code and wraps a
 * call on a device held by contract in __lc_held(), and a call of a helper
 * that needs its caller's lock in __lc_req_dev().
 *
 * device_lock()/device_unlock()/device_trylock()/device_lock_interruptible()
 * count only where apply wrapped them (__LC_*_DEV): in the files where a
 * requirement stays checked.  Elsewhere counting them would only add noise
 * (lock wrappers such as pci_dev_lock(), conditional parent locking) and
 * check nothing, since Sparse looks at one function at a time.
 *
 * We carry our own context attributes instead of the kernel's __acquires()
 * and friends, which lose them in 7.0.
 */
#ifndef _LINUX_IOMMU_LOCKCHECK_SPARSE_H
#define _LINUX_IOMMU_LOCKCHECK_SPARSE_H

#ifdef __CHECKER__
#define __lc_must_hold(ctx)	__attribute__((context(ctx, 1, 1)))
#define __lc_acquire(ctx)	__context__(ctx, 1)
#define __lc_release(ctx)	__context__(ctx, -1)

extern int __lc_opaque;
extern void __lc_split(void);
extern char __lc_guarded_device[3];
extern char __lc_guarded_group[3];

/* Requires ctx unless a guard of class cls is in scope. */
#define __lc_require(cls, ctx) ({					\
	if (sizeof(__lc_guarded_##cls) == 3) {				\
		__lc_release(ctx);					\
		if (__lc_opaque)					\
			__lc_split();					\
		__lc_acquire(ctx);					\
	}								\
})
#define __lc_guard_mark(cls)	void *__lc_guarded_##cls = (void *)0;
/*
 * A conditional lock acquires on the branch where it succeeded.  Sparse
 * 0.6.4 ignores __cond_acquires (context(x,0,-1) counts as nothing), so the
 * result is spelled so that Sparse's own branch simplification sees the
 * acquire on that branch only: "&&" is linearized as branches, with no
 * merge of the two counts, in "if (device_trylock(dev))", "if (!...)",
 * "while (!...)" and "locked = ...; if (!locked)".  For
 * device_lock_interruptible() (0 on success) the applier picks the "&&"
 * form when the call is the if's condition, wraps the if that tests a
 * stored result (__LC_INTR_FAILED), and uses the constant-result form
 * otherwise.
 */
#define __LC_TRY_DEV(c)		((c) && ({ __lc_acquire(device_lock); 1; }))
#define __LC_INTR_DEV(c)	((c) ? -4 /* -EINTR */ : ({ __lc_acquire(device_lock); 0; }))
#define __LC_INTR_DEV_COND(c)	(!(!(c) && ({ __lc_acquire(device_lock); 1; })))
/* "s = device_lock_interruptible(dev); if (s < 0)": the test, wrapped,
 * acquires where it is false (Sparse does not fold "s < 0" of a phi) */
#define __LC_INTR_FAILED(t)	((t) || ({ __lc_acquire(device_lock); 0; }))/* A call that requires the lock: Sparse checks the count before it. */
#define __lc_req_dev(fn)	(__lc_require(device, device_lock), fn)
#else
#define __lc_must_hold(ctx)
#define __lc_acquire(ctx)	do { } while (0)
#define __lc_release(ctx)	do { } while (0)
#define __lc_require(cls, ctx)	((void)0)
#define __lc_guard_mark(cls)
#define __LC_TRY_DEV(c)		(c)
#define __LC_INTR_DEV(c)	(c)
#define __LC_INTR_DEV_COND(c)	(c)
#define __LC_INTR_FAILED(t)	(t)
#define __lc_req_dev(fn)	fn
#endif

/*
 * A call of of/acpi_dma_configure*() on a device whose lock the function
 * holds by its contract (the probed device of a probe, the device of a bus
 * dma_configure, a helper's parameter that every caller passes locked):
 * the parenthesised name is not the header's checking macro.
 */
#define __lc_held(fn)		(fn)

/* Function attributes and call-site wrappers the applier inserts. */
#define __lc_must_hold_group	__lc_must_hold(group_mutex)
#define __LC_ACQ_DEV		, ({ __lc_acquire(device_lock); })
#define __LC_REL_DEV		({ __lc_release(device_lock); }),
#define __LC_REQ_GROUP		(__lc_require(group, group_mutex)),
#define __LC_ACQ_GROUP		, ({ __lc_acquire(group_mutex); })
#define __LC_REL_GROUP		({ __lc_release(group_mutex); }),
#define __LC_GUARD_GROUP	__lc_guard_mark(group)

#endif /* _LINUX_IOMMU_LOCKCHECK_SPARSE_H */
