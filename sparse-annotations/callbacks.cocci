// Sites outside drivers/iommu for the device_lock context.  Prints
// "file line col line_end col_end KIND name" per site:
//   must_hold_dev  definition of a callback the driver core enters holding
//                  the device's lock (ENTRY in scripts/lockrules.def):
//                  .dma_configure of a bus_type, .probe/.remove of a driver
//   paren_def      definition of of/acpi_dma_configure_id(), whose name is
//                  parenthesised so the header's checking macro of the same
//                  name does not expand there
//   dev_acquire, dev_release, dev_try, dev_intr
//                  device_lock(), device_unlock(), device_trylock(),
//                  device_lock_interruptible() calls (ACQUIRE/RELEASE);
//                  apply keeps them only in files with a "calls" line
//   calls          a call to one of the DMA_CONFIGURE functions
@r@
identifier S =~ "^(bus_type|device_driver|platform_driver|pci_driver|i2c_driver|amba_driver|spi_driver)$";
identifier fld =~ "^(dma_configure|probe|remove|remove_new)$";
identifier I, F;
@@
struct S I = { ..., .fld = F, ... };

@d@
identifier r.F;
position p;
@@
F@p(...) { ... }

@script:python@
p << d.p;
F << r.F;
@@
print("%s %s %s %s %s must_hold_dev %s" % (p[0].file, p[0].line, p[0].column, p[0].line_end, p[0].column_end, F))

@def@
identifier F =~ "^(of_dma_configure_id|acpi_dma_configure_id)$";
position p;
@@
F@p(...) { ... }

@script:python@
p << def.p;
F << def.F;
@@
print("%s %s %s %s %s paren_def %s" % (p[0].file, p[0].line, p[0].column, p[0].line_end, p[0].column_end, F))

@dl@
identifier fn =~ "^(device_lock|device_unlock|device_trylock|device_lock_interruptible)$";
expression E;
position p1, p2;
@@
fn@p1(E)@p2

@script:python@
p1 << dl.p1;
p2 << dl.p2;
fn << dl.fn;
@@
kind = {"device_lock": "dev_acquire", "device_unlock": "dev_release",
        "device_trylock": "dev_try", "device_lock_interruptible": "dev_intr"}[fn]
print("%s %s %s %s %s %s %s" % (p1[0].file, p1[0].line, p1[0].column, p2[0].line_end, p2[0].column_end, kind, fn))

@call@
identifier fn =~ "^(of_dma_configure|of_dma_configure_id|acpi_dma_configure|acpi_dma_configure_id)$";
position p;
@@
fn@p(...)

@script:python@
p << call.p;
fn << call.fn;
@@
print("%s %s %s %s %s calls %s" % (p[0].file, p[0].line, p[0].column, p[0].line_end, p[0].column_end, fn))
