// SPDX-License-Identifier: GPL-2.0
/*
 * The engines that run through the kernel build (make C=2 CHECK=...): the
 * objects the configuration builds, and what CHECK printed for each.
 */
#define _GNU_SOURCE
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lockcheck.h"

/* Pick the objects: sources under the paths that the configuration builds. */
void kbuild_targets(const struct check_opts *o, struct results *r,
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

/* Run make, parse CHECK's findings and the per-object failures. */
void kbuild_run(struct kbuild_run *k, struct results *r, const char *moddir)
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
