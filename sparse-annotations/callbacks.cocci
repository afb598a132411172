// Facts about the device_lock context outside drivers/iommu, for plan.py.
// Prints one tab-separated line per fact, "KIND<TAB>file<TAB>...":
//   slot    S fld F          a struct S initialiser (or an array of them)
//                            stores F in .fld; plan.py keeps the slots the
//                            driver core calls holding the device's lock
//                            (ENTRY in scripts/lockrules.def)
//   def     F l c le ce PARAMS
//                            a function definition, its name's position
//                            and its parameters
//   static  l c              the definition there is static
//   call    caller F l c le ce qle qce ARGS
//                            a call by name: the callee name's position and
//                            the end of the call
//   assign  fn v E           v = E, or a declaration of v initialised to E
// PARAMS and ARGS are separated by \x1f (an argument may contain commas).
// Expressions are spatch's token text ("& pdev -> dev"); plan.py drops
// the blanks.
@slot@
identifier S, I, fld, F;
position p;
@@
(
struct S I@p = { ..., .fld = F, ... };
|
struct S I@p[] = { ..., { ..., .fld = F, ... }, ... };
)

@script:python@
S << slot.S;
fld << slot.fld;
F << slot.F;
p << slot.p;
@@
print("\t".join(["slot", p[0].file, S, fld, F]))

@sdef@
type T;
identifier F;
position p;
@@
static T F@p(...) { ... }

@def@
type T;
identifier F;
parameter list ps;
position p;
@@
T F@p(ps) { ... }

@script:python@
p << sdef.p;
@@
print("\t".join(["static", p[0].file, p[0].line, p[0].column]))

@script:python@
F << def.F;
ps << def.ps;
p << def.p;
@@
print("\t".join(["def", p[0].file, F, p[0].line, p[0].column, p[0].line_end,
                 p[0].column_end, "\x1f".join(str(x) for x in ps.elements)]))

@call@
identifier F;
expression list es;
position p, q;
@@
F@p(es)@q

@script:python@
F << call.F;
es << call.es;
p << call.p;
q << call.q;
@@
print("\t".join(["call", p[0].file, p[0].current_element, F, p[0].line, p[0].column,
                 p[0].line_end, p[0].column_end, q[0].line_end, q[0].column_end,
                 "\x1f".join(str(x) for x in es.elements)]))

@assign@
type T;
identifier v;
expression E;
position p;
@@
(
T v@p = E;
|
v@p = E
)

@script:python@
v << assign.v;
E << assign.E;
p << assign.p;
@@
print("\t".join(["assign", p[0].file, p[0].current_element, v, str(E)]))
