// A device created in one file and handed through an ops table to a
// callback in another: pass 1 of the creator writes "@created
// struct.field ARG", and the callback's parameter is a created-device
// (the pattern iort.c has within one file).  The slot called with someone
// else's device stays foreign; without the summary both are.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -analyzer-config kernel.iommu.LockModel:Pass1=true \
// RUN:   -I %kinc %S/Inputs/createdslot-maker.c
// RUN: grep -h '^@created' %t/*.sum | FileCheck --check-prefix=SUM --match-full-lines %s
// SUM: @created vchan_ops.setup_dma 0
// SUM-NOT: @created
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -I %S/Inputs -verify %s
// RUN: %clang -cc1 -analyze -load %plugin -analyzer-checker=kernel.iommu \
// RUN:   -I %kinc -I %S/Inputs -verify=nosum %s
#include <linux/cleanup.h>
#include <linux/of_device.h>
#include "createdslot.h"

static int sub_setup_dma(struct vdev *vdev, struct device_node *np)
{
	guard(device)(&vdev->dev);
	return of_dma_configure(&vdev->dev, np, true); // expected-warning{{of_dma_configure() outside bus_type.dma_configure on a created-device &vdev->dev, device_lock held [dma-configure-outside-bus]}} nosum-warning{{on a foreign-device &vdev->dev, device_lock held}}
}

static int sub_setup_peer(struct vdev *vdev, struct device_node *np)
{
	guard(device)(&vdev->dev);
	return of_dma_configure(&vdev->dev, np, true); // expected-warning{{on a foreign-device &vdev->dev, device_lock held}} nosum-warning{{on a foreign-device &vdev->dev, device_lock held}}
}

const struct vchan_ops sub_ops = {
	.setup_dma = sub_setup_dma,
	.setup_peer = sub_setup_peer,
};
