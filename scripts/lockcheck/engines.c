// SPDX-License-Identifier: GPL-2.0
/*
 * The three engines.  Coccinelle runs per file over the sources (one spatch
 * per file: a per-file timeout and a per-file error).  Clang and Sparse run
 * through the kernel build (make C=2 CHECK=...) on the objects the
 * configuration builds; Sparse on a hard-linked copy of the tree that
 * sparse-annotations/apply annotates, so the user's tree is never modified.
 * Which other sources of the tree Clang summarises: treeindex.c.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lockcheck.h"

char *top_path(const char *rel)
{
	const char *top = getenv("IOMMU_LOCKCHECK_TOP");

	return path_join(top && *top ? top : LOCKCHECK_TOP, rel);
}

const char *cocci_dir(void)
{
	static char *d;

	if (!d)
		d = top_path("cocci");
	return d;
}

const char *llvm_version(void)
{
	const char *v = getenv("LLVM_VERSION");

	return v && *v ? v : "16";
}

/* An engine program: $SPATCH / $SPARSE as scripts/coccicheck honours them. */
const char *tool(const char *env, const char *def)
{
	const char *v = getenv(env);

	return v && *v ? v : def;
}

/* Does the file look like analysable C?  A NUL byte means binary; braces
 * that never close mean a truncated file (spatch would silently skip it). */
static const char *source_problem(const char *kdir, const char *rel)
{
	char *path = path_join(kdir, rel);
	size_t len;
	char *text = read_file(path, &len);
	const char *why = NULL;
	long depth = 0;

	free(path);
	if (!text)
		return "cannot read the file";
	if (memchr(text, 0, len)) {
		why = "binary file, not C source";
		goto out;
	}
	for (char *p = text; *p; p++) {
		if (p[0] == '/' && p[1] == '*') {
			char *e = strstr(p + 2, "*/");

			if (!e) {
				why = "truncated C source: unterminated comment";
				goto out;
			}
			p = e + 1;
		} else if (p[0] == '/' && p[1] == '/') {
			while (p[1] && p[1] != '\n')
				p++;
		} else if (*p == '"' || *p == '\'') {
			char q = *p;

			for (p++; *p && *p != q && *p != '\n'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (!*p)
				break;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			depth--;
		}
	}
	if (depth > 0)
		why = "truncated C source: a '{' is never closed";
out:
	free(text);
	return why;
}

/* The sources an engine looks at: explicit files always, directories
 * searched (targeted to files naming the APIs unless --all-files). */
static void sources(const struct check_opts *o, unsigned kinds, struct strv *out,
		    struct strv *explicit)
{
	struct strv dirs = { 0 };
	char *re = o->all_files ? NULL : names_regex(kinds);

	for (size_t i = 0; i < o->paths.n; i++) {
		char *abs = path_join(o->kdir, o->paths.v[i]);

		if (is_dir(abs)) {
			strv_push(&dirs, xstrdup(o->paths.v[i]));
		} else {
			strv_push(out, xstrdup(o->paths.v[i]));
			if (explicit)
				strv_push(explicit, xstrdup(o->paths.v[i]));
		}
		free(abs);
	}
	for (size_t i = 0; i < o->modules.n; i++)
		strv_push(&dirs, xstrdup(o->modules.v[i]));
	if (dirs.n)
		find_sources(o->kdir, &dirs, re, out);
	strv_sort_uniq(out);
	strv_free(&dirs);
	free(re);
}

/* ---------------- Coccinelle ---------------- */

/* The script's "// Options:" line, split on blanks, as scripts/coccicheck
 * reads it; a relative path that names a file next to the script is made
 * absolute (spatch runs in the kernel tree). */
struct strv cocci_script_options(const char *script)
{
	char *text = read_file(script, NULL), *line;
	struct strv v = { 0 };

	if (!text)
		return v;
	line = strstr(text, "\n// Options:");
	if (line) {
		char *end = strchr(line + 1, '\n');

		if (end)
			*end = 0;
		for (char *w = strtok(line + 12, " \t"); w; w = strtok(NULL, " \t")) {
			char *dir = xstrdup(script), *slash = strrchr(dir, '/');
			char *cand;

			if (slash)
				*slash = 0;
			cand = path_join(dir, w);
			if (w[0] != '-' && w[0] != '/' && is_file(cand))
				strv_push(&v, cand);
			else {
				strv_push(&v, xstrdup(w));
				free(cand);
			}
			free(dir);
		}
	}
	free(text);
	return v;
}

/* The one spatch command line that check and fix run: SCRIPT, FLAGS
 * (NULL-terminated: -D modes, --patch DIR), spatch's own per-file timeout,
 * the script's // Options:, then FILES (NULL-terminated: one file, or
 * --file-groups LIST). */
char **spatch_argv(const char *script, const char *const *flags,
		   const char *timeout, const struct strv *opts,
		   const char *const *files)
{
	static char *macro_file;
	size_t nflags = 0, nfiles = 0, k = 0;
	char **a;

	/* Named here, the scripts' own re-exec of spatch to add it (they cannot
	 * name it in // Options:) is skipped: half the per-file start-up. */
	if (!macro_file)
		macro_file = path_join(cocci_dir(), "lockcheck_macros.h");
	while (flags[nflags])
		nflags++;
	while (files[nfiles])
		nfiles++;
	a = xmalloc((9 + nflags + opts->n + nfiles) * sizeof(*a));	/* 8 fixed + NULL */
	a[k++] = (char *)tool("SPATCH", "spatch");
	a[k++] = "--sp-file";
	a[k++] = (char *)script;
	a[k++] = "--macro-file";
	a[k++] = macro_file;
	for (size_t j = 0; j < nflags; j++)
		a[k++] = (char *)flags[j];
	a[k++] = "--very-quiet";
	a[k++] = "--timeout";
	a[k++] = (char *)timeout;
	for (size_t j = 0; j < opts->n; j++)
		a[k++] = opts->v[j];
	for (size_t j = 0; j < nfiles; j++)
		a[k++] = (char *)files[j];
	a[k] = NULL;
	return a;
}

/* One spatch process per file of FILES[0..n), not started: the command line
 * of spatch_argv(), run in KDIR, stopped HARD_STOP seconds in. */
struct proc *spatch_procs(const char *script, const char *const *flags,
			  const char *timeout, const struct strv *opts,
			  char *const *files, size_t n, const char *kdir,
			  int hard_stop)
{
	struct proc *procs = xmalloc((n ? n : 1) * sizeof(*procs));

	for (size_t i = 0; i < n; i++) {
		const char *const file[] = { files[i], NULL };

		memset(&procs[i], 0, sizeof(procs[i]));
		procs[i].argv = spatch_argv(script, flags, timeout, opts, file);
		procs[i].cwd = kdir;
		procs[i].timeout = hard_stop;
	}
	return procs;
}

void spatch_procs_free(struct proc *procs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		proc_free(&procs[i]);
		free((char **)procs[i].argv);
	}
	free(procs);
}

struct cocci_ctx {
	const struct check_opts *o;
	struct results *r;
	const char *script_name;
	const char *default_rule;
	size_t done, total;
	regex_t re;
};

static char *norm_path(const char *kdir, const char *path)
{
	if (path[0] == '/') {
		char *rel = tree_relpath(kdir, path);

		if (rel)
			return rel;
	}
	if (!strncmp(path, "./", 2))
		path += 2;
	return xstrdup(path);
}

static void cocci_done(struct proc *p, void *vctx)
{
	struct cocci_ctx *c = vctx;
	const char *file = p->data;

	progress("cocci", ++c->done, c->total);
	if (p->timed_out || strstr(p->err, "TIMEOUT") || strstr(p->out, "TIMEOUT") ||
	    strstr(p->err, "Timeout") || strstr(p->out, "Timeout")) {
		results_error(c->r, file, ENGINE_COCCI,
			      "spatch timed out after %d s on this file (%s; raise --timeout)",
			      c->o->timeout, c->script_name);
		return;
	}
	if (p->status) {
		char *last = p->err[0] ? p->err : p->out;
		size_t n = strlen(last);

		while (n && isspace((unsigned char)last[n - 1]))
			last[--n] = 0;
		if (strrchr(last, '\n'))
			last = strrchr(last, '\n') + 1;
		results_error(c->r, file, ENGINE_COCCI, "spatch failed (exit %d, %s): %s",
			      p->status, c->script_name, last[0] ? last : "no message");
		return;
	}
	for (char *line = strtok(p->out, "\n"); line; line = strtok(NULL, "\n")) {
		regmatch_t m[7];
		char *path, *msg, *rule;
		size_t ml;

		if (regexec(&c->re, line, 7, m, 0))
			continue;
		line[m[1].rm_eo] = 0;
		path = norm_path(c->o->kdir, line);
		msg = line + m[5].rm_so;
		ml = m[5].rm_eo - m[5].rm_so;
		msg = xstrndup(msg, ml);
		/* "MESSAGE [rule-id]"; the script's own rule when absent */
		rule = ml > 3 && msg[ml - 1] == ']' ? strrchr(msg, '[') : NULL;
		if (rule && rule > msg && rule[-1] == ' ') {
			rule[-1] = 0;
			rule = xstrndup(rule + 1, strlen(rule + 1) - 1);
		} else {
			rule = xstrdup(c->default_rule);
		}
		/* spatch columns are 0-based */
		results_add(c->r, path, atoi(line + m[2].rm_so), atoi(line + m[3].rm_so) + 1,
			    rule, msg, ENGINE_COCCI);
		free(path);
		free(msg);
		free(rule);
	}
	c->r->analysed++;
}

/*
 * One spatch over all FILES (--file-groups, one group per file, -j): one
 * start-up instead of one per file.  On any sign of trouble (an exit
 * status, a timeout) it reports nothing and returns 0, and the caller
 * reruns the files one by one, which pins each error to its file.
 */
static int cocci_batch(struct cocci_ctx *c, const char *script,
		       const struct strv *opts, const char *tmo,
		       const struct strv *files)
{
	char *dir = make_tempdir("cocci"), *list = path_join(dir, "groups");
	char *text, *end, jobs[16], **a;
	const char *flags[] = { "-D", "report", "-j", jobs, NULL };
	const char *groups[] = { "--file-groups", list, NULL };
	int njobs = c->o->jobs > 0 ? c->o->jobs : 1;
	struct proc p = { 0 };
	size_t len = 1;
	int ok;

	for (size_t i = 0; i < files->n; i++)
		len += strlen(files->v[i]) + 2;
	end = text = xmalloc(len);
	*end = 0;
	for (size_t i = 0; i < files->n; i++)
		end += sprintf(end, "%s\n\n", files->v[i]);	/* a group a file */
	snprintf(jobs, sizeof(jobs), "%d", njobs);
	a = spatch_argv(script, flags, tmo, opts, groups);
	p.argv = a;
	p.cwd = c->o->kdir;
	/* spatch's --timeout is per file; this only stops a spatch that hangs,
	 * no sooner than one run per file would have been stopped */
	p.timeout = (c->o->timeout + c->o->timeout / 4 + 1) *
		    (int)((files->n + njobs - 1) / njobs);
	ok = !write_file_atomic(list, text, end - text) && !run_proc(&p) &&
	     !p.status && !p.timed_out && !p.spawn_failed &&
	     !strstr(p.err, "TIMEOUT") && !strstr(p.out, "TIMEOUT") &&
	     !strstr(p.err, "Timeout") && !strstr(p.out, "Timeout");
	if (ok) {
		c->total = 1;
		cocci_done(&p, c);	/* one analysed; the others: */
		c->r->analysed += files->n - 1;
	}
	proc_free(&p);
	free(a);
	unlink(list);
	rmdir(dir);
	free(list);
	free(dir);
	free(text);
	return ok;
}

void cocci_script(const struct check_opts *o, struct results *r,
			 const char *name, unsigned kinds, const char *default_rule)
{
	char *script = path_join(cocci_dir(), name);
	struct strv files = { 0 }, good = { 0 };
	struct cocci_ctx c = { .o = o, .r = r, .script_name = name,
			       .default_rule = default_rule };
	static const char *const report[] = { "-D", "report", NULL };
	struct strv opts;
	struct proc *procs;
	char tmo[32];
	size_t n;	/* files run one by one */

	if (!is_file(script)) {
		results_error(r, NULL, ENGINE_COCCI, "%s is missing: the Coccinelle engine is not installed", script);
		free(script);
		return;
	}
	sources(o, kinds, &files, NULL);
	for (size_t i = 0; i < files.n; i++) {
		const char *why = source_problem(o->kdir, files.v[i]);

		if (why)
			results_error(r, files.v[i], ENGINE_COCCI, "%s", why);
		else
			strv_push(&good, xstrdup(files.v[i]));
	}
	n = good.n;
	opts = cocci_script_options(script);
	snprintf(tmo, sizeof(tmo), "%d", o->timeout);
	regcomp(&c.re, "^(.+):([0-9]+):([0-9]+)-([0-9]+): WARNING: (.*)$",
		REG_EXTENDED);
	if (good.n > 1 && cocci_batch(&c, script, &opts, tmo, &good))
		n = 0;		/* all done in one run */
	/* spatch's own --timeout first; a hard stop a little later */
	procs = spatch_procs(script, report, tmo, &opts, good.v, n, o->kdir,
			     o->timeout + (o->timeout / 4 > 1 ? o->timeout / 4 : 1));
	for (size_t i = 0; i < n; i++)
		procs[i].data = good.v[i];
	c.total = n;
	run_procs(procs, n, o->jobs, cocci_done, &c);
	progress_done();
	regfree(&c.re);
	if (n && procs[0].spawn_failed)
		results_error(r, NULL, ENGINE_COCCI,
			      "cannot run spatch: install coccinelle (make deps)");
	spatch_procs_free(procs, n);
	strv_free(&opts);
	strv_free(&files);
	strv_free(&good);
	free(script);
}

void engine_cocci(const struct check_opts *o, struct results *r)
{
	cocci_script(o, r, "of_dma_configure.cocci", NAMES_DMA_CONFIGURE,
		     "dma-configure-outside-bus");
	cocci_script(o, r, "device_lock_assert.cocci", NAMES_ASSERT_DEV,
		     "device-lock-required");
}

/* ---------------- kbuild-driven engines ---------------- */

struct kbuild_run {
	const struct check_opts *o;
	const char *kdir;		/* tree to build in (a copy for sparse) */
	unsigned engine;
	struct strv objs;		/* in-tree .o targets */
	struct strv srcs;		/* their .c, same order */
	char *check;			/* CHECK= value */
	struct strv extra;		/* extra make arguments */
};

/* Pick the objects: sources under the paths that the configuration builds. */
static void kbuild_targets(const struct check_opts *o, struct results *r,
			   unsigned engine, struct kbuild_run *k)
{
	struct strv files = { 0 }, explicit = { 0 };

	sources(o, NAMES_DMA_CONFIGURE | NAMES_REQUIRES | NAMES_ASSERT_DEV,
		&files, &explicit);
	for (size_t i = 0; i < files.n; i++) {
		const char *f = files.v[i];
		const char *why;

		if (f[0] == '/')
			continue;	/* module sources: built with M= */
		why = source_problem(o->kdir, f);
		if (why) {
			results_error(r, f, engine, "%s", why);
			continue;
		}
		if (!kbuild_builds(o->kdir, f)) {
			if (strv_contains(&explicit, f))
				results_error(r, f, engine,
					      "not built by this kernel configuration: %s skipped it",
					      engine_name(engine));
			continue;
		}
		strv_push(&k->srcs, xstrdup(f));
		char *obj = xstrdup(f);
		obj[strlen(obj) - 1] = 'o';
		strv_push(&k->objs, obj);
	}
	strv_free(&files);
	strv_free(&explicit);
}

static int line_rule(const char *line, regmatch_t *m, char *rule, size_t n)
{
	size_t l = m->rm_eo - m->rm_so;

	if (l >= n)
		return 0;
	memcpy(rule, line + m->rm_so, l);
	rule[l] = 0;
	return rule_known(rule);
}

static void sparse_line(struct kbuild_run *k, struct results *r, const char *path,
			int line, int col, const char *msg);

/* Run make, parse CHECK's findings and the per-object failures. */
static void kbuild_run(struct kbuild_run *k, struct results *r, const char *moddir)
{
	struct strv argv = { 0 };
	struct proc p = { 0 };
	regex_t warn, fail, err;
	char *jobs = xasprintf("-j%d", k->o->jobs);
	struct strv failed = { 0 }, errfiles = { 0 };
	const char *why;
	int lock;

	strv_push(&argv, xstrdup("make"));
	strv_push(&argv, xstrdup("-C"));
	strv_push(&argv, xstrdup(k->kdir));
	strv_push(&argv, xstrdup("-k"));
	strv_push(&argv, jobs);
	/* The user's tree's own ARCH and toolchain (sparse's copy shares its
	 * configuration): any other value makes kbuild reconfigure the tree. */
	why = kbuild_args(k->o->kdir, &argv);
	if (why) {
		results_error(r, NULL, k->engine, "%s", why);	/* once: errors merge */
		for (size_t i = 0; i < (moddir ? 1 : k->objs.n); i++)
			results_error(r, moddir ? moddir : k->srcs.v[i], k->engine,
				      "not analysed: kbuild would reconfigure the tree");
		goto out;
	}
	strv_push(&argv, xstrdup("C=2"));
	strv_push(&argv, xasprintf("CHECK=%s", k->check));
	for (size_t i = 0; i < k->extra.n; i++)
		strv_push(&argv, xstrdup(k->extra.v[i]));
	if (moddir) {
		/* A prepared tree has no Module.symvers nor module linker
		 * script: unresolved symbols are warnings and there is no
		 * final link (the checker has run by then). */
		strv_push(&argv, xstrdup("KBUILD_MODPOST_WARN=1"));
		strv_push(&argv, xstrdup("KBUILD_MODPOST_NOFINAL=1"));
		strv_push(&argv, xasprintf("M=%s", moddir));
	} else {
		for (size_t i = 0; i < k->objs.n; i++)
			strv_push(&argv, xstrdup(k->objs.v[i]));
	}
	strv_push(&argv, NULL);
	p.argv = argv.v;
	if (verbose_progress)
		fprintf(stderr, "\r\033[K%s: building %zu objects%s", engine_name(k->engine),
			moddir ? 1 : k->objs.n, moddir ? " (module)" : "");
	/* an external module's build writes nothing to the tree (kbuild
	 * takes it as read-only): only in-tree builds take turns */
	lock = moddir ? -1 : tree_lock(k->kdir);
	run_proc(&p);
	if (lock >= 0)
		close(lock);
	progress_done();
	if (p.spawn_failed) {
		results_error(r, NULL, k->engine, "cannot run make: %s", p.err);
		goto out;
	}
	regcomp(&warn, "^([^: ]+):([0-9]+):([0-9]+): warning: (.*) \\[([a-z0-9-]+)\\]$", REG_EXTENDED);
	regcomp(&fail, "\\*\\*\\* \\[[^]]*: ([^] ]+\\.o)\\] Error", REG_EXTENDED);
	regcomp(&err, "^([^: ]+\\.c):([0-9]+:[0-9]+:)? (fatal )?error: (.*)$", REG_EXTENDED);
	for (int pass = 0; pass < 2; pass++) {
		char *text = xstrdup(pass ? p.err : p.out);

		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			regmatch_t m[6];
			char rule[64];

			if (k->engine == ENGINE_SPARSE && strstr(line, ": warning: context ")) {
				char *c1 = strchr(line, ':'), *c2, *c3;

				if (c1 && (c2 = strchr(c1 + 1, ':')) && (c3 = strchr(c2 + 1, ':'))) {
					char *path;

					*c1 = 0;
					path = norm_path(k->o->kdir, line);
					sparse_line(k, r, path, atoi(c1 + 1), atoi(c2 + 1),
						    strstr(c3 + 1, "context "));
					free(path);
				}
				continue;
			}
			if (k->engine == ENGINE_CLANG && !regexec(&warn, line, 6, m, 0) &&
			    line_rule(line, &m[5], rule, sizeof(rule))) {
				char *path, *msg;

				line[m[1].rm_eo] = 0;
				path = norm_path(k->o->kdir, line);
				msg = xstrndup(line + m[4].rm_so, m[4].rm_eo - m[4].rm_so);
				results_add(r, path, atoi(line + m[2].rm_so), atoi(line + m[3].rm_so),
					    rule, msg, ENGINE_CLANG);
				free(path);
				free(msg);
				continue;
			}
			if (!regexec(&fail, line, 2, m, 0)) {
				char *obj = xstrndup(line + m[1].rm_so, m[1].rm_eo - m[1].rm_so);

				strv_push(&failed, obj);
				continue;
			}
			if (!regexec(&err, line, 5, m, 0)) {
				char *path;

				line[m[1].rm_eo] = 0;
				path = norm_path(k->o->kdir, line);
				/* C=2 also checks what "prepare" compiles on the way
				 * (arm64's vDSO): not a file this run analyses */
				if (!moddir && !strv_contains(&k->srcs, path)) {
					free(path);
					continue;
				}
				results_error(r, path, k->engine, "%s", line + m[4].rm_so);
				strv_push(&errfiles, path);
			}
		}
		free(text);
	}
	regfree(&warn);
	regfree(&fail);
	regfree(&err);
	if (moddir) {
		if (p.status)
			results_error(r, moddir, k->engine, "module build failed (make M=%s exit %d)",
				      moddir, p.status);
		else if (!errfiles.n)
			results_analysed(r, k->engine, moddir);
		goto out;
	}
	for (size_t i = 0; i < k->objs.n; i++) {
		if (strv_contains(&failed, k->objs.v[i]))
			results_error(r, k->srcs.v[i], k->engine,
				      "the kernel build of %s failed: see make -C %s %s %s",
				      k->objs.v[i], k->o->kdir, kbuild_args_text(k->o->kdir),
				      k->objs.v[i]);
		else if (!strv_contains(&errfiles, k->srcs.v[i]))
			results_analysed(r, k->engine, k->srcs.v[i]);
	}
	if (p.status && !failed.n && k->objs.n)
		results_error(r, NULL, k->engine, "make exited %d: %s", p.status,
			      p.err[0] ? p.err : "no message");
out:
	proc_free(&p);
	strv_free(&argv);
	strv_free(&failed);
	strv_free(&errfiles);
}

/* Break the hard links of what the build rewrites in place in a cp -al copy
 * (the object and its .cmd): fresh files, so the original is never written. */
void unshare_outputs(const char *tree, const struct strv *objs)
{
	for (size_t i = 0; i < objs->n; i++) {
		char *o = path_join(tree, objs->v[i]);
		char *slash = strrchr(o, '/');
		char *cmd = xasprintf("%.*s/.%s.cmd", (int)(slash - o), o, slash + 1);

		unlink(o);
		unlink(cmd);
		free(o);
		free(cmd);
	}
}

/* Clang's SARIF code flows, made valid for ours: locations as tree paths
 * (no index into clang's artifacts), regions without clang's endLine 0. */
static void fix_locations(json_t *j, const char *kdir)
{
	size_t i;
	const char *key;
	json_t *v;

	if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			fix_locations(v, kdir);
		return;
	}
	if (!json_is_object(j))
		return;
	json_t *al = json_object_get(j, "artifactLocation");
	if (json_is_object(al)) {
		const char *uri = json_string_value(json_object_get(al, "uri"));
		char *path = NULL;

		if (uri && !strncmp(uri, "file://", 7))
			path = norm_path(kdir, uri + 7);
		if (path) {
			json_object_set_new(j, "artifactLocation", json_pack("{s:s}", "uri", path));
			if (path[0] != '/')
				json_object_set_new(json_object_get(j, "artifactLocation"),
						    "uriBaseId", json_string("SRCROOT"));
			free(path);
		} else {
			json_object_del(al, "index");
		}
	}
	json_t *reg = json_object_get(j, "region");
	if (json_is_object(reg)) {
		json_int_t sl = json_integer_value(json_object_get(reg, "startLine"));
		json_int_t el = json_integer_value(json_object_get(reg, "endLine"));

		if (json_object_get(reg, "endLine") && el < (sl > 0 ? sl : 1)) {
			json_object_del(reg, "endLine");
			json_object_del(reg, "endColumn");
		}
	}
	json_object_foreach(j, key, v)
		if (strcmp(key, "region"))
			fix_locations(v, kdir);
}

/* Read clang-lockcheck's per-file SARIF: findings with their code flows. */
static void clang_sarif(const char *dir, const struct check_opts *o, struct results *r)
{
	struct strv files = { 0 }, d = { 0 };
	char *re = NULL;

	strv_push(&d, xstrdup(dir));
	{
		char *const argv[] = { "find", (char *)dir, "-name", "*.sarif", "-type", "f", NULL };
		struct proc p = { .argv = argv };

		run_proc(&p);
		for (char *l = strtok(p.out, "\n"); l; l = strtok(NULL, "\n"))
			strv_push(&files, xstrdup(l));
		proc_free(&p);
	}
	for (size_t i = 0; i < files.n; i++) {
		json_t *root = json_load_file(files.v[i], 0, NULL), *res;
		size_t k;

		if (!root)
			continue;
		res = json_object_get(json_array_get(json_object_get(root, "runs"), 0), "results");
		json_t *item;

		json_array_foreach(res, k, item) {
			const char *text = json_string_value(json_object_get(
				json_object_get(item, "message"), "text"));
			json_t *pl = json_object_get(json_array_get(json_object_get(item, "locations"), 0),
						     "physicalLocation");
			const char *uri = json_string_value(json_object_get(
				json_object_get(pl, "artifactLocation"), "uri"));
			json_t *reg = json_object_get(pl, "region");
			const char *lb;
			char *rule, *msg, *path;
			struct finding *f;
			int line, col;

			if (!text || !uri || strncmp(uri, "file://", 7) || !(lb = strrchr(text, '[')) ||
			    lb == text || lb[-1] != ' ')
				continue;
			rule = xstrndup(lb + 1, strcspn(lb + 1, "]"));
			if (!rule_known(rule)) {
				free(rule);
				continue;
			}
			msg = xstrndup(text, lb - 1 - text);
			path = norm_path(o->kdir, uri + 7);
			line = (int)json_integer_value(json_object_get(reg, "startLine"));
			col = (int)json_integer_value(json_object_get(reg, "startColumn"));
			results_add(r, path, line, col, rule, msg, ENGINE_CLANG);
			f = &r->f[r->nf - 1];
			if (json_object_get(item, "codeFlows")) {
				f->code_flows = json_deep_copy(json_object_get(item, "codeFlows"));
				fix_locations(f->code_flows, o->kdir);
			}
			free(rule);
			free(msg);
			free(path);
		}
		json_decref(root);
	}
	strv_free(&files);
	strv_free(&d);
	free(re);
}

/* One clang run over in-tree sources SRCS and module dirs MODS, writing
 * and reading summaries in SUMDIR unless it is NULL. */
void clang_pass(const struct check_opts *o, struct results *r, const char *check,
		const char *sumdir, const struct strv *srcs, const struct strv *mods)
{
	struct kbuild_run k = { .o = o, .kdir = o->kdir, .engine = ENGINE_CLANG };
	char *sarif = make_tempdir("sarif");

	/* per-file SARIF carries the analyzer's path: our code flows */
	k.check = sumdir ? xasprintf("%s --sarif-dir=%s --summary-dir=%s", check, sarif, sumdir)
			 : xasprintf("%s --sarif-dir=%s", check, sarif);
	for (size_t i = 0; i < srcs->n; i++) {
		char *obj = xstrdup(srcs->v[i]);

		obj[strlen(obj) - 1] = 'o';
		strv_push(&k.srcs, xstrdup(srcs->v[i]));
		strv_push(&k.objs, obj);
	}
	if (k.objs.n)
		kbuild_run(&k, r, NULL);
	for (size_t i = 0; i < mods->n; i++)
		kbuild_run(&k, r, mods->v[i]);
	clang_sarif(sarif, o, r);
	remove_tree(sarif);
	strv_free(&k.objs);
	strv_free(&k.srcs);
	free(k.check);
	free(sarif);
}

/*
 * What a summary-only pass (refresh, tree index) could not summarise is
 * said, not dropped: the lock contexts that file gives its callbacks are
 * then unknown to this run, so what it prints may be missing a finding or
 * hold one that the file's summary would have excused.
 */
void summary_pass_errors(struct results *r, const struct results *pass)
{
	for (size_t i = 0; i < pass->ne; i++)
		results_error(r, pass->e[i].path, ENGINE_CLANG,
			      "no cross-file summary, findings that rely on its lock contexts "
			      "may be missing or wrong: %s", pass->e[i].message);
}

/* An in-tree source a cross-file pass may add: built, and analysable. */
int clang_candidate(const struct check_opts *o, const char *src)
{
	return src[0] != '/' && kbuild_builds(o->kdir, src) && !source_problem(o->kdir, src);
}

/* Did PASS complete SRC (no error of its own, none for the whole run)? */
static int pass_completed(const struct results *pass, const char *src)
{
	for (size_t i = 0; i < pass->ne; i++)
		if (!pass->e[i].path || !strcmp(pass->e[i].path, src))
			return 0;
	return 1;
}

/*
 * What a lock function returns holding (@acquires) and what an unlock
 * function drops (@releases) are pass 1's word.  Pass 1 runs with the
 * analyzer's cast symbols, so that a timeout can expire
 * (usb_lock_device_for_reset() holds only when it returns 0), and follows
 * each lock function as a path of its own, where a full analysis skips one
 * it has inlined into a caller (pci_dev_trylock()).  Kept from a full
 * analysis, they would make a later check depend on what was checked
 * before it.  So a tree source that takes a lock and is analysed in full
 * gets its lock lines from pass 1, back after each pass; the cache keeps
 * them per source and plugin (LOCKS_FILE).
 */
struct lock_lines {
	struct strv srcs, lines;	/* a source analysed in full; pass 1's
					 * lock lines */
	struct strv analysed;		/* the sources that take a lock */
};

/* The plugin the Clang engine loads. */
static char *clang_plugin(void)
{
	const char *penv = getenv("IOMMU_LOCKCHECK_PLUGIN");

	return penv && *penv ? xstrdup(penv) : top_path("build/clang-checker/IommuLockCheck.so");
}

/* Pass 1 over the tree sources SRCS, into SUMDIR, whose LOCKS_FILE then
 * keeps their lock lines. */
void clang_pass1(const struct check_opts *o, struct results *r, const char *check,
		 const char *sumdir, const struct strv *srcs)
{
	struct strv none = { 0 }, have = { 0 }, lines = { 0 };
	char *pass1 = xasprintf("%s --pass1", check), *plugin = clang_plugin();
	struct summaries s;

	clang_pass(o, r, pass1, sumdir, srcs, &none);
	lock_records_load(sumdir, o->kdir, plugin, &have, &lines);
	summaries_load(sumdir, o->kdir, &s);
	for (size_t i = 0; i < srcs->n; i++) {
		const struct sumfile *f = summaries_of(&s, srcs->v[i]);
		char *text = f && pass_completed(r, srcs->v[i]) ? sumfile_lock_lines(f->sum) : NULL;
		ssize_t j = strv_index(&have, srcs->v[i]);

		if (!text)
			continue;
		if (j >= 0) {
			free(lines.v[j]);
			lines.v[j] = text;
		} else {
			strv_push(&have, xstrdup(srcs->v[i]));
			strv_push(&lines, text);
		}
	}
	summaries_free(&s);
	lock_records_save(sumdir, o->kdir, plugin, &have, &lines);
	strv_free(&have);
	strv_free(&lines);
	free(plugin);
	free(pass1);
}

/* WANT's lock lines from the record in SUMDIR into L; those it lacks stay
 * in WANT. */
static void lock_lines_kept(const char *kdir, const char *sumdir, const char *plugin,
			    struct strv *want, struct lock_lines *l)
{
	struct strv srcs = { 0 }, lines = { 0 }, rest = { 0 };

	lock_records_load(sumdir, kdir, plugin, &srcs, &lines);
	for (size_t i = 0; i < want->n; i++) {
		ssize_t j = strv_index(&srcs, want->v[i]);

		if (j >= 0) {
			strv_push(&l->srcs, xstrdup(want->v[i]));
			strv_push(&l->lines, xstrdup(lines.v[j]));
		} else {
			strv_push(&rest, xstrdup(want->v[i]));
		}
	}
	strv_free(want);
	*want = rest;
	strv_free(&srcs);
	strv_free(&lines);
}

/* The sources of SRCS that take a lock, to be analysed in full: pass 1's
 * lock lines, kept from an earlier pass 1 or from one now. */
static void lock_lines_take(const struct check_opts *o, const char *check,
			    const char *sumdir, const struct strv *lockers,
			    const struct strv *srcs, struct lock_lines *l)
{
	struct strv want = { 0 };
	char *plugin = clang_plugin();

	for (size_t i = 0; i < srcs->n; i++)
		if (strv_contains(lockers, srcs->v[i]) && !strv_contains(&l->analysed, srcs->v[i])) {
			strv_push(&l->analysed, xstrdup(srcs->v[i]));
			strv_push(&want, xstrdup(srcs->v[i]));
		}
	if (want.n)
		lock_lines_kept(o->kdir, sumdir, plugin, &want, l);
	if (want.n) {
		struct results scratch = { 0 };
		double t = now_seconds();

		/* its errors are the full pass's too, and reported there */
		clang_pass1(o, &scratch, check, sumdir, &want);
		summaries_log_pass("locks", &want, now_seconds() - t);
		results_free(&scratch);
		lock_lines_kept(o->kdir, sumdir, plugin, &want, l);
	}
	strv_free(&want);
	free(plugin);
}

static void lock_lines_put(const char *kdir, const char *sumdir, const struct lock_lines *l)
{
	struct summaries s;

	if (!l->srcs.n)
		return;
	summaries_load(sumdir, kdir, &s);
	for (size_t i = 0; i < l->srcs.n; i++) {
		const struct sumfile *f = summaries_of(&s, l->srcs.v[i]);

		if (f)
			sumfile_put_lock_lines(f->sum, l->lines.v[i]);
	}
	summaries_free(&s);
}

#define CLANG_PASSES 4	/* pass 1, then at most three cross-file passes */

/*
 * Clang in passes (issue 11).  Pass 1 is the run over the targeted objects
 * and modules, each TU writing its summary into the cache (summaries.c).
 * Then, while the summaries change, a pass re-analyses (a) the files
 * analysed so far that call a function whose requirement changed, store
 * into a slot whose context did, or define a function another file now
 * stores in a slot (a module: all of its files, one kbuild run), and (b)
 * the files under the checked paths that the configuration builds and
 * that name a function whose requirement changed: its callers in other
 * files.  A re-analysed file's latest pass replaces its earlier results.
 * "Changed" is against what the previous pass read: for pass 2, the cache
 * as pass 1 found it, so a warm cache costs one pass plus the callers not
 * analysed yet ((b) of pass 2 looks for every requirement).  A
 * requirement inherited through a chain of files needs a pass per link,
 * up to CLANG_PASSES.
 */
void engine_clang(const struct check_opts *o, struct results *r)
{
	struct kbuild_run k = { .o = o, .kdir = o->kdir, .engine = ENGINE_CLANG };
	char *check = top_path("scripts/clang-lockcheck");
	struct results acc = { 0 };
	struct strv stale = { 0 }, refresh = { 0 }, done = { 0 };
	struct strv prev = { 0 }, units = { 0 }, args = { 0 }, lockers = { 0 };
	struct lock_lines locks = { 0 };
	char *sumdir = NULL, *keep = NULL, *why = NULL, *plugin = NULL;
	double t;

	if (!is_file(check)) {
		results_error(r, NULL, ENGINE_CLANG, "%s is missing: the Clang engine is not installed", check);
		free(check);
		return;
	}
	kbuild_targets(o, r, ENGINE_CLANG, &k);
	/* no summaries when asked, or when kbuild may not run at all (pass 1
	 * says why) */
	if (!summaries_enabled() || kbuild_args(o->kdir, &args)) {
		clang_pass(o, r, check, NULL, &k.srcs, &o->modules);
		goto out;
	}
	sumdir = summary_cache_dir(o->kdir, &why);
	if (!sumdir) {
		if (verbose_progress)
			fprintf(stderr, "\r\033[Kclang: summaries not cached (%s)\n", why);
		sumdir = make_tempdir("summaries");
	}
	plugin = clang_plugin();
	summaries_prune(sumdir, o->kdir, plugin, &stale);

	/* the stale summaries of files this run does not analyse: refreshed
	 * first, so that pass 1 reads them.  From their AST alone, as the
	 * tree index is (their findings are not asked for, and a new plugin
	 * makes every summary stale: a full analysis of each would cost a
	 * small check minutes); what they inherit from their callees comes
	 * back when they are checked. */
	for (size_t i = 0; i < stale.n; i++)
		if (!strv_contains(&k.srcs, stale.v[i]) && clang_candidate(o, stale.v[i]))
			strv_push(&refresh, xstrdup(stale.v[i]));
	if (refresh.n) {
		struct results scratch = { 0 };

		t = now_seconds();
		clang_pass1(o, &scratch, check, sumdir, &refresh);
		summary_pass_errors(r, &scratch);
		results_free(&scratch);
		summaries_log_pass("refresh", &refresh, now_seconds() - t);
	}

	clang_tree_index(o, r, check, sumdir, &k.srcs);
	clang_lockers(o->kdir, sumdir, &lockers);
	lock_lines_take(o, check, sumdir, &lockers, &k.srcs, &locks);

	/* with external modules: a private copy, the tree's summaries kept */
	if (o->modules.n) {
		keep = sumdir;
		sumdir = make_tempdir("summaries");
		summaries_copy(keep, sumdir, o->kdir, 0);
	}

	/* what pass 1 reads (besides what its TUs write meanwhile) */
	{
		struct summaries s0;

		summaries_load(sumdir, o->kdir, &s0);
		summaries_snapshot(&s0, &prev);
		summaries_free(&s0);
	}
	t = now_seconds();
	clang_pass(o, &acc, check, sumdir, &k.srcs, &o->modules);
	lock_lines_put(o->kdir, sumdir, &locks);
	for (size_t i = 0; i < k.srcs.n; i++)
		strv_push(&done, xstrdup(k.srcs.v[i]));
	for (size_t i = 0; i < k.srcs.n + o->modules.n; i++)
		strv_push(&units, xstrdup(i < k.srcs.n ? k.srcs.v[i] : o->modules.v[i - k.srcs.n]));
	summaries_log_pass("pass1", &units, now_seconds() - t);
	strv_free(&units);

	for (int pass = 2; pass <= CLANG_PASSES; pass++) {
		struct summaries s;
		struct strv snap = { 0 }, req = { 0 }, stored = { 0 }, slots = { 0 };
		struct strv named = { 0 }, srcs = { 0 }, mods = { 0 }, added = { 0 };
		struct strv nothing = { 0 };
		struct results p = { 0 };
		char name[16];

		summaries_load(sumdir, o->kdir, &s);
		summaries_snapshot(&s, &snap);
		summaries_changed(&prev, &snap, &req, &stored, &slots);
		/* files never analysed need every requirement; later ones
		 * only what changed since they were added */
		if (pass == 2) {
			struct strv all_stored = { 0 }, all_slots = { 0 };

			summaries_changed(&nothing, &snap, &named, &all_stored, &all_slots);
			strv_free(&all_stored);
			strv_free(&all_slots);
		} else {
			for (size_t i = 0; i < req.n; i++)
				strv_push(&named, xstrdup(req.v[i]));
		}
		strv_free(&prev);
		prev = snap;
		/* (a) analysed files concerned by what changed: they call a
		 * function whose requirement changed, store into a slot whose
		 * context did, or define a function another file stores */
		for (size_t i = 0; i < done.n; i++) {
			const struct sumfile *f = summaries_of(&s, done.v[i]);

			if (f && summary_concerns(f, &req, &slots))
				strv_push(&srcs, xstrdup(done.v[i]));
		}
		if (stored.n) {
			struct strv definers = { 0 };

			files_defining(o->kdir, &done, &stored, &definers);
			for (size_t i = 0; i < definers.n; i++)
				if (!strv_contains(&srcs, definers.v[i]))
					strv_push(&srcs, xstrdup(definers.v[i]));
			strv_free(&definers);
		}
		for (size_t m = 0; m < o->modules.n; m++) {
			size_t n = strlen(o->modules.v[m]);

			for (size_t i = 0; i < s.n; i++) {
				/* its own @stored functions: defined in another of
				 * its files, which reads the slot next time */
				if (!strncmp(s.v[i].src, o->modules.v[m], n) && s.v[i].src[n] == '/' &&
				    (summary_concerns(&s.v[i], &req, &slots) ||
				     summary_stores_one_of(&s.v[i], &stored))) {
					strv_push(&mods, xstrdup(o->modules.v[m]));
					break;
				}
			}
		}
		/* (b) callers not analysed yet, under the checked paths */
		if (named.n && o->paths.n) {
			struct strv cand = { 0 };
			char *re = names_alternation(&named);

			find_sources(o->kdir, &o->paths, re, &cand);
			for (size_t i = 0; i < cand.n; i++)
				if (!strv_contains(&done, cand.v[i]) && clang_candidate(o, cand.v[i]))
					strv_push(&added, xstrdup(cand.v[i]));
			strv_free(&cand);
			free(re);
		}
		summaries_free(&s);
		strv_free(&req);
		strv_free(&stored);
		strv_free(&slots);
		strv_free(&named);
		for (size_t i = 0; i < added.n; i++)
			strv_push(&srcs, xstrdup(added.v[i]));
		if (!srcs.n && !mods.n) {
			strv_free(&added);
			break;
		}
		lock_lines_take(o, check, sumdir, &lockers, &added, &locks);
		t = now_seconds();
		clang_pass(o, &p, check, sumdir, &srcs, &mods);
		lock_lines_put(o->kdir, sumdir, &locks);
		for (size_t i = 0; i < added.n; i++) {
			if (pass_completed(&p, added.v[i]))
				acc.analysed++;
			strv_push(&done, xstrdup(added.v[i]));
		}
		for (size_t i = 0; i < srcs.n; i++)
			strv_push(&units, xstrdup(srcs.v[i]));
		for (size_t i = 0; i < mods.n; i++)
			strv_push(&units, xstrdup(mods.v[i]));
		results_replace(&acc, &p, &units);
		results_free(&p);
		snprintf(name, sizeof(name), "pass%d", pass);
		summaries_log_pass(name, &units, now_seconds() - t);
		strv_free(&units);
		strv_free(&srcs);
		strv_free(&mods);
		strv_free(&added);
	}
	/* the dma configure calls Clang reached inside a bus callback: its
	 * verdict there stands over a per-function one (merge.c) */
	{
		struct summaries s;

		summaries_load(sumdir, o->kdir, &s);
		for (size_t i = 0; i < s.n; i++)
			for (size_t j = 0; j < s.v[i].inbus.n; j++)
				strv_push(&r->in_bus_callback,
					  xasprintf("%s:%s", s.v[i].src, s.v[i].inbus.v[j]));
		summaries_free(&s);
	}
	results_move(r, &acc);
	if (keep) {
		summaries_copy(sumdir, keep, o->kdir, 1);
		free(sumdir);
		sumdir = keep;
	}
	rmdir(sumdir);	/* nothing cached (a stand-in engine): leave no trace */
out:
	strv_free(&lockers);
	strv_free(&locks.srcs);
	strv_free(&locks.lines);
	strv_free(&locks.analysed);
	free(plugin);
	strv_free(&prev);
	strv_free(&done);
	strv_free(&stale);
	strv_free(&refresh);
	strv_free(&args);
	strv_free(&k.objs);
	strv_free(&k.srcs);
	free(sumdir);
	free(why);
	free(check);
}

/* Sparse annotates a copy of each external module (apply --module): its
 * warnings name the copy, reported under the module's own directory. */
static struct strv sparse_mod_copy, sparse_mod_orig;

/* Does the function body [body, end) take or drop a device_lock (ACQUIRE /
 * RELEASE rows of kind DEV_MUTEX) or an iommu group mutex? */
static int takes_our_lock(const char *body, const char *end)
{
	const char *const calls[] = {
#define ACQUIRE(fn, arg, lock, how) strcmp(#lock, "DEV_MUTEX") ? NULL : #fn "(",
#define RELEASE(fn, arg, lock) strcmp(#lock, "DEV_MUTEX") ? NULL : #fn "(",
#include "lockrules.def"
#undef ACQUIRE
#undef RELEASE
		"group->mutex",
	};

	for (size_t i = 0; i < sizeof(calls) / sizeof(*calls); i++) {
		const char *c = calls[i] ? strstr(body, calls[i]) : NULL;

		if (c && c < end)
			return 1;
	}
	return 0;
}

/*
 * Sparse names the function whose lock context is unbalanced, at the basic
 * block where it noticed.  When that function calls one that requires a
 * lock (REQUIRES in lockrules.def: the annotations make such a call consume
 * and restore the context; or a helper that apply found needs its caller's
 * device_lock, wrapped __lc_req_dev(helper)), the finding is that
 * requirement's rule at the call nearest to sparse's position, so it merges
 * with clang's finding for the same call; otherwise it is a plain
 * lock-imbalance where sparse says.  A call apply wrapped __lc_held() is on
 * a device held by its function's contract and is never the culprit: its
 * text "fn)(" does not match "fn(".  apply inserts text within lines only,
 * so the annotated copy's line numbers are the source's.
 */
static void sparse_line(struct kbuild_run *k, struct results *r, const char *path,
			int line, int col, const char *msg)
{
	static const char *const required[][2] = {
#define REQUIRES(fn, arg, lock) { #fn, #lock },
#include "lockrules.def"
#undef REQUIRES
	};
	static const char req_dev[] = "__lc_req_dev(";
	const char *q1 = strchr(msg, '\''), *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
	char *fn = q1 && q2 ? xstrndup(q1 + 1, q2 - q1 - 1) : NULL;
	char *file = path_join(k->kdir, path);
	char *text = read_file(file, NULL);
	const char *rule = "lock-imbalance", *lockname = NULL;
	char *callee = NULL, *shown = NULL;
	int best_line = line, best_col = col, best_dist = -1;
	char *m, *body = NULL, *end = NULL;

	/* the body: from the definition's "fn(" to the next "\n}" */
	if (fn && text) {
		char *needle = xasprintf("%s(", fn);

		/* a definition: "fn(" ... balanced ")" then "{" (parameters may
		 * span lines) */
		for (char *s = text; (s = strstr(s, needle)); s++) {
			char *e = s + strlen(needle);
			int depth = 1;

			if (s > text && (isalnum((unsigned char)s[-1]) || s[-1] == '_'))
				continue;
			for (; *e && depth; e++)
				depth += (*e == '(') - (*e == ')');
			while (isspace((unsigned char)*e))
				e++;
			if (*e == '{') {
				body = s;
				break;
			}
		}
		free(needle);
		end = body ? strstr(body, "\n}") : NULL;
	}
	/* candidates: REQUIRES calls, then __lc_req_dev(helper) calls */
	for (size_t i = 0; body && end && i <= sizeof(required) / sizeof(*required); i++) {
		int helper = i == sizeof(required) / sizeof(*required);
		char *call = helper ? xstrdup(req_dev) : xasprintf("%s(", required[i][0]);

		for (char *c = body; (c = strstr(c, call)) && c < end; c++) {
			int l = 1, dist;
			char *bol = c, *name = c;
			size_t len = strlen(call) - 1;

			if (isalnum((unsigned char)c[-1]) || c[-1] == '_')
				continue;
			if (helper) {
				name = c + strlen(req_dev);
				len = strspn(name, "abcdefghijklmnopqrstuvwxyz"
					     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
				if (!len || name[len] != ')')
					continue;
			}
			for (char *t = text; t < c; t++)
				l += *t == '\n';
			while (bol > text && bol[-1] != '\n')
				bol--;
			dist = abs(l - line);
			if (best_dist < 0 || dist < best_dist) {
				best_dist = dist;
				best_line = l;
				best_col = (int)(c - bol) + 1;
				free(callee);
				callee = xstrndup(name, len);
				lockname = helper ? "DEV_MUTEX" : required[i][1];
			}
		}
		free(call);
	}
	for (size_t i = 0; i < sparse_mod_copy.n; i++) {
		size_t n = strlen(sparse_mod_copy.v[i]);

		if (!strncmp(path, sparse_mod_copy.v[i], n) && path[n] == '/')
			shown = path_join(sparse_mod_orig.v[i], path + n + 1);
	}
	if (callee && !strcmp(lockname, "DEV_MUTEX")) {
		rule = "device-lock-required";
		m = xasprintf("%s() calls %s() without device_lock() of its device held "
			      "(sparse, %d:%d: %s)", fn, callee, line, col, msg);
	} else if (callee) {
		rule = "group-mutex-required";
		m = xasprintf("%s() calls %s() without the iommu group mutex held "
			      "(sparse, %d:%d: %s)", fn, callee, line, col, msg);
	} else if (body && end && takes_our_lock(body, end)) {
		m = xasprintf("sparse: %s", msg);
	} else {
		/* sparse's own warning about some other lock (a spinlock in
		 * pci_match_device()): plain sparse says it too, it is not ours */
		m = NULL;
	}
	if (m)
		results_add(r, shown ? shown : path, best_line, best_col, rule, m, ENGINE_SPARSE);
	free(m);
	free(fn);
	free(callee);
	free(shown);
	free(file);
	free(text);
}

void engine_sparse(const struct check_opts *o, struct results *r)
{
	struct kbuild_run k = { .o = o, .engine = ENGINE_SPARSE };
	char *apply = top_path("sparse-annotations/apply");
	char *tmp, *tree;
	struct proc p = { 0 };

	if (!is_file(apply)) {
		results_error(r, NULL, ENGINE_SPARSE, "%s is missing: the Sparse engine is not installed", apply);
		free(apply);
		return;
	}
	kbuild_targets(o, r, ENGINE_SPARSE, &k);
	if (!k.objs.n && !o->modules.n)
		goto out;
	{
		/* a tree kbuild would reconfigure: kbuild_run says why, and
		 * runs no make, without a copy of the tree first */
		struct strv args = { 0 };
		const char *why = kbuild_args(o->kdir, &args);

		strv_free(&args);
		if (why) {
			k.kdir = o->kdir;
			if (k.objs.n)
				kbuild_run(&k, r, NULL);
			for (size_t i = 0; i < o->modules.n; i++)
				kbuild_run(&k, r, o->modules.v[i]);
			goto out;
		}
	}
	/* annotate a hard-linked copy: apply replaces files atomically */
	tmp = make_tempdir("sparse");
	tree = path_join(tmp, "tree");
	{
		char *const cp[] = { COPY_TREE, (char *)o->kdir, tree, NULL };

		p.argv = cp;
		if (run_proc(&p)) {
			results_error(r, NULL, ENGINE_SPARSE, "cannot copy %s to %s: %s",
				      o->kdir, tree, p.err);
			proc_free(&p);
			goto rm;
		}
		proc_free(&p);
	}
	{
		char *const ap[] = { apply, tree, NULL };

		p.argv = ap;
		if (run_proc(&p)) {
			results_error(r, NULL, ENGINE_SPARSE,
				      "sparse-annotations/apply refused the tree: %s%s",
				      p.err, p.out);
			proc_free(&p);
			goto rm;
		}
		proc_free(&p);
	}
	unshare_outputs(tree, &k.objs);
	k.kdir = tree;
	k.check = (char *)tool("SPARSE", "sparse");
	if (k.objs.n)
		kbuild_run(&k, r, NULL);
	/* an external module: annotated on a copy of its directory (a real
	 * copy: the build writes there), built against the annotated tree.
	 * A prepared tree has no Module.symvers: modpost's unresolved symbols
	 * are warnings, and no final link (sparse has run by then). */
	if (o->modules.n) {
		strv_push(&k.extra, xstrdup("KBUILD_MODPOST_WARN=1"));
		strv_push(&k.extra, xstrdup("KBUILD_MODPOST_NOFINAL=1"));
	}
	for (size_t i = 0; i < o->modules.n; i++) {
		char *mod = xasprintf("%s/module%zu", tmp, i);
		char *const cp[] = { "cp", "-a", o->modules.v[i], mod, NULL };
		char *const ap[] = { apply, tree, "--module", mod, NULL };

		p.argv = cp;
		if (run_proc(&p) || p.status) {
			results_error(r, o->modules.v[i], ENGINE_SPARSE,
				      "cannot copy the module to %s: %s", mod, p.err);
			proc_free(&p);
			free(mod);
			continue;
		}
		proc_free(&p);
		p.argv = ap;
		if (run_proc(&p) || p.status) {
			results_error(r, o->modules.v[i], ENGINE_SPARSE,
				      "sparse-annotations/apply refused the module: %s%s",
				      p.err, p.out);
			proc_free(&p);
			free(mod);
			continue;
		}
		proc_free(&p);
		strv_push(&sparse_mod_copy, xstrdup(mod));
		strv_push(&sparse_mod_orig, xstrdup(o->modules.v[i]));
		kbuild_run(&k, r, mod);
		free(mod);
	}
	strv_free(&sparse_mod_copy);
	strv_free(&sparse_mod_orig);
	strv_free(&k.extra);
rm:
	remove_tree(tmp);
	free(tree);
	free(tmp);
out:
	strv_free(&k.objs);
	strv_free(&k.srcs);
	free(apply);
}
