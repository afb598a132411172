// SPDX-License-Identifier: GPL-2.0
/*
 * cxlx: the memdev and the helpers with a lock contract, called locked and
 * unlocked from cxlx_pci.c and cxlx_fw.c.
 */
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/kstrtox.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "cxlx.h"

static DEFINE_IDA(cxlx_memdev_ida);

/*
 * Marks the memdev as an enumerated endpoint.  The caller holds the
 * memdev's device lock, as drivers/cxl/core/port.c:add_dport() asserts
 * device_lock_assert(&port->dev).
 */
void cxlx_memdev_set_endpoint(struct cxlx_memdev *md, bool on)
{
	device_lock_assert(&md->dev);
	md->endpoint = on;
}

/*
 * Checks the mailbox registers of the PCI function.  The caller holds the
 * PCI device's lock, as drivers/cxl/core/region.c:cxlr_pmem_unregister()
 * asserts device_lock_assert(&cxl_nvb->dev).
 */
int cxlx_pci_check(struct pci_dev *pdev)
{
	u16 cmd;

	device_lock_assert(&pdev->dev);
	pci_read_config_word(pdev, PCI_COMMAND, &cmd);
	return (cmd & PCI_COMMAND_MEMORY) ? 0 : -EIO;
}

/**
 * cxlx_fw_activate - make a staged firmware slot the active one
 * @md: the memory device
 * @slot: the slot to activate
 *
 * Context: Process context. Takes no lock; caller holds the device lock of @md.
 *
 * Return: 0 or a negative errno.
 */
int cxlx_fw_activate(struct cxlx_memdev *md, u32 slot)
{
	if (!slot || slot > 4)
		return -EINVAL;
	md->fw_slot = slot;
	return 0;
}

/*
 * memdev attributes (device_type groups): kernfs -> dev_attr_store(), no
 * device lock, as drivers/cxl/core/memdev.c:security_sanitize_store().
 * This one keeps the memdev lock on its -ENXIO return while the others
 * drop it (Smatch's inconsistent returns).
 */
static ssize_t activate_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct cxlx_memdev *md = to_cxlx_memdev(dev);
	u32 slot;
	int ret;

	ret = kstrtou32(buf, 0, &slot);
	if (ret)
		return ret;

	device_lock(dev);
	if (!md->endpoint)
		return -ENXIO; /* EXPECT: lock-imbalance */
	ret = cxlx_fw_activate(md, slot); /* EXPECT-NONE: device-lock-required */
	device_unlock(dev);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(activate);

/* the twin: scoped_guard() as drivers/cxl/core/port.c:delete_endpoint() */
static ssize_t slot_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct cxlx_memdev *md = to_cxlx_memdev(dev);
	u32 slot;
	int ret;

	ret = kstrtou32(buf, 0, &slot);
	if (ret)
		return ret;

	scoped_guard(device, dev) {
		if (!md->endpoint)
			return -ENXIO; /* EXPECT-NONE: lock-imbalance */
		md->cxlds->staged_slot = slot;
	}
	return count;
}
static DEVICE_ATTR_WO(slot);

static struct attribute *cxlx_memdev_attrs[] = {
	&dev_attr_activate.attr,
	&dev_attr_slot.attr,
	NULL
};
ATTRIBUTE_GROUPS(cxlx_memdev);

static void cxlx_memdev_release(struct device *dev)
{
	struct cxlx_memdev *md = to_cxlx_memdev(dev);

	ida_free(&cxlx_memdev_ida, md->id);
	kfree(md);
}

static const struct device_type cxlx_memdev_type = {
	.name		= "cxlx_memdev",
	.release	= cxlx_memdev_release,
	.groups		= cxlx_memdev_groups,
};

/* as drivers/cxl/core/memdev.c:cxl_memdev_alloc() + devm_cxl_add_memdev() */
struct cxlx_memdev *cxlx_memdev_add(struct cxlx_state *cxlds)
{
	struct cxlx_memdev *md;
	int ret;

	md = kzalloc(sizeof(*md), GFP_KERNEL);
	if (!md)
		return ERR_PTR(-ENOMEM);
	ret = ida_alloc(&cxlx_memdev_ida, GFP_KERNEL);
	if (ret < 0) {
		kfree(md);
		return ERR_PTR(ret);
	}
	md->id = ret;
	md->cxlds = cxlds;

	device_initialize(&md->dev);
	md->dev.parent = &cxlds->pdev->dev;
	md->dev.type = &cxlx_memdev_type;
	ret = dev_set_name(&md->dev, "cxlxmem%d", md->id);
	if (!ret)
		ret = device_add(&md->dev);
	if (ret) {
		put_device(&md->dev);
		return ERR_PTR(ret);
	}
	return md;
}

void cxlx_memdev_del(struct cxlx_memdev *md)
{
	device_unregister(&md->dev);
}
