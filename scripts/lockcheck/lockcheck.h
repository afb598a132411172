/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iommu-lockcheck front end: shared declarations.  The front end drives the
 * three engines (Coccinelle, the Clang plugin via scripts/clang-lockcheck,
 * Sparse with sparse-annotations/) over a kernel tree and merges what they
 * report into one sorted, de-duplicated list of findings.
 */
#ifndef LOCKCHECK_H
#define LOCKCHECK_H

#include <stddef.h>
#include <sys/types.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

#ifndef LOCKCHECK_TOP
#define LOCKCHECK_TOP "."
#endif

enum engine {
	ENGINE_COCCI = 1 << 0,
	ENGINE_CLANG = 1 << 1,
	ENGINE_SPARSE = 1 << 2,
};
#define ENGINE_ALL (ENGINE_COCCI | ENGINE_CLANG | ENGINE_SPARSE)

const char *engine_name(unsigned engine);

/* One finding: one (path, line, rule); engines says who saw it. */
struct finding {
	char *path;		/* relative to the tree, or absolute (M= dir) */
	int line, col;		/* 1-based */
	char *rule;
	char *message;
	unsigned engines;
	json_t *code_flows;	/* SARIF codeFlows array from clang, or NULL */
	/* set after results_finish() by merge.c and baseline.c: */
	int unconfirmed;	/* a lock rule the authority (clang) did not confirm */
	char *function;		/* enclosing function in the source, or NULL */
	char *fingerprint;	/* "iommuLockcheck/v1": survives line shifts */
	char *suppressed;	/* the suppression's reason, or NULL */
	enum { BASE_NONE, BASE_NEW, BASE_UNCHANGED } state;	/* --baseline */
};

/* A file (or the whole run) an engine could not analyse. */
struct tool_error {
	char *path;		/* NULL: not tied to one file */
	unsigned engine;	/* 0: the front end itself */
	char *message;
};

/* A list of strings (functions below: "String lists"). */
struct strv {
	char **v;
	size_t n, a;
};

struct results {
	struct finding *f;
	size_t nf, af;
	struct tool_error *e;
	size_t ne, ae;
	size_t analysed;	/* (engine, file) pairs that completed */
	/* the files (or module dirs) each engine completed, [3] by engine
	 * bit (cocci, clang, sparse), or NULL: results_analysed() */
	struct strv *analysed_files;
	/* "path:line" of the of/acpi_dma_configure*() calls Clang reached
	 * inside a bus_type.dma_configure callback (summaries' @inbus) */
	struct strv in_bus_callback;
	json_t *absent;		/* --baseline: SARIF results that vanished */
};

void results_add(struct results *r, const char *path, int line, int col,
		 const char *rule, const char *message, unsigned engine);
void results_error(struct results *r, const char *path, unsigned engine,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void results_finish(struct results *r);	/* sort + dedup */
struct finding *results_find(struct results *r, const char *path, int line,
			     const char *rule);
void finding_free(struct finding *f);	/* its fields, not f */
void results_free(struct results *r);

/* report.c: output formats. */
enum format { FMT_TEXT, FMT_JSON, FMT_SARIF };
struct report_opts {
	enum format fmt;
	const char *kdir;
	int unconfirmed;	/* --unconfirmed: print them in text too */
	int baseline;		/* --baseline given: findings carry a state */
};
int report_write(struct results *r, const struct report_opts *o, FILE *out);
int rule_known(const char *id);
json_t *sarif_artifact(const char *path);
json_t *engines_json(unsigned engines);
/* Printed in text (and listed in JSON, unconfirmed ones marked): not
 * suppressed, not in the baseline, and confirmed unless UNCONFIRMED. */
int finding_listed(const struct finding *f, int unconfirmed);
/* Findings that make the exit status 1: listed, as warnings. */
size_t results_reported(const struct results *r);

/* merge.c: one verdict per site, by engine authority (issue 10). */
#define SARIF_FINGERPRINT "iommuLockcheck/v1"
/* ENGINE completed PATH (a source file, or an out-of-tree module dir and
 * so all of its files); counts it in r->analysed. */
void results_analysed(struct results *r, unsigned engine, const char *path);
int results_analysed_by(const struct results *r, unsigned engine, const char *path);
/* Mark the lock-rule findings that clang, having analysed their file, does
 * not confirm. */
void results_merge(struct results *r);

/* baseline.c: fingerprints, --baseline, --suppress (issue 13). */
char *function_in(const char *text, int line);	/* enclosing function */
char *source_function(const char *kdir, const char *path, int line);
void results_fingerprint(struct results *r, const char *kdir);
struct baseline;
struct baseline *baseline_load(const char *path);	/* NULL: said why */
void baseline_apply(struct baseline *b, struct results *r, size_t counts[3]);
void baseline_free(struct baseline *b);
struct suppressions;
struct suppressions *suppress_load(const char *path);	/* NULL: said why */
/* Mark the suppressed findings; count them and name stale lines (within
 * the checked PATHS) on stderr. */
void suppress_apply(struct suppressions *s, struct results *r,
		    const struct strv *paths, const struct strv *modules);
void suppress_free(struct suppressions *s);

/* util.c */
extern int verbose_progress;	/* stderr is a tty and not -q */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *read_file(const char *path, size_t *len);
int write_file_atomic(const char *path, const char *data, size_t len);
int is_dir(const char *path);
int is_file(const char *path);
int mkdir_p(const char *dir);	/* and its parents; 0: it is a directory */
char *path_join(const char *a, const char *b);
uint64_t fnv1a(uint64_t h, const void *data, size_t len);
char *make_tempdir(const char *what);
int remove_tree(const char *path);
void progress(const char *what, size_t done, size_t total);
void progress_done(void);

/* A child process: argv, working directory, captured output, time limit. */
struct proc {
	char *const *argv;
	const char *cwd;
	int timeout;		/* seconds, 0 = none */
	/* results */
	char *out, *err;	/* captured stdout / stderr (NUL-terminated) */
	int status;		/* exit status, or 128+signal */
	int timed_out;
	int spawn_failed;	/* exec failed (errno in status) */
	/* private */
	int pid;
	char *out_path, *err_path;
	double deadline;
	void *data;		/* caller's */
};
/* Run procs[0..n) with at most jobs at a time; done(p) after each. */
void run_procs(struct proc *procs, size_t n, int jobs,
	       void (*done)(struct proc *p, void *ctx), void *ctx);
int run_proc(struct proc *p);	/* one, synchronously */
int nproc(void);		/* online CPUs, at least 1 */
int tree_lock(const char *tree);	/* fd to close, or -1 */
/* cp -al that survives a build deleting its temporaries in the source */
#define COPY_TREE LOCKCHECK_TOP "/scripts/copy-tree"
void proc_free(struct proc *p);

/* String lists. */
void strv_push(struct strv *s, char *str);	/* takes ownership */
void strv_free(struct strv *s);
int strv_contains(const struct strv *s, const char *str);
ssize_t strv_index(const struct strv *s, const char *str);	/* -1: not there */
void strv_sort_uniq(struct strv *s);

/* tree.c: kernel trees and kbuild. */
int tree_is_kernel(const char *dir);
int tree_is_configured(const char *dir);
int tree_is_module_dir(const char *dir);
char *tree_relpath(const char *kdir, const char *path);	/* NULL: outside */
int kbuild_builds(const char *kdir, const char *rel_c);
/* The make variables that build KDIR as it is configured (ARCH=arm64
 * LLVM=-16, ARCH=x86_64 CC=clang-16, ...), read from its configuration and
 * appended to argv.  NULL, or why not: then kbuild would reconfigure the
 * tree (rewrite its .config) with them, and nothing may run make in it. */
const char *kbuild_args(const char *kdir, struct strv *argv);
const char *kbuild_args_text(const char *kdir);	/* the same, one string */
/* .c files under paths (files or dirs, relative to kdir or absolute) that
 * mention one of the names (regex) — or every .c when regex is NULL. */
void find_sources(const char *kdir, const struct strv *paths,
		  const char *regex, struct strv *out);
char *names_regex(unsigned kinds);
#define NAMES_DMA_CONFIGURE	1
#define NAMES_REQUIRES		2
#define NAMES_ASSERT_DEV	4	/* asserts of device/group locks */

/* engines.c: what the engines share */
struct check_opts {
	const char *kdir;
	unsigned engines;
	int jobs;
	int all_files;
	int timeout;		/* per-file spatch timeout, seconds */
	struct strv paths;	/* in-tree paths, relative to kdir */
	struct strv modules;	/* absolute out-of-tree module dirs */
};
char *top_path(const char *rel);	/* file in the project tree */
const char *cocci_dir(void);
const char *tool(const char *env, const char *def);
const char *llvm_version(void);
void require_kernel_tree(const char *kdir, const char *cmd);
/* Why the source REL is not analysable C, or NULL */
const char *source_problem(const char *kdir, const char *rel);
/* The sources an engine looks at (the explicit files, also in EXPLICIT) */
void sources(const struct check_opts *o, unsigned kinds, struct strv *out,
	     struct strv *explicit);
char *norm_path(const char *kdir, const char *path);
/* kbuild.c: one make C=2 run of an engine */
struct kbuild_run {
	const struct check_opts *o;
	const char *kdir;		/* tree to build in (a copy for sparse) */
	unsigned engine;
	struct strv objs;		/* in-tree .o targets */
	struct strv srcs;		/* their .c, same order */
	char *check;			/* CHECK= value */
	struct strv extra;		/* extra make arguments */
};
void kbuild_targets(const struct check_opts *o, struct results *r,
		    unsigned engine, struct kbuild_run *k);
void kbuild_run(struct kbuild_run *k, struct results *r, const char *moddir);
void unshare_outputs(const char *tree, const struct strv *objs);
/* sparse.c */
void engine_sparse(const struct check_opts *o, struct results *r);
/* annotated.c: sparse-annotations/apply on a copy of kdir, or its kept files */
int sparse_annotate(const char *apply, const char *kdir, const char *tree, char **err);
/* One sparse context warning MSG at PATH:LINE:COL, as our finding */
void sparse_line(struct kbuild_run *k, struct results *r, const char *path,
		 int line, int col, const char *msg);
/* clang.c */
void engine_clang(const struct check_opts *o, struct results *r);
/* clang.c, for the Clang engine's tree index (treeindex.c) */
void clang_pass(const struct check_opts *o, struct results *r, const char *check,
		const char *sumdir, const struct strv *srcs, const struct strv *mods);
void summary_pass_errors(struct results *r, const struct results *pass);
/* pass 1 (clang-lockcheck --pass1) over tree sources: their summaries */
void clang_pass1(const struct check_opts *o, struct results *r, const char *check,
		 const char *sumdir, const struct strv *srcs);
int clang_candidate(const struct check_opts *o, const char *src);
/* treeindex.c */
void clang_tree_index(const struct check_opts *o, struct results *r,
		      const char *check, const char *sumdir,
		      const struct strv *analysed);
void files_defining(const char *kdir, const struct strv *files,
		    const struct strv *names, struct strv *out);
/* The tree's sources that take a lock (cached in SUMDIR: .lockers) */
void clang_lockers(const char *kdir, const char *sumdir, struct strv *out);
/* cocci.c */
void engine_cocci(const struct check_opts *o, struct results *r);
void cocci_script(const struct check_opts *o, struct results *r,
		  const char *name, unsigned kinds, const char *default_rule);
struct strv cocci_script_options(const char *script);
char **spatch_argv(const char *script, const char *const *flags,
		   const char *timeout, const struct strv *opts,
		   const char *const *files);
struct proc *spatch_procs(const char *script, const char *const *flags,
			  const char *timeout, const struct strv *opts,
			  char *const *files, size_t n, const char *kdir,
			  int hard_stop);
void spatch_procs_free(struct proc *procs, size_t n);	/* and their argv */

/* ---- summaries.c: the Clang plugin's cross-file summaries (issue 11) ---- */
/* check --no-summaries sets it; so does IOMMU_LOCKCHECK_SUMMARIES=off */
extern int summaries_disabled;
int summaries_enabled(void);
/* The cache directory of KDIR's summaries (per real path and .config),
 * created, never inside the tree; NULL and why when there is none. */
char *summary_cache_dir(const char *kdir, char **why);
/* One TU's .sum: src is its @file, relative to the tree when inside it. */
struct sumfile {
	char *sum, *src;
	struct strv req, req_lines;	/* required functions; their lines */
	struct strv slots, slot_lines;	/* slots with a context; their lines */
	struct strv uses, stores;	/* @uses, @stores (sorted) */
	struct strv stored;		/* @stored: functions of other files it
					 * stores in a slot (sorted) */
	struct strv inbus;		/* @inbus: lines of dma configure calls
					 * reached inside a bus callback */
	struct strv asks;		/* @asks: functions of other files its
					 * slot contexts turn on (sorted) */
	struct strv converts;		/* @converts: its functions that give
					 * the struct around a device (sorted) */
};
struct summaries {
	struct sumfile *v;
	size_t n;
};
/* In the cache: the @asks names the tree index has searched for, one a
 * line (gone when the plugin changes). */
#define ASKED_FILE "asked"
void summaries_load(const char *dir, const char *kdir, struct summaries *s);
void summaries_free(struct summaries *s);
const struct sumfile *summaries_of(const struct summaries *s, const char *src);
/* Delete the summaries whose source is gone, or older than their source or
 * than PLUGIN, and any module's; the sources of the stale ones (still
 * there) go in STALE. */
void summaries_prune(const char *dir, const char *kdir, const char *plugin,
		     struct strv *stale);
/* FROM's summaries into TO (all, or TREE_ONLY those of the tree's files). */
void summaries_copy(const char *from, const char *to, const char *kdir, int tree_only);
/* Every requirement, stored-callback and slot-context line, tagged with
 * its name; the names of functions with a requirement or lock (REQ), of
 * functions other files store in a slot (STORED) and of slots (SLOTS)
 * whose lines differ between two. */
void summaries_snapshot(const struct summaries *s, struct strv *out);
void summaries_changed(const struct strv *old, const struct strv *new,
		       struct strv *req, struct strv *stored, struct strv *slots);
/* F calls one of REQ or stores into one of SLOTS (both sorted). */
int summary_concerns(const struct sumfile *f, const struct strv *req,
		     const struct strv *slots);
/* F stores one of NAMES (sorted), defined in another file, in a slot. */
int summary_stores_one_of(const struct sumfile *f, const struct strv *names);
char *names_alternation(const struct strv *names);	/* \b(a|b)\b */
/* A later pass's results replace ACC's for UNITS (in-tree sources, module
 * dirs) it completed without error; its errors are added. */
void results_replace(struct results *acc, struct results *pass, const struct strv *units);
void results_move(struct results *to, struct results *from);	/* frees from */
double now_seconds(void);
void summaries_log_pass(const char *name, const struct strv *files, double seconds);
/* The @acquires and @releases lines of the summary PATH, joined ("" when
 * none, NULL when it cannot be read); and put back in place of its own. */
char *sumfile_lock_lines(const char *path);
int sumfile_put_lock_lines(const char *path, const char *lines);
/* In the cache: pass 1's lock lines of the tree sources analysed in full
 * (clang.c), for PLUGIN ("plugin ID", then "SRC MTIME\tLINE\tLINE..." a
 * source); loaded are those whose source has not changed since. */
#define LOCKS_FILE "locks"
void lock_records_load(const char *dir, const char *kdir, const char *plugin,
		       struct strv *srcs, struct strv *lines);
void lock_records_save(const char *dir, const char *kdir, const char *plugin,
		       const struct strv *srcs, const struct strv *lines);
/* FROM's records into TO's (a private copy of the cache, and back) */
void lock_records_copy(const char *from, const char *to, const char *kdir,
		       const char *plugin);
/* ---- end of summaries.c ---- */

/* fix.c */
int cmd_fix(int argc, char **argv);
int cmd_annotate(int argc, char **argv);

/* ---- fix.c / series: the patch series `fix` writes ---- */

enum fix_action { FIX_NONE, FIX_LOCK, FIX_ANNOTATE, FIX_FWSPEC };
extern const char *const fix_action_names[];	/* "none", "lock", ... */

/* Where the configured device stands at the call, read from the code of
 * the call's function (and, for a device handed in, of its callers in the
 * file, directly or through a function-pointer table). */
enum dev_state {
	DEV_UNKNOWN,	/* nothing in the file says */
	DEV_ADDED,	/* registered before the call: a driver may bind to it */
	DEV_NOT_ADDED,	/* initialized, not yet added: nothing else reaches it */
	DEV_UNINIT,	/* raw memory: its device_lock() mutex does not exist yet */
};

/* A code event that shows the state: "platform_device_alloc() at line
 * 1799", in function fn (NULL: the call's own function). */
struct dev_event {
	char *callee, *fn;
	int line;
};

/* One call site of the selection and what the series does with it. */
struct fix_site {
	char *path;
	int line, col;
	char *callee;		/* of_dma_configure, ... */
	char *pattern;		/* foreign-device / created-device / probed-device */
	char *dev;		/* the device expression */
	char *lock;		/* held / not held / held by the driver core (probe) */
	char *function;		/* the function holding the call */
	enum dev_state state;
	struct dev_event how;	/* the event that gave the state */
	struct dev_event later;	/* for a device not yet added: where it is added */
	enum fix_action action;	/* what the series does with it */
	char *auto_why;		/* --strategy=auto: why that action */
	int patch;		/* 1-based patch number; 0: left alone */
	char *left_why;		/* why it was left alone */
};

/* series.c */
void site_from_finding(struct fix_site *s, const struct finding *f);
void site_context(const char *kdir, struct fix_site *s, const char *detail);
void site_free(struct fix_site *s);
/* The text of a patch's commit message (before the trailers), for the sites
 * of one file; the cover letter's body for all of them. */
char *patch_summary(struct fix_site **sites, size_t n);
char *patch_body(struct fix_site **sites, size_t n);
char *cover_body(struct fix_site *sites, size_t n, size_t npatches,
		 const char *strategy);
void wrap_text(FILE *f, const char *text, const char *indent, int width);

/* maintainers.c: what the tree's own tools and history say */
char *sender_identity(const char *kdir, const char *from, char **why);
char *subject_prefix(const char *kdir, const char *path);
int get_maintainers(const char *kdir, const char *patch, struct strv *out,
		    char **why);
/* 0: clean; 1: problems (counts and text filled); -1: could not run */
int run_checkpatch(const char *kdir, const char *patch, int *errors,
		   int *warnings, char **text);
/* ---- end of fix.c / series ---- */

#endif
