// Matches the configure calls and nothing else: no parsing hints.
@r@
position p;
@@
\(of_dma_configure@p\|of_dma_configure_id@p\|acpi_dma_configure@p\|acpi_dma_configure_id@p\)(...)

@script:python@
p << r.p;
@@
print("%s:%s: call in %s" % (p[0].file, p[0].line, p[0].current_element))
