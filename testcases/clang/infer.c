// Inferred requirements: a function asserting a lock on a parameter
// (device_lock_assert, lockdep_assert_held(&p->mutex),
// iommu_group_mutex_assert) requires it of its callers; asserts are
// assumptions inside the function itself.
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -DCONFIG_DEBUG_LOCK_ALLOC -verify %s
#include <linux/device.h>
#include <linux/of_device.h>
#include <linux/iommu.h>
#include <linux/pci.h>

struct device *find_dev(void);
struct device_node *np;

/* Exported, asserts: the requirement is its callers'. */
void needs_lock(struct device *dev)
{
	device_lock_assert(dev);
	of_dma_configure_id(dev, np, true, NULL); // expected-warning{{of_dma_configure_id() outside bus_type.dma_configure on a foreign-device dev, device_lock held [dma-configure-outside-bus]}}
}

void needs_lock_lockdep(struct device *dev)
{
	lockdep_assert_held(&dev->mutex);
}

void calls_locked(void)
{
	struct device *d = find_dev();

	device_lock(d);
	needs_lock(d);
	needs_lock_lockdep(d);
	device_unlock(d);
}

void calls_unlocked(void)
{
	struct device *d = find_dev();

	needs_lock(d); // expected-warning{{needs_lock() requires device_lock(d), which is not held on this path (from calls_unlocked())}}
}

void calls_unlocked_lockdep(void)
{
	struct device *d = find_dev();

	needs_lock_lockdep(d); // expected-warning{{needs_lock_lockdep() requires device_lock(d)}}
}

/* Inherited through a static helper that neither locks nor asserts. */
static void middle(struct device *dev)
{
	needs_lock(dev); // expected-warning{{needs_lock() requires device_lock(dev), which is not held on this path (from top_unlocked())}}
}

void top_locked(void)
{
	struct device *d = find_dev();

	guard(device)(d);
	middle(d);
}

void top_unlocked(void)
{
	middle(find_dev());
}

/* Group mutex via iommu_group_mutex_assert() and &dev->iommu_group->mutex. */
struct iommu_group {
	struct mutex mutex;
	int id;
};

void needs_group(struct device *dev)
{
	iommu_group_mutex_assert(dev);
}

void needs_group_lockdep(struct iommu_group *group, struct device *dev)
{
	lockdep_assert_held(&group->mutex);
}

void group_locked(struct device *dev)
{
	mutex_lock(&dev->iommu_group->mutex);
	needs_group(dev);
	needs_group_lockdep(dev->iommu_group, dev);
	mutex_unlock(&dev->iommu_group->mutex);
}

void group_unlocked(struct device *dev)
{
	needs_group(dev); // expected-warning{{needs_group() requires the iommu group mutex of 'dev', which is not held on this path (from group_unlocked()) [group-mutex-required]}}
}

void group_lockdep_unlocked(struct iommu_group *group, struct device *dev)
{
	needs_group_lockdep(group, dev); // expected-warning{{needs_group_lockdep() requires the iommu group mutex of 'group'}}
}

/* The group lock is not a device lock and vice versa. */
void group_vs_device(struct device *dev)
{
	mutex_lock(&dev->iommu_group->mutex);
	needs_lock(dev); // expected-warning{{needs_lock() requires device_lock(dev)}}
	mutex_unlock(&dev->iommu_group->mutex);
}

/* An entry point that takes the lock itself on some paths leaves the other
 * paths to its callers (cxl's devm_cxl_add_dport() locks root ports only;
 * other ports are locked by its caller). */
void one_path(struct device *dev, int c)
{
	if (c)
		device_lock(dev);
	needs_lock(dev);
	if (c)
		device_unlock(dev);
}

/* Taking another device's lock says nothing about this one. */
void other_path(struct device *dev, int c)
{
	if (c)
		device_lock(dev->parent);
	needs_lock(dev); // expected-warning{{needs_lock() requires device_lock(dev), which is not held on this path (from other_path())}}
	if (c)
		device_unlock(dev->parent);
}

/* device_lock_assert(&p->dev): the device embedded in a parameter. */
struct port {
	int id;
	struct device dev;
};
struct port *find_port(void);

void port_op(struct port *port)
{
	device_lock_assert(&port->dev);
}

void port_callers(void)
{
	struct port *p = find_port(), *q = find_port();

	device_lock(&p->dev);
	port_op(p);
	port_op(q); // expected-warning{{port_op() requires device_lock(&q->dev), which is not held on this path (from port_callers())}}
	device_unlock(&p->dev);
}

/* drivers/cxl/core/port.c shape: to_port() WARNs and returns NULL when the
 * device is not a port; an unknown call on that path makes the second
 * to_port() look different.  guard(device)(NULL) would oops, so that path
 * is not explored: no finding in add(). */
void warn_dev(const struct device *dev);
extern int port_type;
static struct port *to_port(const struct device *dev)
{
	if (dev->platform_data != &port_type) {
		warn_dev(dev);
		return NULL;
	}
	return container_of(dev, struct port, dev);
}

static int add_locked(struct device *parent)
{
	struct port *port = to_port(parent);

	if (!port)
		return -22;
	port_op(port); // expected-warning{{port_op() requires device_lock(&port->dev), which is not held on this path (from add_unlocked())}}
	return 0;
}

int add(struct device *parent)
{
	struct port *port = to_port(parent);

	guard(device)(&port->dev);
	return add_locked(parent);
}

int add_unlocked(struct device *parent)
{
	return add_locked(parent);
}

/* The same through helpers given the parameter (cond_cxl_root_lock()). */
static void cond_lock(struct port *port, int c)
{
	if (c)
		device_lock(&port->dev);
}

static void cond_unlock(struct port *port, int c)
{
	if (c)
		device_unlock(&port->dev);
}

void cond_port_op(struct port *port, int c)
{
	cond_lock(port, c);
	port_op(port);
	cond_unlock(port, c);
}

void cond_other_port_op(struct port *port, struct port *other, int c)
{
	cond_lock(other, c);
	port_op(port); // expected-warning{{port_op() requires device_lock(&port->dev), which is not held on this path (from cond_other_port_op())}}
	cond_unlock(other, c);
}

/*
 * The functions above that find a lock missing are callbacks: entered with
 * nothing held.  (A non-static function only called directly would leave
 * the lock of its parameter to its callers instead.)
 */
void *const callbacks[] = {
	group_vs_device, other_path, add_unlocked, cond_other_port_op,
	one_path, cond_port_op,
};

/* A 'lock' flag (xen-pciback's __xen_pcibk_release_pci_dev()): the
 * function locks the device itself on one path; on the path that never
 * touched the lock, its caller (a .remove under the driver core's lock)
 * holds it.  Twin: the same function unlocking before the call. */
struct dev_entry {
	struct device *dev;
};
struct dev_entry *find_entry(struct device *dev);

static void release_dev(struct device *dev, int lock)
{
	struct dev_entry *e = find_entry(dev);
	struct device *found = e ? e->dev : 0;

	if (!found)
		return;
	if (lock)
		device_lock(found);
	needs_lock(found);
	if (lock)
		device_unlock(found);
}

static void release_dev_early_unlock(struct device *dev)
{
	struct dev_entry *e = find_entry(dev);
	struct device *found = e ? e->dev : 0;

	if (!found)
		return;
	device_lock(found);
	device_unlock(found);
	needs_lock(found); // expected-warning{{needs_lock() requires device_lock(found), which is not held on this path (from release_dev_early_unlock())}}
}

void *const release_ops[] = { release_dev, release_dev_early_unlock };

/* Two locks one call needs, neither held: two findings, and the path goes
 * on to the next call. */
void needs_two(struct device *a, struct device *b)
{
	device_lock_assert(a);
	device_lock_assert(b);
}

static void both_unlocked(void)
{
	struct device *a = find_dev(), *b = find_dev();

	needs_two(a, b); // expected-warning{{needs_two() requires device_lock(a)}} expected-warning{{needs_two() requires device_lock(b)}}
	needs_lock(a); // expected-warning{{needs_lock() requires device_lock(a), which is not held on this path (from both_unlocked())}}
}

void *const two_ops[] = { both_unlocked };

/* container_of() and back: &to_pci_dev(dev)->dev is dev, whatever the
 * member's offset (struct pci_dev's dev is not its first member; struct
 * first_dev's is).  Twin: another device's lock. */
struct first_dev {
	struct device dev;
	int id;
};
void pci_needs_lock(struct pci_dev *pdev);
void first_needs_lock(struct first_dev *fd);
void pci_needs_lock(struct pci_dev *pdev)
{
	device_lock_assert(&pdev->dev);
}
void first_needs_lock(struct first_dev *fd)
{
	device_lock_assert(&fd->dev);
}
static int alias_store(struct device *dev, struct device *other)
{
	device_lock(dev);
	pci_needs_lock(to_pci_dev(dev));
	first_needs_lock(container_of(dev, struct first_dev, dev));
	device_unlock(dev);
	device_lock(other);
	pci_needs_lock(to_pci_dev(dev)); // expected-warning{{pci_needs_lock() requires device_lock(&to_pci_dev(dev)->dev), which is not held on this path (from alias_store())}}
	first_needs_lock(container_of(dev, struct first_dev, dev)); // expected-warning{{first_needs_lock() requires device_lock}}
	device_unlock(other);
	return 0;
}

/* A device looked up here, locked in another branch: the lock there is
 * another device's (the same name, reassigned), not a flag's contract. */
struct device *lookup_dev(int which);
static int lookup_twice(struct device *parent)
{
	struct device *d = lookup_dev(0);

	if (d)
		needs_lock(d); // expected-warning{{needs_lock() requires device_lock(d), which is not held on this path (from lookup_twice())}}
	d = lookup_dev(1);
	if (d) {
		device_lock(d);
		needs_lock(d);
		device_unlock(d);
	}
	return 0;
}

/* The same from a member: container_of(&fd->dev, ...) is fd, the member
 * at offset 0 or not.  Twin: another device's lock. */
static int alias_member(struct first_dev *fd, struct pci_dev *pdev,
			struct device *other)
{
	device_lock(&fd->dev);
	first_needs_lock(container_of(&fd->dev, struct first_dev, dev));
	device_unlock(&fd->dev);
	device_lock(&pdev->dev);
	pci_needs_lock(to_pci_dev(&pdev->dev));
	device_unlock(&pdev->dev);
	device_lock(other);
	first_needs_lock(container_of(&fd->dev, struct first_dev, dev)); // expected-warning{{first_needs_lock() requires device_lock}}
	pci_needs_lock(to_pci_dev(&pdev->dev)); // expected-warning{{pci_needs_lock() requires device_lock}}
	device_unlock(other);
	return 0;
}

void *const more_callbacks[] = { alias_store, lookup_twice, alias_member };
