// drivers/iommu/iommu.c sites for the group-mutex context.  Prints
// "file line col line_end col_end KIND name" per site:
//   must_hold  a function asserting the group mutex (or
//              iommu_probe_device_lock): entered holding it
//   require    a call to such a function or to a REQUIRES(...,
//              DEV_GROUP_MUTEX) function of scripts/lockrules.def
//   acquire / release  mutex_lock()/mutex_unlock() of those mutexes
@a@
symbol iommu_probe_device_lock;
identifier F;
struct iommu_group *G;
expression D;
position p;
@@
F@p(...) {
... when any
(
lockdep_assert_held(&G->mutex);
|
lockdep_assert_held(&iommu_probe_device_lock);
|
iommu_group_mutex_assert(D);
)
... when any
}

@script:python@
p << a.p;
F << a.F;
@@
print("%s %s %s %s %s must_hold %s" % (p[0].file, p[0].line, p[0].column, p[0].line_end, p[0].column_end, F))

@c@
identifier a.F;
position p1, p2;
@@
F@p1(...)@p2

@script:python@
p1 << c.p1;
p2 << c.p2;
F << a.F;
@@
print("%s %s %s %s %s require %s" % (p1[0].file, p1[0].line, p1[0].column, p2[0].line_end, p2[0].column_end, F))

@q@
identifier F =~ "^(__iommu_attach_device)$";
position p1, p2;
@@
F@p1(...)@p2

@script:python@
p1 << q.p1;
p2 << q.p2;
F << q.F;
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
