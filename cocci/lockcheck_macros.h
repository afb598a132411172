/*
 * Parsing hints for spatch 1.1.1 (iommu-lockcheck).
 *
 * spatch < 1.3.1 does not know the 6.12 scope-based lock macros and gives
 * up on every function that contains "scoped_guard(...) { ... }", so
 * nothing in such a function matches.  Declaring them as loop-like macros
 * makes spatch parse them as iterators ("iterator name scoped_guard;" in
 * SmPL).  of_dma_configure.cocci adds this file with --macro-file itself;
 * see the comment at its initialize rule.
 */
#define scoped_guard(_name, args...) for (;;)
#define scoped_cond_guard(_name, _fail, args...) for (;;)
