// The one-rule baseline of the timing comparison: match the four calls.
@r@
position p;
@@
\(of_dma_configure@p\|of_dma_configure_id@p\|acpi_dma_configure@p\|acpi_dma_configure_id@p\)(...)

@script:python@
p << r.p;
@@
print("%s:%s" % (p[0].file, p[0].line))
