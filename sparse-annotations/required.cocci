// Functions of drivers/iommu/iommu.c that require the group mutex: those
// asserting it, and (apply iterates to a fixpoint, REQUIRED = the set so
// far) static functions that call a required function without taking a
// group mutex themselves -- file-local helpers whose callers hold it.
// Exported/non-static functions are the boundary and are checked instead.
// Prints one name per line.
@a@
identifier F;
struct iommu_group *G;
expression D;
@@
F(...) {
... when any
(
lockdep_assert_held(&G->mutex);
|
iommu_group_mutex_assert(D);
)
... when any
}

@script:python@
F << a.F;
@@
print(F)

@s@
identifier R =~ "REQUIRED";
identifier F;
type T;
@@
static T F(...) { <+... R(...) ...+> }

@locks@
identifier s.F;
struct iommu_group *G;
@@
F(...) { <+... mutex_lock(&G->mutex) ...+> }

@script:python depends on s && !locks@
F << s.F;
@@
print(F)
