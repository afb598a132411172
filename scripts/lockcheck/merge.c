// SPDX-License-Identifier: GPL-2.0
/*
 * One verdict per site (issue 10): the engines are merged rule by rule by
 * authority, not by union.  Clang follows every path of a function, so
 * where it analysed a file its verdict on the lock rules stands: a
 * device-lock-required, group-mutex-required or lock-imbalance finding
 * that only Sparse (one counter for every lock context) or Coccinelle
 * (no paths) saw in that file is kept in JSON and SARIF, marked
 * unconfirmed, but not printed.  dma-configure-outside-bus is a fact about
 * a call, not a path, so every engine is an authority on it: one finding
 * per site with every engine that saw it (results_finish()); except where
 * Clang reached the call inside a bus_type.dma_configure callback (a
 * static helper of one, one stored by another file), which the others,
 * judging one function or one file at a time, cannot see.  A file clang
 * did not analyse (not built, failed, clang not run) keeps every engine's
 * findings, so each engine still works alone.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "lockcheck.h"

static int engine_slot(unsigned engine)
{
	switch (engine) {
	case ENGINE_COCCI: return 0;
	case ENGINE_CLANG: return 1;
	case ENGINE_SPARSE: return 2;
	}
	return -1;
}

void results_analysed(struct results *r, unsigned engine, const char *path)
{
	int slot = engine_slot(engine);

	r->analysed++;
	if (!path || slot < 0)
		return;
	if (!r->analysed_files)
		r->analysed_files = calloc(3, sizeof(*r->analysed_files));
	if (!r->analysed_files) {
		fprintf(stderr, "iommu-lockcheck: out of memory\n");
		exit(2);
	}
	strv_push(&r->analysed_files[slot], xstrdup(path));
}

/* PATH is DIR or a file below it. */
static int path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == 0 || path[n] == '/');
}

int results_analysed_by(const struct results *r, unsigned engine, const char *path)
{
	int slot = engine_slot(engine);
	const struct strv *files;

	if (slot < 0 || !r->analysed_files)
		return 0;
	files = &r->analysed_files[slot];
	for (size_t i = 0; i < files->n; i++)
		if (path_under(path, files->v[i]))
			return 1;
	return 0;
}

static int lock_rule(const char *rule)
{
	return !strcmp(rule, "device-lock-required") ||
	       !strcmp(rule, "group-mutex-required") ||
	       !strcmp(rule, "lock-imbalance");
}

void results_merge(struct results *r)
{
	for (size_t i = 0; i < r->nf; i++) {
		struct finding *f = &r->f[i];

		int clang_file = !(f->engines & ENGINE_CLANG) &&
				 results_analysed_by(r, ENGINE_CLANG, f->path);

		f->unconfirmed = clang_file && lock_rule(f->rule);
		if (clang_file && !strcmp(f->rule, "dma-configure-outside-bus")) {
			char *site = xasprintf("%s:%d", f->path, f->line);

			f->unconfirmed = strv_contains(&r->in_bus_callback, site);
			free(site);
		}
	}
}
