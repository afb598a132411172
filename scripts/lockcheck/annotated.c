// SPDX-License-Identifier: GPL-2.0
/*
 * The Sparse engine's annotated tree, kept.  sparse-annotations/apply
 * spends about a minute of Coccinelle on a 6.12 tree, and what it writes
 * depends only on the tree's sources and on the annotation tool.  So its
 * files are kept in the tree's cache directory under a key of both, and
 * the next hard-linked copy of the same tree gets them back instead: the
 * same files, replaced as apply replaces them, never written through.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lockcheck.h"

#define KEPT_DIR	"sparse-annotations"	/* in summary_cache_dir() */
#define APPLIED_DIR	".iommu-lockcheck/sparse"	/* apply's "annotated" marker */
#define FNV_BASIS	0xcbf29ce484222325ULL

static uint64_t sources_key;	/* nftw() passes no context */

/* Every .c and .h of the tree by path, size, mtime and inode: apply reads
 * the sources that name the dma_configure functions, iommu.c and headers.
 * Summed, since readdir's order is no property of the tree. */
static int key_source(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	size_t n = strlen(base);
	uint64_t h;

	if (type == FTW_D && (!strcmp(base, ".iommu-lockcheck") || !strcmp(base, ".git")))
		return FTW_SKIP_SUBTREE;
	if (type != FTW_F || n < 3 || base[n - 2] != '.' || (base[n - 1] != 'c' && base[n - 1] != 'h'))
		return FTW_CONTINUE;
	h = fnv1a(FNV_BASIS, path, n + ftw->base);
	h = fnv1a(h, &st->st_size, sizeof(st->st_size));
	h = fnv1a(h, &st->st_mtim, sizeof(st->st_mtim));
	h = fnv1a(h, &st->st_ino, sizeof(st->st_ino));
	sources_key += h;
	return FTW_CONTINUE;
}

/* a file of this project by name and contents: a clone elsewhere (CI's)
 * shares the entries */
static uint64_t key_file(uint64_t h, const char *name, const char *path)
{
	size_t len;
	char *text = read_file(path, &len);

	h = fnv1a(h, name, strlen(name) + 1);
	if (text)
		h = fnv1a(h, text, len);
	free(text);
	return h;
}

/* The annotation tool: its files, the rules table and macros it reads,
 * and the spatch that apply runs (from PATH). */
static uint64_t key_tool(void)
{
	static const char *const read[] = { "cocci/lockcheck_macros.h", "scripts/lockrules.def" };
	char *dir = top_path("sparse-annotations");
	char *const version[] = { "spatch", "--version", NULL };
	struct proc p = { .argv = version };
	struct dirent **names;
	uint64_t h = FNV_BASIS;
	int n = scandir(dir, &names, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]->d_name);

		if (is_file(path))
			h = key_file(h, names[i]->d_name, path);
		free(path);
		free(names[i]);
	}
	if (n > 0)
		free(names);
	for (size_t i = 0; i < sizeof(read) / sizeof(read[0]); i++) {
		char *path = top_path(read[i]);

		h = key_file(h, read[i], path);
		free(path);
	}
	if (!run_proc(&p) && !p.status && p.out)
		h = fnv1a(h, p.out, strlen(p.out));
	proc_free(&p);
	free(dir);
	return h;
}

/* The entry for KDIR as it is now: NULL when there is no cache. */
static char *kept_entry(const char *kdir)
{
	char *why, *cache = summary_cache_dir(kdir, &why), *entry;
	char real[PATH_MAX];

	free(why);
	if (!cache || !realpath(kdir, real)) {
		free(cache);
		return NULL;
	}
	sources_key = 0;
	if (nftw(real, key_source, 32, FTW_PHYS | FTW_ACTIONRETVAL)) {
		free(cache);
		return NULL;
	}
	entry = xasprintf("%s/" KEPT_DIR "/%016llx%016llx", cache,
			  (unsigned long long)key_tool(), (unsigned long long)sources_key);
	free(cache);
	return entry;
}

/* A list file of apply's state: relative paths, one per line. */
static int read_list(const char *dir, const char *name, struct strv *out)
{
	char *path = path_join(dir, name);
	char *text = read_file(path, NULL);

	free(path);
	if (!text)
		return -1;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '/' || strstr(line, "..")) {
			free(text);
			return -1;
		}
		strv_push(out, xstrdup(line));
	}
	free(text);
	return 0;
}

/* text as root/rel, replaced atomically, its directory made if need be */
static int put_file(const char *root, const char *rel, const char *text, size_t len)
{
	char *to = path_join(root, rel), *parent = xstrdup(to);
	int rc;

	*strrchr(parent, '/') = 0;
	rc = mkdir_p(parent) || write_file_atomic(to, text, len);
	free(parent);
	free(to);
	return rc;
}

/* Each of files (relative paths) from under src to under dst. */
static int copy_files(const char *src, const char *dst, const struct strv *files)
{
	for (size_t i = 0; i < files->n; i++) {
		char *from = path_join(src, files->v[i]);
		size_t len;
		char *text = read_file(from, &len);
		int rc = !text || put_file(dst, files->v[i], text, len);

		free(text);
		free(from);
		if (rc)
			return -1;
	}
	return 0;
}

/* apply's lists in dir, and both in one */
static int read_state(const char *dir, struct strv *touched, struct strv *created,
		      struct strv *all)
{
	if (read_list(dir, "touched", touched) || read_list(dir, "created", created))
		return -1;
	for (size_t i = 0; i < touched->n; i++)
		strv_push(all, xstrdup(touched->v[i]));
	for (size_t i = 0; i < created->n; i++)
		strv_push(all, xstrdup(created->v[i]));
	return 0;
}

static int put_lists(const char *dir, const struct strv *touched, const struct strv *created)
{
	const struct strv *lists[] = { touched, created };
	const char *names[] = { "touched", "created" };
	int rc = mkdir_p(dir);

	for (int l = 0; l < 2 && !rc; l++) {
		char *path = path_join(dir, names[l]), *text = xstrdup("");

		for (size_t i = 0; i < lists[l]->n; i++) {
			char *more = xasprintf("%s%s\n", text, lists[l]->v[i]);

			free(text);
			text = more;
		}
		rc = write_file_atomic(path, text, strlen(text));
		free(text);
		free(path);
	}
	return rc;
}

/* Files of entry, all read before any is written: -1, the copy is left
 * as it was, for apply; -2, it is half written (a full disk). */
static int replay(const char *entry, const char *tree)
{
	struct strv touched = { 0 }, created = { 0 }, all = { 0 }, texts = { 0 };
	char *files = path_join(entry, "files"), *state = path_join(tree, APPLIED_DIR);
	size_t *lens = NULL;
	int rc = -1;

	if (!is_dir(files) || read_state(entry, &touched, &created, &all))
		goto out;
	lens = xmalloc((all.n + 1) * sizeof(*lens));
	for (size_t i = 0; i < all.n; i++) {
		char *path = path_join(files, all.v[i]), *text = read_file(path, &lens[i]);

		free(path);
		if (!text)
			goto out;
		strv_push(&texts, text);
	}
	for (size_t i = 0; i < all.n; i++)
		if (put_file(tree, all.v[i], texts.v[i], lens[i])) {
			rc = -2;
			goto out;
		}
	rc = put_lists(state, &touched, &created) ? -2 : 0;
out:
	strv_free(&touched);
	strv_free(&created);
	strv_free(&all);
	strv_free(&texts);
	free(lens);
	free(files);
	free(state);
	return rc;
}

/* After apply annotated tree: its files into entry, whole or not at all. */
static void keep(const char *entry, const char *tree)
{
	struct strv touched = { 0 }, created = { 0 }, all = { 0 };
	char *state = path_join(tree, APPLIED_DIR);
	char *tmp = xasprintf("%s.tmp.%d", entry, (int)getpid());
	char *files = path_join(tmp, "files"), *parent = xstrdup(entry);

	*strrchr(parent, '/') = 0;
	if (is_dir(entry) || read_state(state, &touched, &created, &all))
		goto out;
	remove_tree(tmp);
	if (copy_files(tree, files, &all) || put_lists(tmp, &touched, &created) ||
	    rename(tmp, entry)) {
		remove_tree(tmp);	/* another run kept the same entry first */
		goto out;
	}
	/* one entry per tree: the others are of its earlier sources */
	{
		DIR *d = opendir(parent);
		struct dirent *e;
		const char *mine = strrchr(entry, '/') + 1;

		while (d && (e = readdir(d))) {
			char *dot = strstr(e->d_name, ".tmp.");
			char *path;

			if (e->d_name[0] == '.' || !strcmp(e->d_name, mine))
				continue;
			/* a running run's half-kept entry stays */
			if (dot && kill(atoi(dot + 5), 0) == 0)
				continue;
			path = path_join(parent, e->d_name);
			remove_tree(path);
			free(path);
		}
		if (d)
			closedir(d);
	}
out:
	strv_free(&touched);
	strv_free(&created);
	strv_free(&all);
	free(state);
	free(tmp);
	free(files);
	free(parent);
}

static void log_annotation(const char *how, double seconds)
{
	const char *log = getenv("IOMMU_LOCKCHECK_PASSES");
	FILE *f;

	if (log && *log && (f = fopen(log, "a"))) {
		fprintf(f, "sparse-annotations %s seconds=%.2f\n", how, seconds);
		fclose(f);
	}
}

/* Annotate tree, a hard-linked copy of kdir, as "apply tree" does; 0, or
 * not, and why in *err. */
int sparse_annotate(const char *apply, const char *kdir, const char *tree, char **err)
{
	char *const argv[] = { (char *)apply, (char *)tree, NULL };
	struct proc p = { .argv = argv };
	double t = now_seconds();
	char *entry = kept_entry(kdir);
	int rc;

	*err = NULL;
	if (entry && is_dir(entry)) {
		rc = replay(entry, tree);
		if (rc != -1) {
			if (rc)
				*err = xasprintf("cannot write the kept annotation %s into %s: %s",
						 entry, tree, strerror(errno));
			else
				log_annotation("kept", now_seconds() - t);
			free(entry);
			return rc;
		}
		remove_tree(entry);	/* damaged: apply's files replace it */
	}
	rc = run_proc(&p) || p.status;
	if (rc)
		*err = xasprintf("sparse-annotations/apply refused the tree: %s%s",
				 p.err ? p.err : "", p.out ? p.out : "");
	else if (entry)
		keep(entry, tree);
	if (!rc)
		log_annotation("applied", now_seconds() - t);
	proc_free(&p);
	free(entry);
	return rc;
}
