// Sites outside drivers/iommu for the device_lock context.  Prints
// "file line col line_end col_end KIND name" per site:
//   must_hold_dev  definition of a callback the driver core enters holding
//                  the device's lock (ENTRY in scripts/lockrules.def):
//                  .dma_configure of a bus_type, .probe/.remove of a driver
//   paren_def      definition of of/acpi_dma_configure_id(), whose name is
//                  parenthesised so the header's checking macro of the same
//                  name does not expand there
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
