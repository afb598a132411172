// drivers/iommu/iommu.c sites for the group-mutex context.  apply replaces
// REQUIRED by the regex of group-mutex-requiring functions: those asserting
// it (found by propagate.cocci / assert.cocci) and REQUIRES(...,
// DEV_GROUP_MUTEX) of scripts/lockrules.def.  Prints
// "file line col line_end col_end KIND name" per site:
//   must_hold  definition of a required function, or of one asserting
//              iommu_probe_device_lock: entered holding the context
//   require    a call to a required function
//   acquire / release  mutex_lock()/mutex_unlock() of a group mutex or of
//              iommu_probe_device_lock
@m@
identifier F =~ "REQUIRED";
position p;
@@
F@p(...) { ... }

@script:python@
p << m.p;
F << m.F;
@@
print("%s %s %s %s %s must_hold %s" % (p[0].file, p[0].line, p[0].column, p[0].line_end, p[0].column_end, F))

@pl@
symbol iommu_probe_device_lock;
identifier F;
position p;
@@
F@p(...) {
... when any
lockdep_assert_held(&iommu_probe_device_lock);
... when any
}

@script:python@
p << pl.p;
F << pl.F;
@@
print("%s %s %s %s %s must_hold %s" % (p[0].file, p[0].line, p[0].column, p[0].line_end, p[0].column_end, F))

@c@
identifier F =~ "REQUIRED";
position p1, p2;
@@
F@p1(...)@p2

@script:python@
p1 << c.p1;
p2 << c.p2;
F << c.F;
@@
print("%s %s %s %s %s require %s" % (p1[0].file, p1[0].line, p1[0].column, p2[0].line_end, p2[0].column_end, F))

@l@
symbol iommu_probe_device_lock;
struct iommu_group *G;
identifier fn =~ "^(mutex_lock|mutex_unlock)$";
position p1, p2;
@@
(
fn@p1(&G->mutex)@p2
|
fn@p1(&iommu_probe_device_lock)@p2
)

@script:python@
p1 << l.p1;
p2 << l.p2;
fn << l.fn;
@@
kind = "acquire" if fn == "mutex_lock" else "release"
print("%s %s %s %s %s %s %s" % (p1[0].file, p1[0].line, p1[0].column, p2[0].line_end, p2[0].column_end, kind, fn))
