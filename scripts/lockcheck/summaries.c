// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-file requirement summaries for the Clang engine (issue 11).
 *
 * The plugin, given --summary-dir S, writes one S/<main file>.sum per
 * translation unit: the non-static functions that require a lock of an
 * argument ("fn ARG KIND [member]"), the slot contexts it saw ("@slot
 * struct.field ARG KIND"), its lock functions ("@acquires fn ARG KIND HOW
 * [member]"), the external functions it calls ("@uses fn"), the slots
 * it stores functions into ("@stores struct.field"), the functions of
 * other files it stores in one ("@stored fn struct.field"), the slots it
 * calls under a caller's contract ("@open struct.field") or only from its
 * API ("@api struct.field function", or "@notapi" when not), and the lines of the
 * configure calls it reached inside a bus callback ("@inbus LINE");
 * and it reads every .sum already in S.  Besides the files a run checks, the sources of the
 * tree that take a device lock and call through a slot the checked files
 * store into are summarised once from their AST (treeindex.c:
 * clang_tree_index()), for the slot contexts of the cores.  A requirement stated in one file is thus
 * enforced in another only when that file is analysed after the summary
 * exists.  engine_clang() runs pass 1 (the usual run, writing summaries)
 * and then re-analyses the files the summaries concern: this file decides
 * which, keeps S as a cache per tree and configuration, and merges the
 * passes' results (a re-analysed file's latest pass replaces its earlier
 * ones).
 *
 * The cache lives outside the tree: $IOMMU_LOCKCHECK_CACHE/summaries/HASH,
 * else $XDG_CACHE_HOME or ~/.cache/iommu-lockcheck/summaries/HASH, HASH of
 * the tree's real path and of its .config.  A summary is stale when its
 * source is newer than it, or another plugin wrote it (a new plugin may
 * summarise differently: the cache's plugin.id against the plugin's
 * PLUGIN.id, else the plugin's mtime); it is dropped when its source is
 * gone.  Headers are not tracked: a change in a header alone leaves the
 * summaries of the files that include it as they were, until those files
 * change or are checked.
 * External modules (often in temporary directories, and the user's code
 * rather than the tree's) are never kept: a run with modules works on a
 * private copy of the cache and keeps only the tree's summaries.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lockcheck.h"

int summaries_disabled;

int summaries_enabled(void)
{
	const char *e = getenv("IOMMU_LOCKCHECK_SUMMARIES");

	if (summaries_disabled)
		return 0;
	return !(e && (!strcmp(e, "off") || !strcmp(e, "0") || !strcmp(e, "no")));
}

char *summary_cache_dir(const char *kdir, char **why)
{
	const char *base = getenv("IOMMU_LOCKCHECK_CACHE");
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char real[PATH_MAX], *conf, *text, *root, *dir, *rel;
	size_t len = 0;
	/* 64-bit FNV-1a: a name for the directory, not a security measure */
	uint64_t h = 0xcbf29ce484222325ULL;

	*why = NULL;
	if (!realpath(kdir, real)) {
		*why = xasprintf("%s: %s", kdir, strerror(errno));
		return NULL;
	}
	conf = path_join(real, ".config");
	text = read_file(conf, &len);
	free(conf);
	h = fnv1a(h, real, strlen(real) + 1);
	if (text)
		h = fnv1a(h, text, len);
	free(text);
	if (base && *base)
		root = path_join(base, "summaries");
	else if (xdg && *xdg)
		root = path_join(xdg, "iommu-lockcheck/summaries");
	else if (home && *home)
		root = path_join(home, ".cache/iommu-lockcheck/summaries");
	else {
		*why = xstrdup("no $HOME, $XDG_CACHE_HOME or $IOMMU_LOCKCHECK_CACHE");
		return NULL;
	}
	dir = xasprintf("%s/%016llx", root, (unsigned long long)h);
	free(root);
	/* never in the user's tree: ask of the nearest existing ancestor,
	 * before creating anything */
	{
		char *anc = xstrdup(dir), *slash;

		while (!is_dir(anc) && (slash = strrchr(anc, '/')) && slash != anc)
			*slash = 0;
		rel = tree_relpath(kdir, is_dir(anc) ? anc : ".");
		free(anc);
	}
	if (rel) {
		*why = xasprintf("%s is inside the tree %s", dir, kdir);
		free(rel);
		free(dir);
		return NULL;
	}
	if (mkdir_p(dir)) {
		*why = xasprintf("cannot create %s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/* ---- reading summaries ---- */

static void sumfile_free(struct sumfile *s)
{
	free(s->sum);
	free(s->src);
	strv_free(&s->req);
	strv_free(&s->req_lines);
	strv_free(&s->slots);
	strv_free(&s->slot_lines);
	strv_free(&s->uses);
	strv_free(&s->stored);
	strv_free(&s->inbus);
	strv_free(&s->stores);
	strv_free(&s->asks);
	strv_free(&s->converts);
}

void summaries_free(struct summaries *s)
{
	for (size_t i = 0; i < s->n; i++)
		sumfile_free(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int field_count(const char *line)
{
	int n = 0;

	for (const char *p = line; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		n++;
		p += strcspn(p, " ");
	}
	return n;
}

static char *first_word(const char *s)
{
	while (*s == ' ')
		s++;
	return xstrndup(s, strcspn(s, " "));
}

/* One .sum file; 0 on success (a file without @file is not ours). */
static int sumfile_read(const char *path, const char *kdir, struct sumfile *s)
{
	char *text = read_file(path, NULL);

	memset(s, 0, sizeof(*s));
	if (!text)
		return -1;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strncmp(line, "@file ", 6)) {
			const char *f = line + 6;
			char *rel = f[0] == '/' ? tree_relpath(kdir, f) : NULL;

			free(s->src);
			s->src = rel ? rel : xstrdup(!strncmp(f, "./", 2) ? f + 2 : f);
		} else if (!strncmp(line, "@slot ", 6) && field_count(line) == 4) {
			strv_push(&s->slots, first_word(line + 6));
			strv_push(&s->slot_lines, xstrdup(line + 6));
		} else if ((!strncmp(line, "@acquires ", 10) && field_count(line) >= 5) ||
			   (!strncmp(line, "@releases ", 10) && field_count(line) >= 4)) {
			/* a lock or unlock function: its callers are
			 * re-analysed like a requirement's when it changes */
			strv_push(&s->req, first_word(line + 10));
			strv_push(&s->req_lines, xstrdup(line));
		} else if (!strncmp(line, "@configures ", 12) && field_count(line) == 3) {
			/* a function that re-points its parameter's device:
			 * its callers are analysed again, to say which device
			 * they hand in */
			strv_push(&s->req, first_word(line + 12));
			strv_push(&s->req_lines, xstrdup(line));
		} else if ((!strncmp(line, "@stored ", 8) && field_count(line) == 3) ||
			   (!strncmp(line, "@argdev ", 8) && field_count(line) == 4) ||
			   ((!strncmp(line, "@newfield ", 10) ||
			     !strncmp(line, "@setfield ", 10)) && field_count(line) == 2)) {
			/* a function of another file stored in a slot here,
			 * or handed a device here that it re-points; a field
			 * given new objects here, or others, which another
			 * file of a module may read: when that appears, the
			 * module is analysed again, and so are the files under
			 * the checked paths that name it and were not analysed
			 * yet.  The name is the word after the tag, whose
			 * length differs ("@newfield " is not "@stored ") */
			const char *name = strchr(line, ' ') + 1;

			strv_push(&s->stored, first_word(name));
			strv_push(&s->req, first_word(name));
			strv_push(&s->req_lines, xstrdup(line));
		} else if ((!strncmp(line, "@open ", 6) && field_count(line) == 2) ||
			   (!strncmp(line, "@api ", 5) && field_count(line) == 3)) {
			/* a slot called under a caller's contract, or only
			 * from an API: a change re-analyses the files storing
			 * into it, as @slot.  Not "@notapi", which every file
			 * calling a slot writes: its news can only add a
			 * finding, which the next check gets */
			const char *slot = strchr(line, ' ') + 1;

			strv_push(&s->slots, first_word(slot));
			strv_push(&s->slot_lines, xasprintf("%s %.*s", slot,
							    (int)(slot - line - 2), line + 1));
		} else if (!strncmp(line, "@inbus ", 7) && field_count(line) == 2) {
			strv_push(&s->inbus, first_word(line + 7));
		} else if (!strncmp(line, "@uses ", 6)) {
			strv_push(&s->uses, first_word(line + 6));
		} else if (!strncmp(line, "@asks ", 6) && field_count(line) == 2) {
			strv_push(&s->asks, first_word(line + 6));
		} else if (!strncmp(line, "@converts ", 10)) {
			strv_push(&s->converts, first_word(line + 10));
		} else if (!strncmp(line, "@stores ", 8)) {
			strv_push(&s->stores, first_word(line + 8));
		} else if (line[0] != '@' && field_count(line) >= 3) {
			strv_push(&s->req, first_word(line));
			strv_push(&s->req_lines, xstrdup(line));
		}
	}
	free(text);
	if (!s->src) {
		sumfile_free(s);
		return -1;
	}
	s->sum = xstrdup(path);
	strv_sort_uniq(&s->req);
	strv_sort_uniq(&s->slots);
	strv_sort_uniq(&s->uses);
	strv_sort_uniq(&s->stores);
	strv_sort_uniq(&s->stored);
	strv_sort_uniq(&s->asks);
	strv_sort_uniq(&s->converts);
	return 0;
}

static void list_sums(const char *dir, struct strv *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n > 4 && !strcmp(e->d_name + n - 4, ".sum"))
			strv_push(out, path_join(dir, e->d_name));
	}
	closedir(d);
	strv_sort_uniq(out);
}

void summaries_load(const char *dir, const char *kdir, struct summaries *s)
{
	struct strv files = { 0 };

	memset(s, 0, sizeof(*s));
	list_sums(dir, &files);
	s->v = xmalloc((files.n ? files.n : 1) * sizeof(*s->v));
	for (size_t i = 0; i < files.n; i++)
		if (!sumfile_read(files.v[i], kdir, &s->v[s->n]))
			s->n++;
	strv_free(&files);
}

const struct sumfile *summaries_of(const struct summaries *s, const char *src)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].src, src))
			return &s->v[i];
	return NULL;
}

static char *source_of(const char *kdir, const struct sumfile *s)
{
	return s->src[0] == '/' ? xstrdup(s->src) : path_join(kdir, s->src);
}

static int mtime_of(const char *path, struct timespec *t)
{
	struct stat st;

	if (stat(path, &st))
		return -1;
	*t = st.st_mtim;
	return 0;
}

static int newer_than(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* The build's stamp of what a plugin summarises with (make writes
 * PLUGIN.id: its sources and LLVM version), without the newline. */
static char *plugin_id(const char *plugin)
{
	char *path = xasprintf("%s.id", plugin), *id;
	size_t len = 0;

	id = read_file(path, &len);
	free(path);
	while (id && len && (id[len - 1] == '\n' || id[len - 1] == '\r'))
		id[--len] = 0;
	if (id && !len) {
		free(id);
		id = NULL;
	}
	return id;
}

void summaries_prune(const char *dir, const char *kdir, const char *plugin,
		     struct strv *stale)
{
	struct summaries s;
	struct timespec plug = { 0 };
	int have_plugin = !mtime_of(plugin, &plug);
	char *stamp = path_join(dir, "plugin.id");
	char *want = plugin_id(plugin), *have = read_file(stamp, NULL);
	int other_plugin;

	/* With a stamp, a summary is the plugin's when the cache's stamp is
	 * the same: a rebuild of the same sources (make clean, SANITIZE=1)
	 * keeps the cache, and going back to an older build does not take
	 * another build's summaries.  Without one, by time: any summary
	 * older than the plugin. */
	if (have)
		have[strcspn(have, "\r\n")] = 0;
	other_plugin = want && (!have || strcmp(want, have));

	summaries_load(dir, kdir, &s);
	for (size_t i = 0; i < s.n; i++) {
		char *src = source_of(kdir, &s.v[i]);
		struct timespec ts, tsum;
		int gone = mtime_of(src, &ts) != 0;

		if (mtime_of(s.v[i].sum, &tsum)) {
			free(src);
			continue;
		}
		/* an external module's: never kept (summaries_keep()) */
		if (s.v[i].src[0] == '/') {
			unlink(s.v[i].sum);
			free(src);
			continue;
		}
		if (gone || newer_than(&ts, &tsum) || other_plugin ||
		    (!want && have_plugin && newer_than(&plug, &tsum))) {
			unlink(s.v[i].sum);
			if (!gone && stale)
				strv_push(stale, xstrdup(s.v[i].src));
		}
		free(src);
	}
	summaries_free(&s);
	/* the names the index searched for (treeindex.c) were asked by the
	 * other plugin's summaries */
	if (other_plugin) {
		char *asked = path_join(dir, ASKED_FILE);

		unlink(asked);
		free(asked);
	}
	/* a .sum.tmp left by an analyzer that was killed mid-write */
	{
		DIR *d = opendir(dir);
		struct dirent *e;

		while (d && (e = readdir(d))) {
			size_t n = strlen(e->d_name);

			if (n > 8 && !strcmp(e->d_name + n - 8, ".sum.tmp")) {
				char *p = path_join(dir, e->d_name);

				unlink(p);
				free(p);
			}
		}
		if (d)
			closedir(d);
	}
	if (stale)
		strv_sort_uniq(stale);
	/* what remains (and what this run writes) is this plugin's */
	if (want) {
		char *line = xasprintf("%s\n", want);

		if (!have || strcmp(want, have))
			write_file_atomic(stamp, line, strlen(line));
		free(line);
	} else if (have) {
		unlink(stamp);
	}
	free(want);
	free(have);
	free(stamp);
}

/* ---- pass 1's lock lines (clang.c: lock_lines_*) ---- */

/* A lock function's lines: what it takes, drops, and returns locked. */
static int lock_line(const char *line, size_t len)
{
	return (len > 10 && (!strncmp(line, "@acquires ", 10) || !strncmp(line, "@releases ", 10))) ||
	       (len > 9 && !strncmp(line, "@returns ", 9));
}

char *sumfile_lock_lines(const char *path)
{
	size_t len, n = 0;
	char *text = read_file(path, &len), *out;

	if (!text)
		return NULL;
	out = xmalloc(len + 1);
	for (const char *p = text; *p;) {
		size_t l = strcspn(p, "\n");

		if (lock_line(p, l)) {
			memcpy(out + n, p, l);
			n += l;
			out[n++] = '\n';
		}
		p += l + (p[l] == '\n');
	}
	out[n] = 0;
	free(text);
	return out;
}

int sumfile_put_lock_lines(const char *path, const char *lines)
{
	size_t len, n = 0;
	char *text = read_file(path, &len), *out;
	int rc = 0;

	if (!text)
		return -1;
	out = xmalloc(len + strlen(lines) + 2);
	for (const char *p = text; *p;) {
		size_t l = strcspn(p, "\n");

		if (!lock_line(p, l)) {
			memcpy(out + n, p, l);
			n += l;
			out[n++] = '\n';
			/* after the first line, @file, where the plugin's
			 * sorted lines put them */
			if (p == text) {
				strcpy(out + n, lines);
				n += strlen(lines);
			}
		}
		p += l + (p[l] == '\n');
	}
	/* in a private copy a summary is a hard link of the cache's: written
	 * only when it changes, and then as a new file */
	if (n != len || memcmp(out, text, n))
		rc = write_file_atomic(path, out, n);
	free(out);
	free(text);
	return rc;
}

/* What a record holds for: the plugin's stamp, else its mtime (a
 * stand-in); a source's mtime. */
static char *plugin_identity(const char *plugin)
{
	char *id = plugin_id(plugin);
	struct timespec t;

	if (id)
		return id;
	if (mtime_of(plugin, &t))
		return xstrdup("none");
	return xasprintf("mtime-%lld.%09ld", (long long)t.tv_sec, t.tv_nsec);
}

static char *source_stamp(const char *kdir, const char *src)
{
	char *path = path_join(kdir, src), *stamp = NULL;
	struct timespec t;

	if (!mtime_of(path, &t))
		stamp = xasprintf("%lld.%09ld", (long long)t.tv_sec, t.tv_nsec);
	free(path);
	return stamp;
}

void lock_records_load(const char *dir, const char *kdir, const char *plugin,
		       struct strv *srcs, struct strv *lines)
{
	char *path = path_join(dir, LOCKS_FILE), *text = read_file(path, NULL);
	char *want = plugin_identity(plugin), *save = NULL, *line;

	line = text ? strtok_r(text, "\n", &save) : NULL;
	if (line && !strncmp(line, "plugin ", 7) && !strcmp(line + 7, want)) {
		while ((line = strtok_r(NULL, "\n", &save))) {
			char *tab = strchr(line, '\t'), *sp = strchr(line, ' ');
			char *stamp;

			if (!tab || !sp || sp > tab)
				continue;
			*sp = *tab = 0;
			stamp = source_stamp(kdir, line);
			if (stamp && !strcmp(stamp, sp + 1)) {
				char *joined = xstrdup(tab + 1);

				for (char *c = joined; *c; c++)
					if (*c == '\t')
						*c = '\n';
				strv_push(srcs, xstrdup(line));
				strv_push(lines, joined);
			}
			free(stamp);
		}
	}
	free(want);
	free(text);
	free(path);
}

void lock_records_save(const char *dir, const char *kdir, const char *plugin,
		       const struct strv *srcs, const struct strv *lines)
{
	char *path = path_join(dir, LOCKS_FILE), *id = plugin_identity(plugin);
	size_t cap = strlen(id) + 16, n;
	char *buf;

	for (size_t i = 0; i < srcs->n; i++)
		cap += strlen(srcs->v[i]) + strlen(lines->v[i]) + 40;
	buf = xmalloc(cap);
	n = sprintf(buf, "plugin %s\n", id);
	for (size_t i = 0; i < srcs->n; i++) {
		char *stamp = source_stamp(kdir, srcs->v[i]);

		if (!stamp)
			continue;
		n += sprintf(buf + n, "%s %s\t", srcs->v[i], stamp);
		/* one line a source: its lock lines joined by tabs */
		for (const char *c = lines->v[i]; *c; c++)
			buf[n++] = *c == '\n' ? '\t' : *c;
		buf[n++] = '\n';
		free(stamp);
	}
	write_file_atomic(path, buf, n);
	free(buf);
	free(id);
	free(path);
}

/* FROM's lock-line records into TO's, FROM's line for a source replacing
 * TO's; stale lines of either are dropped. */
void lock_records_copy(const char *from, const char *to, const char *kdir,
		       const char *plugin)
{
	struct strv srcs = { 0 }, lines = { 0 }, tsrcs = { 0 }, tlines = { 0 };

	lock_records_load(from, kdir, plugin, &srcs, &lines);
	lock_records_load(to, kdir, plugin, &tsrcs, &tlines);
	for (size_t i = 0; i < tsrcs.n; i++)
		if (strv_index(&srcs, tsrcs.v[i]) < 0) {
			strv_push(&srcs, xstrdup(tsrcs.v[i]));
			strv_push(&lines, xstrdup(tlines.v[i]));
		}
	lock_records_save(to, kdir, plugin, &srcs, &lines);
	strv_free(&srcs);
	strv_free(&lines);
	strv_free(&tsrcs);
	strv_free(&tlines);
}

/* FROM's summaries into TO, each replaced atomically: hard links (the
 * plugin replaces a summary by rename, never writes through one), or a
 * copy across file systems.  TREE_ONLY: only the tree's own. */
void summaries_copy(const char *from, const char *to, const char *kdir, int tree_only)
{
	struct strv files = { 0 };

	list_sums(from, &files);
	for (size_t i = 0; i < files.n; i++) {
		const char *base = strrchr(files.v[i], '/') + 1;
		char *dst = path_join(to, base);
		char *tmp = xasprintf("%s.%d.link", dst, (int)getpid());
		struct sumfile f;

		if (tree_only) {
			int outside = sumfile_read(files.v[i], kdir, &f) || f.src[0] == '/';

			if (!outside)
				sumfile_free(&f);
			if (outside) {
				free(dst);
				free(tmp);
				continue;
			}
		}
		unlink(tmp);
		if (!link(files.v[i], tmp)) {
			/* onto a link of the same file rename() does nothing */
			rename(tmp, dst);
			unlink(tmp);
		} else {
			size_t len;
			char *text = read_file(files.v[i], &len);

			if (text)
				write_file_atomic(dst, text, len);
			free(text);
		}
		free(dst);
		free(tmp);
	}
	strv_free(&files);
}

/* ---- which files a pass must (re)analyse ---- */

/* A summary line that says what the rules table already says: a REQUIRES
 * row, or an assert function (an assumption at its callers, never a
 * requirement).  Every TU knows those without summaries. */
static int table_line(const char *line)
{
	static const char *const requires[] = {
#define REQUIRES(fn, arg, lock) #fn " " #arg " " #lock,
#include "lockrules.def"
#undef REQUIRES
	};
	static const char *const asserts[] = {
#define ASSERT(fn, arg, lock) #fn,
#include "lockrules.def"
#undef ASSERT
	};
	size_t n = strcspn(line, " ");

	for (size_t i = 0; i < sizeof(requires) / sizeof(*requires); i++)
		if (!strcmp(line, requires[i]))
			return 1;
	for (size_t i = 0; i < sizeof(asserts) / sizeof(*asserts); i++)
		if (strlen(asserts[i]) == n && !strncmp(line, asserts[i], n))
			return 1;
	return 0;
}

/* Every requirement, stored-callback and slot-context line of every
 * summary, each tagged with its name: "R name\tline\tfile" (a function's
 * requirement or lock), "T name\tline\tfile" (what a file says of another
 * file's function or field: stored in a slot, handed a device, given new
 * objects or others), "S slot\tline". */
void summaries_snapshot(const struct summaries *s, struct strv *out)
{
	for (size_t i = 0; i < s->n; i++) {
		for (size_t j = 0; j < s->v[i].req_lines.n; j++) {
			const char *l = s->v[i].req_lines.v[j];
			int stored = !strncmp(l, "@stored ", 8) || !strncmp(l, "@argdev ", 8) ||
				     !strncmp(l, "@newfield ", 10) || !strncmp(l, "@setfield ", 10);

			if (table_line(l))
				continue;
			/* "@tag name ..." or "name ..." */
			const char *name = l[0] == '@' ? strchr(l, ' ') + 1 : l;

			strv_push(out, xasprintf("%c %.*s\t%s\t%s", stored ? 'T' : 'R',
						 (int)strcspn(name, " "), name, l, s->v[i].src));
		}
		for (size_t j = 0; j < s->v[i].slot_lines.n; j++) {
			const char *l = s->v[i].slot_lines.v[j];

			strv_push(out, xasprintf("S %.*s\t%s", (int)strcspn(l, " "), l, l));
		}
	}
	strv_sort_uniq(out);
}

/* The names whose lines differ between two snapshots, by tag. */
void summaries_changed(const struct strv *old, const struct strv *new,
		       struct strv *req, struct strv *stored, struct strv *slots)
{
	size_t i = 0, j = 0;

	while (i < old->n || j < new->n) {
		const char *d;
		int c = i == old->n ? 1 : j == new->n ? -1 : strcmp(old->v[i], new->v[j]);

		if (!c) {
			i++;
			j++;
			continue;
		}
		d = c < 0 ? old->v[i++] : new->v[j++];
		strv_push(d[0] == 'R' ? req : d[0] == 'T' ? stored : slots,
			  xstrndup(d + 2, strcspn(d + 2, "\t")));
	}
	strv_sort_uniq(req);
	strv_sort_uniq(stored);
	strv_sort_uniq(slots);
}

static int sorted_intersect(const struct strv *a, const struct strv *b)
{
	size_t i = 0, j = 0;

	while (i < a->n && j < b->n) {
		int c = strcmp(a->v[i], b->v[j]);

		if (!c)
			return 1;
		if (c < 0)
			i++;
		else
			j++;
	}
	return 0;
}

int summary_concerns(const struct sumfile *f, const struct strv *req,
		     const struct strv *slots)
{
	return sorted_intersect(&f->uses, req) || sorted_intersect(&f->stores, slots);
}

int summary_stores_one_of(const struct sumfile *f, const struct strv *names)
{
	return sorted_intersect(&f->stored, names);
}

/* A regex that matches a call or a reference of any of the names. */
char *names_alternation(const struct strv *names)
{
	size_t len = 16;
	char *re, *p;

	for (size_t i = 0; i < names->n; i++)
		len += strlen(names->v[i]) + 1;
	re = p = xmalloc(len);
	p += sprintf(p, "\\b(");
	for (size_t i = 0; i < names->n; i++)
		p += sprintf(p, "%s%s", i ? "|" : "", names->v[i]);
	sprintf(p, ")\\b");
	return re;
}

/* ---- results of several passes ---- */

static int path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == 0 || path[n] == '/');
}

static int under_any(const char *path, const struct strv *units)
{
	for (size_t i = 0; i < units->n; i++)
		if (path_under(path, units->v[i]))
			return 1;
	return 0;
}

static void copy_finding(struct results *to, struct finding *f)
{
	results_add(to, f->path, f->line, f->col, f->rule, f->message, f->engines);
	to->f[to->nf - 1].code_flows = f->code_flows;
	f->code_flows = NULL;
}

static void copy_error(struct results *to, const struct tool_error *e)
{
	results_error(to, e->path, e->engine, "%s", e->message);
}

static void copy_analysed(struct results *to, const struct results *from)
{
	size_t before = to->analysed;

	for (size_t i = 0; from->analysed_files && i < 3; i++)
		for (size_t j = 0; j < from->analysed_files[i].n; j++)
			if (!results_analysed_by(to, 1u << i, from->analysed_files[i].v[j]))
				results_analysed(to, 1u << i, from->analysed_files[i].v[j]);
	to->analysed = before;
}

void results_replace(struct results *acc, struct results *pass, const struct strv *units)
{
	struct strv done = { 0 };
	size_t j = 0;
	int global = 0;

	for (size_t i = 0; i < pass->ne; i++)
		global |= !pass->e[i].path;
	/* the units pass re-analysed without an error of their own */
	for (size_t i = 0; !global && i < units->n; i++) {
		int failed = 0;

		for (size_t e = 0; e < pass->ne; e++)
			failed |= path_under(pass->e[e].path, units->v[i]);
		if (!failed)
			strv_push(&done, xstrdup(units->v[i]));
	}
	for (size_t i = 0; i < acc->nf; i++) {
		struct finding *f = &acc->f[i];

		if (under_any(f->path, &done)) {
			finding_free(f);
			continue;
		}
		acc->f[j++] = *f;
	}
	acc->nf = j;
	j = 0;
	for (size_t i = 0; i < acc->ne; i++) {
		struct tool_error *e = &acc->e[i];

		if (e->path && under_any(e->path, &done)) {
			free(e->path);
			free(e->message);
			continue;
		}
		acc->e[j++] = *e;
	}
	acc->ne = j;
	/* a unit that failed here keeps its earlier findings; the failure is
	 * said once, about this pass */
	for (size_t i = 0; i < pass->nf; i++)
		if (under_any(pass->f[i].path, &done))
			copy_finding(acc, &pass->f[i]);
	for (size_t i = 0; i < pass->ne; i++) {
		const struct tool_error *e = &pass->e[i];

		results_error(acc, e->path, e->engine, "cross-file pass: %s", e->message);
	}
	copy_analysed(acc, pass);
	strv_free(&done);
}

void results_move(struct results *to, struct results *from)
{
	for (size_t i = 0; i < from->nf; i++)
		copy_finding(to, &from->f[i]);
	for (size_t i = 0; i < from->ne; i++)
		copy_error(to, &from->e[i]);
	copy_analysed(to, from);
	to->analysed += from->analysed;
	results_free(from);
}

/* ---- timing, for make bench and the tests ---- */

double now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* $IOMMU_LOCKCHECK_PASSES=FILE: one line per pass ("NAME files=N
 * seconds=S"), then its files ("NAME-file PATH"), appended. */
void summaries_log_pass(const char *name, const struct strv *files, double seconds)
{
	const char *log = getenv("IOMMU_LOCKCHECK_PASSES");
	FILE *f;

	if (verbose_progress)
		fprintf(stderr, "\r\033[Kclang: %s: %zu files, %.1f s\n", name, files->n, seconds);
	if (!log || !*log || !(f = fopen(log, "a")))
		return;
	fprintf(f, "%s files=%zu seconds=%.2f\n", name, files->n, seconds);
	for (size_t i = 0; i < files->n; i++)
		fprintf(f, "%s-file %s\n", name, files->v[i]);
	fclose(f);
}
