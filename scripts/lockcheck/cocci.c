// SPDX-License-Identifier: GPL-2.0
/*
 * The Coccinelle engine: one spatch per file (a per-file timeout and a
 * per-file error), batched into one run when nothing goes wrong.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lockcheck.h"

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
