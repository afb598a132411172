// SPDX-License-Identifier: GPL-2.0
/*
 * The Sparse engine: kbuild with CHECK=sparse on a hard-linked copy of the
 * tree that sparse-annotations/apply annotates, so the user's tree is
 * never modified.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lockcheck.h"

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
void sparse_line(struct kbuild_run *k, struct results *r, const char *path,
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
		char *err;

		if (sparse_annotate(apply, o->kdir, tree, &err)) {
			results_error(r, NULL, ENGINE_SPARSE, "%s", err);
			free(err);
			goto rm;
		}
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
