// device_lock() counts only in files that call of/acpi_dma_configure*():
// a lock wrapper elsewhere (the shape of pci_dev_lock()) is left alone, so
// annotating a tree adds no Sparse noise to files it checks nothing in.
// RUN: %S/Inputs/mktree %t %s %S/devlock.c
// RUN: %sparse_annotations/apply %t
// RUN: cmp %s %t/drivers/test/wrapper.c
// RUN: sparse -Wno-decl -I%t/include %t/drivers/test/wrapper.c 2>&1 | count 0
// The same wrapper in a file with a dma_configure call is counted (the
// documented cost: Sparse wants such wrappers annotated).
// RUN: cat %s >> %t/drivers/test/devlock.c
// RUN: rm -rf %t2 && %S/Inputs/mktree %t2 %t/drivers/test/devlock.c
// RUN: %sparse_annotations/apply %t2
// RUN: sparse -Wno-decl -I%t2/include %t2/drivers/test/devlock.c 2>&1 | FileCheck %s
// CHECK: warning: context imbalance in 'my_dev_lock' - wrong count at exit
// CHECK: warning: context imbalance in 'my_dev_unlock' - unexpected unlock
#include <linux/device.h>

void my_dev_lock(struct device *dev);
void my_dev_lock(struct device *dev)
{
	device_lock(dev);
}

void my_dev_unlock(struct device *dev);
void my_dev_unlock(struct device *dev)
{
	device_unlock(dev);
}
