// Slot contexts and lock functions from another TU's summary.
//
// Pass 1 (no path analysis) of Inputs/core.c: the device locks its text
// holds at each call through a slot.  reset and scan are called with the
// lock at every call; poke once with and once without; abort after the
// unlock; alert with the struct around the locked device (container_of()),
// quiesce with that struct locked by its own name, kick with the struct
// around its parent; wake with the struct that core.c's checked converter
// (NULL or container_of()) gives.  notify's struct comes from another
// file's function, which the summary asks for (@asks): no context yet.
// RUN: rm -rf %t && mkdir -p %t/ast %t/full
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/ast \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/core.c
// Its lock and unlock functions and its kernel-doc contract come from their
// bodies and comments; xcore_note()'s Context: names no parameter.
// xcore_init_clients() calls ->init under its own callers' contract: the
// slot is open (its functions' context is those callers').  ->setup is
// called back only from xcore_register(), with the device its caller
// handed in: the slot is that API's (@api, its functions run in the API
// callers' context: clang/apiheld.c), as ->init is xcore_init_clients()'s;
// ->mode is not (the core's attribute store calls it too), nor ->reset (a
// device from an array), nor ->scan (xcore_scan() locks its device itself:
// its callers do not hold it).
// RUN: grep -h '^@slot\|^@acquires\|^@releases\|^@converts\|^@open\|^@api\|^@asks\|^xcore' %t/ast/*.sum | sort | FileCheck --check-prefix=AST %s
// AST: @acquires xcore_lock 0 DEV_MUTEX ALWAYS dev
// AST-NEXT: @api xcore_client_ops.init xcore_init_clients
// AST-NEXT: @api xcore_ops.setup xcore_register
// AST-NEXT: @asks xcore_verify
// AST-NEXT: @converts xcore_pci 0 8
// AST-NEXT: @open xcore_client_ops.init
// AST-NEXT: @releases xcore_unlock 0 DEV_MUTEX dev
// AST-NEXT: @slot xcore_ops.alert 0 DEV_MUTEX
// AST-NEXT: @slot xcore_ops.quiesce 0 DEV_MUTEX
// AST-NEXT: @slot xcore_ops.reset 0 DEV_MUTEX
// AST-NEXT: @slot xcore_ops.scan 0 DEV_MUTEX
// AST-NEXT: @slot xcore_ops.wake 0 DEV_MUTEX
// AST-NEXT: xcore_init_clients 0 DEV_MUTEX dev
// AST-NEXT: xcore_set_state 0 DEV_MUTEX dev
// AST-NEXT: xcore_wait_idle 0 DEV_MUTEX dev
// AST-NOT: {{.}}
//
// Pass 1 as clang-lockcheck --pass1 runs it: that summary, and of the
// paths only the lock functions' (the bodies that take their parameter's
// lock), whose contracts the full analysis below finds too.  No finding.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/pass1 \
// RUN:   -analyzer-config kernel.iommu.LockModel:Pass1=true \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/core.c 2>&1 | count 0
// RUN: grep -h '^@slot\|^@acquires\|^@releases\|^@converts\|^@open\|^@api\|^@asks\|^xcore' %t/pass1/*.sum | sort | FileCheck --check-prefix=PASS1 %s
// PASS1: @acquires xcore_lock 0 DEV_MUTEX ALWAYS dev
// PASS1-NEXT: @acquires xcore_lock_interruptible 0 DEV_MUTEX ZERO_OK dev
// PASS1-NEXT: @acquires xcore_trylock 0 DEV_MUTEX TRY dev
// PASS1-NEXT: @acquires xcore_trylock_plain 0 DEV_MUTEX TRY dev
// PASS1-NEXT: @api xcore_client_ops.init xcore_init_clients
// PASS1-NEXT: @api xcore_ops.setup xcore_register
// PASS1-NEXT: @asks xcore_verify
// PASS1-NEXT: @converts xcore_pci 0 8
// PASS1-NEXT: @open xcore_client_ops.init
// PASS1-NEXT: @releases xcore_unlock 0 DEV_MUTEX dev
// PASS1-NEXT: @slot xcore_ops.alert 0 DEV_MUTEX
// PASS1-NEXT: @slot xcore_ops.quiesce 0 DEV_MUTEX
// PASS1-NEXT: @slot xcore_ops.reset 0 DEV_MUTEX
// PASS1-NEXT: @slot xcore_ops.scan 0 DEV_MUTEX
// PASS1-NEXT: @slot xcore_ops.wake 0 DEV_MUTEX
// PASS1-NEXT: xcore_init_clients 0 DEV_MUTEX dev
// PASS1-NEXT: xcore_set_state 0 DEV_MUTEX dev
// PASS1-NEXT: xcore_wait_idle 0 DEV_MUTEX dev
// PASS1-NOT: {{.}}
//
// The full analysis agrees on the slots, and finds the lock functions'
// contracts in their returns: xcore_trylock() held exactly when it returns
// 1, the wrappers that return the lock's own result held exactly when
// device_lock_interruptible() returned 0 or device_trylock() non-zero.
// xcore_wait_idle() requires the lock it drops and retakes, and
// xcore_suspend() holds it only at an error return: no contract.
// With Inputs/xverify.c summarised first, xcore_verify() is a converter
// (its own @converts, through the conditional), and notify has the
// context too; nothing is asked.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/full \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/xverify.c
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/full \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/core.c
// RUN: grep -h '^@slot\|^@acquires\|^@releases\|^@converts\|^@open\|^@api\|^@asks\|^xcore' %t/full/*.sum | sort | FileCheck --check-prefix=FULL %s
// FULL: @acquires xcore_lock 0 DEV_MUTEX ALWAYS dev
// FULL-NEXT: @acquires xcore_lock_interruptible 0 DEV_MUTEX ZERO_OK dev
// FULL-NEXT: @acquires xcore_trylock 0 DEV_MUTEX TRY dev
// FULL-NEXT: @acquires xcore_trylock_plain 0 DEV_MUTEX TRY dev
// FULL-NEXT: @api xcore_client_ops.init xcore_init_clients
// FULL-NEXT: @api xcore_ops.setup xcore_register
// FULL-NEXT: @converts xcore_pci 0 8
// FULL-NEXT: @converts xcore_verify 0 0
// FULL-NEXT: @open xcore_client_ops.init
// FULL-NEXT: @releases xcore_unlock 0 DEV_MUTEX dev
// FULL-NEXT: @slot xcore_ops.alert 0 DEV_MUTEX
// FULL-NEXT: @slot xcore_ops.notify 0 DEV_MUTEX
// FULL-NEXT: @slot xcore_ops.quiesce 0 DEV_MUTEX
// FULL-NEXT: @slot xcore_ops.reset 0 DEV_MUTEX
// FULL-NEXT: @slot xcore_ops.scan 0 DEV_MUTEX
// FULL-NEXT: @slot xcore_ops.wake 0 DEV_MUTEX
// FULL-NEXT: xcore_init_clients 0 DEV_MUTEX dev
// FULL-NEXT: xcore_set_state 0 DEV_MUTEX dev
// FULL-NEXT: xcore_wait_idle 0 DEV_MUTEX dev
// FULL-NOT: {{.}}
//
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/full \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
// With a second core file that calls ->setup for a device it found itself
// (@notapi), the slot is no API's alone.
// RUN: mkdir -p %t/both && cp %t/full/*.sum %t/both/
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/both \
// RUN:   -analyze-function=__iommu_lockcheck_pass1__ \
// RUN:   -I %kinc -DCONFIG_LOCKDEP %S/Inputs/xsetup.c
// RUN: grep -h '^@api xcore_ops.setup\|^@notapi xcore_ops.setup' %t/both/*.sum | sort | FileCheck --check-prefix=BOTH %s
// BOTH: @api xcore_ops.setup xcore_register
// BOTH-NEXT: @notapi xcore_ops.setup
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t/both \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=expected,both %s
// Without the summary the driver's reset and scan are unlocked callbacks,
// and the trylock wrapper an unknown call:
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=nosum %s
#include <linux/device.h>
#include <linux/pci.h>
#include <linux/xcore.h>

static void commit(struct device *dev)
{
	device_lock_assert(dev);
}

static int my_reset(struct xcore_dev *xd)
{
	commit(&xd->dev); // nosum-warning{{commit() requires device_lock(&xd->dev), which is not held on this path (from my_reset())}}
	return 0;
}

static void my_scan(struct xcore_dev *xd)
{
	commit(&xd->dev); // nosum-warning{{from my_scan()}}
}

static void my_poke(struct xcore_dev *xd)
{
	commit(&xd->dev); // expected-warning{{commit() requires device_lock(&xd->dev), which is not held on this path (from my_poke())}} nosum-warning{{from my_poke()}}
}

static void my_abort(struct xcore_dev *xd)
{
	commit(&xd->dev); // expected-warning{{from my_abort()}} nosum-warning{{from my_abort()}}
}

static void my_wake(struct xcore_dev *xd)
{
	commit(&xd->dev); // nosum-warning{{from my_wake()}}
}

static void my_notify(struct xcore_dev *xd)
{
	commit(&xd->dev); // nosum-warning{{from my_notify()}}
}

/*
 * Only xcore_register() calls ->setup back (@api), with the device its
 * caller handed in: my_register() holds no lock of it.
 */
static int my_setup(struct xcore_dev *xd)
{
	commit(&xd->dev); // expected-warning{{from my_setup()}} nosum-warning{{from my_setup()}}
	return 0;
}

/* ->mode is also called from the core's attribute store, unlocked. */
static int my_mode(struct xcore_dev *xd)
{
	commit(&xd->dev); // expected-warning{{from my_mode()}} nosum-warning{{from my_mode()}}
	return 0;
}

static const struct xcore_ops my_ops = {
	.setup = my_setup,
	.mode = my_mode,
	.wake = my_wake,
	.notify = my_notify,
	.reset = my_reset,
	.poke = my_poke,
	.abort = my_abort,
	.scan = my_scan,
};

struct xcore_dev *my_find(void);

void my_kick(void)
{
	struct xcore_dev *xd = my_find();

	if (xcore_trylock(xd)) {
		commit(&xd->dev); // nosum-warning{{from my_kick()}}
		device_unlock(&xd->dev);
	}
	commit(&xd->dev); // expected-warning{{commit() requires device_lock(&xd->dev), which is not held on this path (from my_kick())}} nosum-warning{{from my_kick()}}
}

int my_register(struct xcore_dev *xd)
{
	return xcore_register(xd, &my_ops);
}

/* Locked and unlocked through the other file's functions. */
void my_pause(void)
{
	struct xcore_dev *xd = my_find();

	xcore_lock(xd);
	commit(&xd->dev); // nosum-warning{{from my_pause()}}
	xcore_set_state(xd, 0);
	xcore_unlock(xd);
	commit(&xd->dev); // expected-warning{{commit() requires device_lock(&xd->dev), which is not held on this path (from my_pause())}} nosum-warning{{from my_pause()}}
}

/* Called only under xcore_init_clients()'s contract: its callers decide. */
static int my_client_init(struct xcore_client *cl)
{
	commit(&cl->xd->dev); // nosum-warning{{commit() requires device_lock(&cl->xd->dev), which is not held on this path (from my_client_init())}}
	return 0;
}

const struct xcore_client_ops my_client_ops = { .init = my_client_init };

/* The lock's result handed back by the other file's wrappers. */
int my_interruptible(void)
{
	struct xcore_dev *xd = my_find();

	if (xcore_lock_interruptible(xd))
		return -4;
	commit(&xd->dev); // nosum-warning{{from my_interruptible()}}
	device_unlock(&xd->dev);
	commit(&xd->dev); // expected-warning{{commit() requires device_lock(&xd->dev), which is not held on this path (from my_interruptible())}} nosum-warning{{from my_interruptible()}}
	if (!xcore_trylock_plain(xd))
		return -16;
	commit(&xd->dev); // nosum-warning{{from my_interruptible()}}
	device_unlock(&xd->dev);
	return 0;
}

/* A helper that drops and retakes the lock it requires leaves it held. */
void my_wait(void)
{
	struct xcore_dev *xd = my_find();

	device_lock(&xd->dev);
	xcore_wait_idle(xd);
	commit(&xd->dev);
	device_unlock(&xd->dev);
	xcore_wait_idle(xd); // expected-warning{{xcore_wait_idle() requires device_lock(&xd->dev), which is not held on this path (from my_wait())}}
}

/* The kernel-doc contract: the device lock of its parameter. */
void my_set(void)
{
	struct xcore_dev *xd = my_find();

	xcore_set_state(xd, 1); // expected-warning{{xcore_set_state() requires device_lock(&xd->dev), which is not held on this path (from my_set())}}
	xcore_note(xd, my_find());
	device_lock(&xd->dev);
	xcore_set_state(xd, 2);
	device_unlock(&xd->dev);
}

/* Through the other file's converter: &xcore_pci(dev)->dev is dev.
 * (Struct pci_dev's dev sits 8 bytes in: the summary's offset.)  Without
 * the summary, a device that an unknown function returned for dev, under
 * dev's lock, may be dev: not judged; with no lock held it is. */
static void pci_commit(struct pci_dev *pdev)
{
	device_lock_assert(&pdev->dev);
}

void my_convert(struct device *dev)
{
	device_lock(dev);
	pci_commit(xcore_pci(dev));
	device_unlock(dev);
	pci_commit(xcore_pci(dev)); // expected-warning{{from my_convert()}} nosum-warning{{from my_convert()}}
}
