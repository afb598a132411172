// SPDX-License-Identifier: GPL-2.0
/*
 * The Clang engine: the plugin through kbuild, in passes over the
 * cross-file summaries.  Which other sources of the tree it summarises:
 * treeindex.c.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "lockcheck.h"

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

/*
 * Drop R's errors from index FROM on that belong to a source of SRCS whose
 * summary was written at or after T0.  kbuild may build one object twice
 * when two directories reach it (drivers/Makefile's "input/gameport/"
 * beside "input/", whose generic rule builds gameport.o without -DMODULE
 * and fails): the other build wrote the summary, and the error is not
 * about it.
 */
static void drop_summarised_errors(struct results *r, size_t from,
				   const struct summaries *s,
				   const struct strv *srcs, time_t t0)
{
	size_t w = from;

	for (size_t i = from; i < r->ne; i++) {
		const struct sumfile *f = r->e[i].path && strv_contains(srcs, r->e[i].path)
					  ? summaries_of(s, r->e[i].path) : NULL;
		struct stat st;

		if (f && !stat(f->sum, &st) && st.st_mtime >= t0) {
			free(r->e[i].path);
			free(r->e[i].message);
			continue;
		}
		r->e[w++] = r->e[i];
	}
	r->ne = w;
}

/* Pass 1 over the tree sources SRCS, into SUMDIR, whose LOCKS_FILE then
 * keeps their lock lines. */
void clang_pass1(const struct check_opts *o, struct results *r, const char *check,
		 const char *sumdir, const struct strv *srcs)
{
	struct strv none = { 0 }, have = { 0 }, lines = { 0 };
	char *pass1 = xasprintf("%s --pass1", check), *plugin = clang_plugin();
	struct summaries s;

	size_t ne0 = r->ne;
	time_t t0 = time(NULL);

	clang_pass(o, r, pass1, sumdir, srcs, &none);
	lock_records_load(sumdir, o->kdir, plugin, &have, &lines);
	summaries_load(sumdir, o->kdir, &s);
	drop_summarised_errors(r, ne0, &s, srcs, t0);
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
/*
 * After a refresh: a definer refreshed beside the file that stores its
 * function in a slot (xenbus_probe.c beside xenbus_probe_frontend.c,
 * which makes xenbus_dev_suspend() a dev_pm_ops.freeze) may have been
 * summarised before that file's "@stored" line was there, and then
 * misses the slot's context.  Those definers are refreshed again, once.
 */
static void refresh_definers(const struct check_opts *o, struct results *r,
			     const char *check, const char *sumdir,
			     const struct strv *refreshed)
{
	struct strv stored = { 0 }, definers = { 0 };
	struct summaries s;

	summaries_load(sumdir, o->kdir, &s);
	for (size_t i = 0; i < refreshed->n; i++) {
		const struct sumfile *f = summaries_of(&s, refreshed->v[i]);

		for (size_t j = 0; f && j < f->req_lines.n; j++) {
			const char *l = f->req_lines.v[j];

			if (!strncmp(l, "@stored ", 8))
				strv_push(&stored, xstrndup(l + 8, strcspn(l + 8, " ")));
		}
	}
	summaries_free(&s);
	strv_sort_uniq(&stored);
	if (stored.n)
		files_defining(o->kdir, refreshed, &stored, &definers);
	if (definers.n) {
		struct results scratch = { 0 };
		double t = now_seconds();

		clang_pass1(o, &scratch, check, sumdir, &definers);
		summary_pass_errors(r, &scratch);
		results_free(&scratch);
		summaries_log_pass("refresh-stored", &definers, now_seconds() - t);
	}
	strv_free(&stored);
	strv_free(&definers);
}

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
		refresh_definers(o, r, check, sumdir, &refresh);
	}

	clang_tree_index(o, r, check, sumdir, &k.srcs);
	clang_lockers(o->kdir, sumdir, &lockers);
	lock_lines_take(o, check, sumdir, &lockers, &k.srcs, &locks);

	/* with external modules: a private copy, the tree's summaries kept,
	 * and pass 1's lock lines read from the cache and left there */
	if (o->modules.n) {
		keep = sumdir;
		sumdir = make_tempdir("summaries");
		summaries_copy(keep, sumdir, o->kdir, 0);
		lock_records_copy(keep, sumdir, o->kdir, plugin);
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
		lock_records_copy(sumdir, keep, o->kdir, plugin);
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
