// The struct device a bus's device embeds is found by its type, not by the
// name "dev": struct hv_device embeds it as "device", struct ata_port as
// "tdev".  Probe of such a driver holds that device's lock (no finding);
// its other callbacks hold nothing (a finding); a kernel-doc contract on
// such a parameter puts the lock on the callers.  Of two embedded devices,
// the object's own is the one named "dev".
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=core,kernel.iommu \
// RUN:   -analyzer-disable-checker=kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
#include <linux/device.h>
#include <linux/of_device.h>

struct device_node *np;

struct hvx_device {
	int channel;
	struct device device;
};

struct hvx_driver {
	const char *name;
	int (*probe)(struct hvx_device *hdev, const void *id);
	void (*remove)(struct hvx_device *hdev);
	struct device_driver driver;
};

struct hvx_ops {
	void (*rescind)(struct hvx_device *hdev);
};

/**
 * hvx_reconfigure - point the channel's DMA at its node again
 * @hdev: the device
 *
 * Context: Caller holds the device lock.
 */
int hvx_reconfigure(struct hvx_device *hdev)
{
	return of_dma_configure(&hdev->device, np, true);
}

static int hvx_probe(struct hvx_device *hdev, const void *id)
{
	hvx_reconfigure(hdev);
	return of_dma_configure(&hdev->device, np, true);
}

static void hvx_remove(struct hvx_device *hdev)
{
	device_lock_assert(&hdev->device);
}

static struct hvx_driver hvx_drv = {
	.probe = hvx_probe,
	.remove = hvx_remove,
};

static void hvx_rescind(struct hvx_device *hdev)
{
	hvx_reconfigure(hdev); // expected-warning{{hvx_reconfigure() requires device_lock(&hdev->device), which is not held on this path (from hvx_rescind())}}
}

static void hvx_rescind_locked_twin(struct hvx_device *hdev)
{
	device_lock(&hdev->device);
	hvx_reconfigure(hdev);
	device_unlock(&hdev->device);
}

const struct hvx_ops hvx_ops = {
	.rescind = hvx_rescind,
};

const struct hvx_ops hvx_ops_locked = {
	.rescind = hvx_rescind_locked_twin,
};

/* Two embedded devices (struct rc_dev's dev and lirc_dev): the object's
 * own is "dev", by the kernel's convention; the other is not locked. */
struct twin_device {
	struct device dev;
	struct device cdev;
};

struct twin_driver {
	int (*probe)(struct twin_device *t);
	struct device_driver driver;
};

static int twin_probe(struct twin_device *t)
{
	of_dma_configure(&t->cdev, np, true); // expected-warning{{of_dma_configure() requires device_lock(&t->cdev), which is not held on this path (from twin_probe())}}
	return of_dma_configure(&t->dev, np, true);
}

static struct twin_driver twin_drv = {
	.probe = twin_probe,
};
