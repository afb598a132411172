// SPDX-License-Identifier: GPL-2.0
/*
 * fix: the series a maintainer would send, in git format-patch layout: a
 * cover letter (0000-cover-letter.patch) that names every call site of the
 * selection and what the series does with it, then one patch per driver
 * file, "[PATCH n/m] prefix: summary", signed off by the sender and Cc'd to
 * whom the tree's get_maintainer.pl names.  The rewrites are the ones of
 * cocci/of_dma_configure.cocci (lock, annotate, fwspec); with auto, each
 * site gets the one its pattern and context call for, and the patch is
 * assembled from those sites' hunks.  Every patch is checked with git apply
 * --check and the tree's checkpatch.pl; the tree is written only with
 * --apply.
 *
 * annotate: sparse-annotations/apply.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <getopt.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lockcheck.h"

enum strategy { S_LOCK, S_ANNOTATE, S_FWSPEC, S_AUTO };
static const char *const strategy_names[] = { "lock", "annotate", "fwspec", "auto" };
static const char *const action_flag[] = { NULL, NULL, "annotate", "fwspec" };

struct fixfile {
	char *path;		/* relative to the tree */
	char *diff[4];		/* per fix_action: spatch's diff, "" when none */
	char *skipped[4];	/* its "rewrite skipped" lines: sites left alone, and why */
	int failed[4];		/* spatch failed on the file */
	char *combined;		/* the patch's diff: the chosen sites' hunks */
	struct fix_site **sites;
	size_t nsites;
	int number;		/* in the series; 0: no patch */
	char *prefix, *summary;
	char *patch;		/* file written in --out */
	int check_ok;		/* git apply --check passed */
	int cp_rc, cp_errors, cp_warnings;	/* checkpatch: 0 clean, 1 not, -1 not run */
	int no_cc;		/* get_maintainer.pl gave nobody */
	const char *build;	/* build-test verdict */
};

/* The lines of spatch's stderr in which the script says which site it left
 * alone and why ("FILE:LINE:COL: lock rewrite skipped for ...: WHY"). */
static char *skip_lines(const char *err)
{
	size_t len = 0;
	char *out = xmalloc(strlen(err) + 1);

	for (const char *l = err; *l;) {
		const char *end = strchrnul(l, '\n');

		if (memmem(l, end - l, " rewrite skipped", 16)) {
			memcpy(out + len, l, end - l);
			len += end - l;
			out[len++] = '\n';
		}
		l = *end ? end + 1 : end;
	}
	out[len] = 0;
	return out;
}

/* The skip line about PATH:LINE, and its WHY (between "): " or "skipped: "
 * and " [rule]"); NULL when the script did not skip it. */
static char *skip_for(const char *skipped, const char *path, int line, char **why)
{
	char *key = xasprintf("%s:%d:", path, line);
	size_t kl = strlen(key);

	*why = NULL;
	for (const char *l = skipped; l && *l;) {
		const char *end = strchrnul(l, '\n');

		if (!strncmp(l, key, kl)) {
			char *ln = xstrndup(l, end - l);
			char *w = strstr(ln, "(): "), *rule = strrchr(ln, '[');

			w = w ? w + 4 : strstr(ln, "skipped: ");
			if (w && !strncmp(w, "skipped: ", 9))
				w += 9;
			if (w) {
				size_t wl = rule && rule > w ? (size_t)(rule - w) : strlen(w);

				while (wl && w[wl - 1] == ' ')
					wl--;
				*why = xstrndup(w, wl);
			}
			free(key);
			return ln;
		}
		l = *end ? end + 1 : end;
	}
	free(key);
	return NULL;
}

static int tree_has_fwspec(const char *kdir)
{
	char *h = path_join(kdir, "include/linux/iommu.h");
	char *text = read_file(h, NULL);
	int yes = text && strstr(text, "iommu_fwspec_alloc(");

	free(h);
	free(text);
	return yes;
}

/* Read a --drivers list: one path per line, '#' starts a comment. */
static int read_list(const char *file, struct strv *out)
{
	char *text = read_file(file, NULL), *save;

	if (!text)
		return -1;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *hash = strchr(l, '#');
		char *end;

		if (hash)
			*hash = 0;
		while (isspace((unsigned char)*l))
			l++;
		end = l + strlen(l);
		while (end > l && isspace((unsigned char)end[-1]))
			*--end = 0;
		if (*l)
			strv_push(out, xstrdup(l));
	}
	free(text);
	return 0;
}


/* ---- hunks: a patch made of the chosen sites' changes ---- */

struct hunk {
	int os, ol, nl;		/* old start and length, new length */
	char *rest;		/* the header after the second "@@" */
	char *body;		/* its lines */
	int *touched;		/* old lines it changes or inserts next to */
	size_t ntouched;
	enum fix_action action;
	int keep, veto;
};

static void touch(struct hunk *h, int line)
{
	h->touched = xrealloc(h->touched, (h->ntouched + 1) * sizeof(int));
	h->touched[h->ntouched++] = line;
}

static int touches(const struct hunk *h, int line)
{
	for (size_t i = 0; i < h->ntouched; i++)
		if (h->touched[i] == line)
			return 1;
	return 0;
}

/* The hunks of a unified diff (spatch's "diff -u -p" output). */
static size_t parse_hunks(const char *diff, enum fix_action a, struct hunk **out)
{
	size_t n = 0;
	struct hunk *h = NULL;
	int old = 0;

	*out = NULL;
	for (const char *l = diff; l && *l;) {
		const char *end = strchrnul(l, '\n');
		size_t len = end - l + (*end == '\n');

		if (!strncmp(l, "@@ -", 4)) {
			int os, ol = 1, ns, nl = 1;
			const char *p = l + 4, *rest;

			os = (int)strtol(p, (char **)&p, 10);
			if (*p == ',')
				ol = (int)strtol(p + 1, (char **)&p, 10);
			p = strchr(p, '+');
			ns = p ? (int)strtol(p + 1, (char **)&p, 10) : 0;
			(void)ns;
			if (p && *p == ',')
				nl = (int)strtol(p + 1, (char **)&p, 10);
			rest = p ? strstr(p, "@@") : NULL;
			*out = xrealloc(*out, (n + 1) * sizeof(**out));
			h = &(*out)[n++];
			memset(h, 0, sizeof(*h));
			h->os = os;
			h->ol = ol;
			h->nl = nl;
			h->action = a;
			h->rest = rest ? xstrndup(rest + 2, end - rest - 2) : xstrdup("");
			h->body = xstrdup("");
			old = os;
		} else if (h && (l[0] == ' ' || l[0] == '-' || l[0] == '+' || l[0] == '\\')) {
			char *b = xasprintf("%s%.*s", h->body, (int)len, l);

			free(h->body);
			h->body = b;
			if (l[0] == '-') {
				touch(h, old);
			} else if (l[0] == '+') {
				/* inserted between old - 1 and old: a comment goes
				 * above the statement ("if (x)\n\tcall()"), a lock
				 * around the call */
				touch(h, old - 1);
				touch(h, old);
				touch(h, old + 1);
			}
			if (l[0] == ' ' || l[0] == '-')
				old++;
		} else if (h) {
			h = NULL;	/* the next file's header */
		}
		l += len;
	}
	return n;
}

static void hunks_free(struct hunk *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(h[i].rest);
		free(h[i].body);
		free(h[i].touched);
	}
	free(h);
}

static int cmp_hunk(const void *a, const void *b)
{
	const struct hunk *x = *(struct hunk *const *)a, *y = *(struct hunk *const *)b;

	return x->os - y->os;
}

static void leave(struct fix_site *s, char *why)
{
	s->patch = 0;
	free(s->left_why);
	s->left_why = why;
}

/*
 * The file's patch: for each site, the hunk of its action's rewrite that
 * changes its line.  A hunk that also changes a site meant for another
 * action (or one the series leaves alone) is not taken, nor one that
 * overlaps a hunk already taken: those sites are left alone, saying so.
 */
static void assemble(struct fixfile *ff)
{
	struct hunk *all[4] = { 0 };
	size_t nall[4] = { 0 };
	struct hunk **kept = NULL;
	size_t nkept = 0;

	for (int a = FIX_LOCK; a <= FIX_FWSPEC; a++)
		if (ff->diff[a])
			nall[a] = parse_hunks(ff->diff[a], a, &all[a]);
	/* vetoes: a hunk changing a site that is not its action's, or blocked */
	for (int a = FIX_LOCK; a <= FIX_FWSPEC; a++)
		for (size_t i = 0; i < nall[a]; i++)
			for (size_t j = 0; j < ff->nsites; j++) {
				struct fix_site *s = ff->sites[j];

				if (touches(&all[a][i], s->line) &&
				    (s->action != (enum fix_action)a || s->left_why))
					all[a][i].veto = s->line;
			}
	for (size_t j = 0; j < ff->nsites; j++) {
		struct fix_site *s = ff->sites[j];
		struct hunk *h = NULL;

		if (s->left_why || s->action == FIX_NONE)
			continue;
		for (size_t i = 0; i < nall[s->action] && !h; i++)
			if (touches(&all[s->action][i], s->line))
				h = &all[s->action][i];
		if (!h) {
			leave(s, xasprintf("the %s rewrite changes nothing at this call",
					   fix_action_names[s->action]));
			continue;
		}
		if (h->veto && h->veto != s->line) {
			leave(s, xasprintf("its %s rewrite shares a hunk with the call at line %d, "
					   "which the series handles otherwise; change it by hand",
					   fix_action_names[s->action], h->veto));
			continue;
		}
		if (h->keep) {
			s->patch = -1;
			continue;
		}
		for (size_t k = 0; k < nkept; k++)
			if (h->os < kept[k]->os + kept[k]->ol && kept[k]->os < h->os + h->ol) {
				leave(s, xasprintf("its %s rewrite overlaps the %s change at line %d; "
						   "change it by hand", fix_action_names[s->action],
						   fix_action_names[kept[k]->action], kept[k]->os));
				h = NULL;
				break;
			}
		if (!h)
			continue;
		h->keep = 1;
		kept = xrealloc(kept, (nkept + 1) * sizeof(*kept));
		kept[nkept++] = h;
		s->patch = -1;	/* numbered when the series is */
	}
	/* a change that matches no site of the selection is not sent unexplained */
	for (int a = FIX_LOCK; a <= FIX_FWSPEC; a++)
		for (size_t i = 0; i < nall[a]; i++) {
			int site = 0;

			for (size_t j = 0; j < ff->nsites; j++)
				site |= touches(&all[a][i], ff->sites[j]->line);
			if (!site)
				fprintf(stderr, "%s:%d: the %s rewrite changes code that is no call "
					"site of the selection; left out of the patch\n", ff->path,
					all[a][i].os, fix_action_names[a]);
		}
	if (nkept) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		int delta = 0;

		qsort(kept, nkept, sizeof(*kept), cmp_hunk);	/* kept is NULL when empty */

		fprintf(f, "--- a/%s\n+++ b/%s\n", ff->path, ff->path);
		for (size_t k = 0; k < nkept; k++) {
			fprintf(f, "@@ -%d,%d +%d,%d @@%s\n%s", kept[k]->os, kept[k]->ol,
				kept[k]->os + delta, kept[k]->nl, kept[k]->rest, kept[k]->body);
			delta += kept[k]->nl - kept[k]->ol;
		}
		fclose(f);
		ff->combined = buf;
	} else {
		ff->combined = xstrdup("");
	}
	free(kept);
	for (int a = FIX_LOCK; a <= FIX_FWSPEC; a++)
		hunks_free(all[a], nall[a]);
}

/* ---- --strategy=auto ---- */

static int probed(const struct fix_site *s)
{
	return s->pattern && !strcmp(s->pattern, "probed-device");
}

/* Per site, from its pattern and context: lock where another driver can
 * bind to the device while the call runs; the FIXME where the lock would
 * protect nothing or cannot be taken. */
static void decide_auto(struct fix_site *s, int fwspec)
{
	int held = strncmp(s->lock, "not held", 8) != 0;
	enum fix_action lock = fwspec && !strcmp(s->callee, "of_dma_configure") ?
			       FIX_FWSPEC : FIX_LOCK;

	if (probed(s) && strstr(s->lock, "driver core")) {
		s->action = FIX_ANNOTATE;
		s->auto_why = xstrdup("the device being probed (pattern 3): the driver core "
				      "holds its device_lock(), so the FIXME marks the call");
	} else if (probed(s)) {
		s->action = FIX_ANNOTATE;
		s->auto_why = xstrdup("the driver's own probed device (pattern 3): its "
				      "device_lock() may be held on this path, so taking it "
				      "could deadlock; the FIXME marks the call");
	} else if (s->state == DEV_NOT_ADDED) {
		s->action = FIX_ANNOTATE;
		s->auto_why = xstrdup("the device is not on its bus yet: no driver can bind "
				      "to it, so it needs no lock; the FIXME marks the call");
	} else if (s->state == DEV_UNINIT) {
		s->action = FIX_ANNOTATE;
		s->auto_why = xstrdup("the device is not initialized yet: it needs no lock "
				      "and has no usable one; the FIXME marks the call");
	} else if (held) {
		s->action = FIX_ANNOTATE;
		s->auto_why = xstrdup("device_lock() is held already; the FIXME marks the "
				      "call outside bus_type.dma_configure");
	} else if (s->state == DEV_ADDED) {
		s->action = lock;
		s->auto_why = xstrdup("the device is on its bus already: a driver can bind "
				      "to it while the call runs");
	} else if (s->pattern && !strcmp(s->pattern, "foreign-device")) {
		s->action = lock;
		s->auto_why = xstrdup("a device this driver did not create: a driver can "
				      "bind to it while the call runs");
	} else {
		s->action = lock;
		s->auto_why = xstrdup("the file does not show whether the device is on its "
				      "bus yet; locked as if it were");
	}
}

/* ---- the mails ---- */

/* RFC 2047 for a display name that is not ASCII, as git format-patch does:
 * "=?UTF-8?q?...?= <mail>". */
static char *header_address(const char *addr)
{
	const char *lt = strrchr(addr, '<');
	int ascii = 1;

	for (const char *p = addr; *p; p++)
		ascii &= !((unsigned char)*p & 0x80);
	if (ascii || !lt)
		return xstrdup(addr);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *b = addr, *e = lt;

	while (e > b && e[-1] == ' ')
		e--;
	if (*b == '"' && e > b + 1 && e[-1] == '"') {
		b++;
		e--;
	}
	fputs("=?UTF-8?q?", f);
	for (const char *p = b; p < e; p++) {
		unsigned char c = *p;

		if (c == ' ')
			fputc('_', f);
		else if (isalnum(c) || strchr("!*+-/", c))
			fputc(c, f);
		else
			fprintf(f, "=%02X", c);
	}
	fprintf(f, "?= %s", lt);
	fclose(f);
	return buf;
}

static int non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s & 0x80)
			return 1;
	return 0;
}

static void mail_head(FILE *f, const char *from, const char *date, const char *subject,
		      const struct strv *cc, int mime)
{
	char *h = header_address(from);

	fprintf(f, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n");
	fprintf(f, "From: %s\nDate: %s\nSubject: %s\n", h, date, subject);
	free(h);
	for (size_t i = 0; cc && i < cc->n; i++) {
		h = header_address(cc->v[i]);
		fprintf(f, "%s%s%s", i ? "    " : "Cc: ", h, i + 1 < cc->n ? ",\n" : "\n");
		free(h);
	}
	if (mime)
		fprintf(f, "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
			"Content-Transfer-Encoding: 8bit\n");
	fputc('\n', f);
}

static void count_lines(const char *diff, int *add, int *del)
{
	*add = *del = 0;
	for (const char *l = diff; l && *l;) {
		if (l[0] == '+' && strncmp(l, "+++ ", 4))
			(*add)++;
		else if (l[0] == '-' && strncmp(l, "--- ", 4))
			(*del)++;
		l = strchr(l, '\n');
		if (l)
			l++;
	}
}

/* git's diffstat for the files of FF with a patch */
static void diffstat(FILE *f, struct fixfile *ff, size_t n)
{
	int width = 0, files = 0, tadd = 0, tdel = 0;

	for (size_t i = 0; i < n; i++)
		if (ff[i].number && (int)strlen(ff[i].path) > width)
			width = (int)strlen(ff[i].path);
	for (size_t i = 0; i < n; i++) {
		int add, del;

		if (!ff[i].number)
			continue;
		count_lines(ff[i].combined, &add, &del);
		fprintf(f, " %-*s | %d ", width, ff[i].path, add + del);
		for (int k = 0; k < add; k++)
			fputc('+', f);
		for (int k = 0; k < del; k++)
			fputc('-', f);
		fputc('\n', f);
		files++;
		tadd += add;
		tdel += del;
	}
	fprintf(f, " %d file%s changed", files, files == 1 ? "" : "s");
	if (tadd)
		fprintf(f, ", %d insertion%s(+)", tadd, tadd == 1 ? "" : "s");
	if (tdel)
		fprintf(f, ", %d deletion%s(-)", tdel, tdel == 1 ? "" : "s");
	fprintf(f, "\n\n");
}

static char *make_patch(struct fixfile *ff, size_t total, const char *from,
			const char *date, const char *link, const struct strv *cc)
{
	char *buf = NULL, *body, *subject;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	struct fix_site **mine = xmalloc((ff->nsites + 1) * sizeof(*mine));
	size_t nmine = 0;

	for (size_t i = 0; i < ff->nsites; i++)
		if (ff->sites[i]->patch == ff->number)
			mine[nmine++] = ff->sites[i];
	body = patch_body(mine, nmine);
	free(mine);
	subject = xasprintf("[PATCH %d/%zu] %s: %s", ff->number, total, ff->prefix, ff->summary);
	mail_head(f, from, date, subject, cc, non_ascii(body) || non_ascii(from));
	fprintf(f, "%s\n", body);
	if (link)
		fprintf(f, "Link: %s\n", link);
	fprintf(f, "Signed-off-by: %s\n---\n", from);
	diffstat(f, ff, 1);
	fprintf(f, "diff --git a/%s b/%s\n%s", ff->path, ff->path, ff->combined);
	fprintf(f, "-- \niommu-lockcheck\n\n");
	fclose(f);
	free(body);
	free(subject);
	return buf;
}

/* git format-patch's file name: the subject, dashed, at most 52 chars */
static char *slug_of(const char *prefix, const char *summary)
{
	char *subj = xasprintf("%s: %s", prefix, summary), *slug = xmalloc(strlen(subj) + 1);
	size_t k = 0;

	for (char *c = subj; *c && k < 52; c++) {
		if (isalnum((unsigned char)*c) || *c == '_' || *c == '.')
			slug[k++] = *c;
		else if (k && slug[k - 1] != '-')
			slug[k++] = '-';
	}
	while (k && (slug[k - 1] == '-' || slug[k - 1] == '.'))
		k--;
	slug[k] = 0;
	free(subj);
	return slug;
}

static char *make_cover(struct fixfile *ff, size_t n, struct fix_site *sites, size_t nsites,
			size_t total, const char *strategy, const char *from, const char *date,
			const char *link, const struct strv *cc)
{
	char *buf = NULL, *body, *subject, *name;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *what = !strcmp(strategy, "lock") ?
		"Take device_lock() around DMA configuration outside dma_configure" :
		!strcmp(strategy, "annotate") ?
		"Mark DMA configuration outside bus_type.dma_configure" :
		!strcmp(strategy, "fwspec") ?
		"Configure the IOMMU with the fwspec API outside dma_configure" :
		"Lock or mark DMA configuration outside bus_type.dma_configure";

	body = cover_body(sites, nsites, total, strategy);
	subject = xasprintf("[PATCH 0/%zu] %s", total, what);
	mail_head(f, from, date, subject, cc, non_ascii(body) || non_ascii(from));
	fputs(body, f);
	if (link)
		fprintf(f, "Link: %s\n\n", link);
	name = xstrndup(from, strcspn(from, "<"));
	while (*name && name[strlen(name) - 1] == ' ')
		name[strlen(name) - 1] = 0;
	fprintf(f, "%s (%zu):\n", name, total);
	for (size_t i = 0; i < n; i++)
		if (ff[i].number)
			fprintf(f, "  %s: %s\n", ff[i].prefix, ff[i].summary);
	fputc('\n', f);
	diffstat(f, ff, n);
	fprintf(f, "-- \niommu-lockcheck\n\n");
	fclose(f);
	free(name);
	free(body);
	free(subject);
	return buf;
}

/* Rewrite a file with its own content through a temp file + rename, so a
 * hard link (cp -al tree) is broken before git apply edits it. */
static int unshare_file(const char *path)
{
	size_t len;
	char *text = read_file(path, &len);
	int rc;

	if (!text)
		return -1;
	rc = write_file_atomic(path, text, len);
	free(text);
	return rc;
}

static int git_apply(const char *tree, const char *patch, int check)
{
	char *const argv_check[] = { "git", "apply", "--check", (char *)patch, NULL };
	char *const argv_apply[] = { "git", "apply", (char *)patch, NULL };
	struct proc p = { .argv = check ? argv_check : argv_apply, .cwd = tree };
	int rc = run_proc(&p);

	if (rc)
		fprintf(stderr, "iommu-lockcheck fix: git apply%s %s in %s: %s", check ? " --check" : "",
			patch, tree, p.err);
	proc_free(&p);
	return rc;
}

static void build_test(const char *kdir, struct fixfile *ff, size_t n, int jobs)
{
	char *tmp = make_tempdir("build"), *tree = path_join(tmp, "tree");
	char *const cp[] = { COPY_TREE, (char *)kdir, tree, NULL };
	struct proc p = { .argv = cp };
	struct strv objs = { 0 }, argv = { 0 };
	regex_t fail;

	const char *ceil = getenv("GIT_CEILING_DIRECTORIES");
	char *both = xasprintf("%s:%s", ceil ? ceil : "", tmp);

	setenv("GIT_CEILING_DIRECTORIES", both, 1);	/* the copy has no enclosing repo */
	free(both);
	if (run_proc(&p)) {
		fprintf(stderr, "iommu-lockcheck fix: cannot copy %s for the build test: %s", kdir, p.err);
		proc_free(&p);
		goto out;
	}
	proc_free(&p);
	for (size_t i = 0; i < n; i++) {
		char *file;

		if (!ff[i].patch || !ff[i].check_ok)
			continue;
		file = path_join(tree, ff[i].path);
		if (unshare_file(file) || git_apply(tree, ff[i].patch, 0)) {
			ff[i].build = "not tested: the patch did not apply to the copy";
		} else if (!kbuild_builds(kdir, ff[i].path)) {
			ff[i].build = "not tested: not built by this configuration";
		} else {
			char *obj = xstrdup(ff[i].path);

			obj[strlen(obj) - 1] = 'o';
			strv_push(&objs, obj);
			ff[i].build = "builds";
		}
		free(file);
	}
	if (!objs.n)
		goto out;
	unshare_outputs(tree, &objs);
	strv_push(&argv, xstrdup("make"));
	strv_push(&argv, xstrdup("-C"));
	strv_push(&argv, xstrdup(tree));
	strv_push(&argv, xstrdup("-k"));
	strv_push(&argv, xasprintf("-j%d", jobs));
	/* the tree's own ARCH and toolchain, or kbuild reconfigures the copy */
	const char *why = kbuild_args(kdir, &argv);
	if (why) {
		fprintf(stderr, "iommu-lockcheck fix: no build test: %s\n", why);
		for (size_t i = 0; i < n; i++)
			if (ff[i].build && !strcmp(ff[i].build, "builds"))
				ff[i].build = "not tested: kbuild would reconfigure the tree";
		strv_free(&argv);
		goto out;
	}
	for (size_t i = 0; i < objs.n; i++)
		strv_push(&argv, xstrdup(objs.v[i]));
	strv_push(&argv, NULL);
	memset(&p, 0, sizeof(p));
	p.argv = argv.v;
	if (verbose_progress)
		fprintf(stderr, "fix: building %zu patched objects\n", objs.n);
	run_proc(&p);
	regcomp(&fail, "\\*\\*\\* \\[[^]]*: ([^] ]+\\.o)\\] Error", REG_EXTENDED);
	for (char *l = strtok(p.err, "\n"); l; l = strtok(NULL, "\n")) {
		regmatch_t m[2];

		if (regexec(&fail, l, 2, m, 0))
			continue;
		l[m[1].rm_eo] = 0;
		for (size_t i = 0; i < n; i++) {
			size_t pl = strlen(ff[i].path);

			if (ff[i].build && !strncmp(l + m[1].rm_so, ff[i].path, pl - 1) &&
			    !strcmp(l + m[1].rm_so + pl - 1, "o"))
				ff[i].build = "FAILED to build";
		}
	}
	regfree(&fail);
	proc_free(&p);
	argv.n--;
	strv_free(&argv);
out:
	strv_free(&objs);
	remove_tree(tmp);
	free(tree);
	free(tmp);
}

/* Spatch's rewrite A on the files of FF that have a site meant for it. */
static void run_rewrite(struct fixfile *ff, size_t n, enum fix_action a,
			const struct check_opts *o)
{
	char *script = path_join(cocci_dir(), "of_dma_configure.cocci");
	struct strv opts = cocci_script_options(script), files = { 0 };
	size_t *idx = xmalloc((n + 1) * sizeof(*idx)), m = 0;
	struct proc *procs;
	char tmo[32];
	const char *flags[] = { "--patch", ".", "-D", "patch", "-D", action_flag[a], NULL };

	if (!action_flag[a])
		flags[4] = NULL;	/* the default rewrite: lock */
	for (size_t i = 0; i < n; i++) {
		int want = 0;

		for (size_t j = 0; j < ff[i].nsites; j++)
			want |= ff[i].sites[j]->action == a;
		if (want) {
			strv_push(&files, xstrdup(ff[i].path));
			idx[m++] = i;
		}
	}
	if (m) {
		snprintf(tmo, sizeof(tmo), "%d", o->timeout);
		procs = spatch_procs(script, flags, tmo, &opts, files.v, m, o->kdir,
				     o->timeout + 5);
		run_procs(procs, m, o->jobs, NULL, NULL);
		for (size_t k = 0; k < m; k++) {
			struct fixfile *f = &ff[idx[k]];

			if (procs[k].status || procs[k].timed_out) {
				fprintf(stderr, "%s: error: spatch -D patch%s%s failed (exit %d): %s\n",
					f->path, a == FIX_LOCK ? "" : " -D ",
					a == FIX_LOCK ? "" : action_flag[a], procs[k].status,
					procs[k].err);
				f->diff[a] = xstrdup("");
				f->skipped[a] = xstrdup("");
				f->failed[a] = 1;
			} else {
				f->diff[a] = xstrdup(strncmp(procs[k].out, "diff ", 5) &&
						     strncmp(procs[k].out, "--- ", 4) ? "" : procs[k].out);
				f->skipped[a] = skip_lines(procs[k].err);
			}
		}
		spatch_procs_free(procs, m);
	}
	free(idx);
	strv_free(&files);
	strv_free(&opts);
	free(script);
}

/* Patch files of an earlier run in OUT that this series does not include:
 * a reader feeding "git am" with all the patch files would get them too. */
static void warn_stale(const char *out, struct fixfile *ff, size_t n)
{
	DIR *d = opendir(out);
	struct dirent *e;
	size_t stale = 0;
	char *first = NULL;

	if (!d)
		return;
	while ((e = readdir(d))) {
		int mine = !strcmp(e->d_name, "0000-cover-letter.patch");
		size_t l = strlen(e->d_name);

		if (l < 11 || !isdigit((unsigned char)e->d_name[0]) || e->d_name[4] != '-' ||
		    strcmp(e->d_name + l - 6, ".patch"))
			continue;
		for (size_t i = 0; i < n && !mine; i++) {
			const char *b = ff[i].patch ? strrchr(ff[i].patch, '/') : NULL;

			mine = b && !strcmp(b + 1, e->d_name);
		}
		if (!mine && !stale++)
			first = xstrdup(e->d_name);
	}
	closedir(d);
	if (stale)
		fprintf(stderr, "iommu-lockcheck fix: warning: --out=%s also holds %zu patch "
			"file%s of an earlier run (%s%s), not part of this series\n", out, stale,
			stale == 1 ? "" : "s", first, stale > 1 ? ", ..." : "");
	free(first);
}

int cmd_fix(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kdir", required_argument, NULL, 'k' },
		{ "strategy", required_argument, NULL, 's' },
		{ "drivers", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "build-test", no_argument, NULL, 'b' },
		{ "apply", no_argument, NULL, 'a' },
		{ "link", required_argument, NULL, 'l' },
		{ "from", required_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ 0 }
	};
	const char *kdir = NULL, *list = NULL, *out = NULL, *link = NULL, *sname = NULL;
	const char *from_opt = NULL;
	char *from, *why = NULL;
	int build = 0, apply = 0, quiet = 0, c, bad = 0, fwspec_tree;
	long jobs = nproc();
	struct check_opts o = { .timeout = 120 };
	struct results r = { 0 };
	struct strv drivers = { 0 };
	enum strategy st = S_LOCK;
	struct fixfile *ff;
	struct fix_site *sites;
	size_t n, nsites = 0, total = 0;

	while ((c = getopt_long(argc, argv, "j:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': kdir = optarg; break;
		case 's': sname = optarg; break;
		case 'd': list = optarg; break;
		case 'o': out = optarg; break;
		case 'b': build = 1; break;
		case 'a': apply = 1; break;
		case 'l': link = optarg; break;
		case 'f': from_opt = optarg; break;
		case 'j': jobs = atoi(optarg); break;
		case 't': o.timeout = atoi(optarg); break;
		case 'q': quiet = 1; break;
		default: return 2;
		}
	}
	if (!kdir || !out || !sname) {
		fprintf(stderr, "iommu-lockcheck fix: --kdir=DIR, --strategy=lock|annotate|fwspec|auto "
			"and --out=DIR are required\n");
		return 2;
	}
	for (st = S_LOCK; st <= S_AUTO && strcmp(strategy_names[st], sname); st++)
		;
	if (st > S_AUTO) {
		fprintf(stderr, "iommu-lockcheck fix: --strategy=%s: expected lock, annotate, fwspec or auto\n",
			sname);
		return 2;
	}
	if (jobs < 1 || o.timeout < 1) {
		fprintf(stderr, "iommu-lockcheck fix: -j and --timeout take positive numbers\n");
		return 2;
	}
	if (link && (!*link || strpbrk(link, " \t\n"))) {
		fprintf(stderr, "iommu-lockcheck fix: --link=%s: expected a URL\n", link);
		return 2;
	}
	verbose_progress = !quiet && isatty(2);
	require_kernel_tree(kdir, "fix");
	{
		/* git must see the tree's own repository or none: in a directory
		 * of an enclosing repository, git apply skips "outside" paths
		 * silently and git log reports that repository's history */
		char *abs = realpath(kdir, NULL), *slash = abs ? strrchr(abs, '/') : NULL;

		if (slash) {
			*slash = 0;
			setenv("GIT_CEILING_DIRECTORIES", abs[0] ? abs : "/", 1);
		}
		free(abs);
	}
	from = sender_identity(kdir, from_opt, &why);
	if (!from) {
		fprintf(stderr, "iommu-lockcheck fix: %s\n", why);
		return 2;
	}
	fwspec_tree = tree_has_fwspec(kdir);
	if (st == S_FWSPEC && !fwspec_tree) {
		fprintf(stderr, "iommu-lockcheck fix: %s has no iommu_fwspec_alloc() in "
			"include/linux/iommu.h: --strategy=fwspec needs that API; use lock or annotate\n",
			kdir);
		return 2;
	}
	if (list && read_list(list, &drivers)) {
		fprintf(stderr, "iommu-lockcheck fix: cannot read --drivers=%s\n", list);
		return 2;
	}
	for (int i = optind; i < argc; i++)
		strv_push(&drivers, xstrdup(argv[i]));
	o.kdir = kdir;
	o.jobs = (int)jobs;
	for (size_t i = 0; i < drivers.n; i++) {
		char *abs = path_join(kdir, drivers.v[i]);
		char *rel = is_file(abs) ? tree_relpath(kdir, abs) : NULL;

		if (!rel && is_file(drivers.v[i]))
			rel = tree_relpath(kdir, drivers.v[i]);
		if (rel) {
			strv_push(&o.paths, rel);
		} else {
			fprintf(stderr, "%s: error: not a file in %s\n", drivers.v[i], kdir);
			bad++;
		}
		free(abs);
	}
	if (drivers.n && !o.paths.n)
		return 2;
	if (!drivers.n)
		strv_push(&o.paths, xstrdup("."));

	/* the findings: which files, which call sites, which pattern */
	cocci_script(&o, &r, "of_dma_configure.cocci", NAMES_DMA_CONFIGURE,
		     "dma-configure-outside-bus");
	results_finish(&r);
	for (size_t i = 0; i < r.ne; i++)
		fprintf(stderr, "%s: error: %s\n", r.e[i].path ? r.e[i].path : "iommu-lockcheck",
			r.e[i].message);
	if (r.ne && !r.analysed)
		return 2;

	/* the sites, each with its context and what to do with it */
	sites = xmalloc((r.nf ? r.nf : 1) * sizeof(*sites));
	struct strv files = { 0 };
	for (size_t i = 0; i < r.nf; i++) {
		struct fix_site *s;

		if (strcmp(r.f[i].rule, "dma-configure-outside-bus"))
			continue;
		s = &sites[nsites++];
		site_from_finding(s, &r.f[i]);
		site_context(kdir, s, r.f[i].message);
		if (st == S_AUTO)
			decide_auto(s, fwspec_tree);
		else
			s->action = st == S_LOCK ? FIX_LOCK : st == S_ANNOTATE ? FIX_ANNOTATE : FIX_FWSPEC;
		if (s->action == FIX_LOCK && s->state == DEV_UNINIT)
			leave(s, xasprintf("device_lock() would take a mutex that is not set up "
					   "yet: %s() at line %d allocated %s, and nothing has "
					   "called device_initialize() on it; use annotate",
					   s->how.callee, s->how.line, s->dev));
		strv_push(&files, xstrdup(s->path));
	}
	strv_sort_uniq(&files);
	n = files.n;
	ff = calloc(n ? n : 1, sizeof(*ff));
	for (size_t i = 0; i < n; i++) {
		ff[i].path = files.v[i];
		ff[i].sites = xmalloc((nsites ? nsites : 1) * sizeof(*ff[i].sites));
		for (size_t j = 0; j < nsites; j++)
			if (!strcmp(sites[j].path, ff[i].path))
				ff[i].sites[ff[i].nsites++] = &sites[j];
	}

	/* the rewrites, one spatch per file and action; then each file's patch */
	for (enum fix_action a = FIX_LOCK; a <= FIX_FWSPEC; a++)
		run_rewrite(ff, n, a, &o);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < ff[i].nsites; j++) {
			struct fix_site *s = ff[i].sites[j];
			char *w, *ln;

			if (s->left_why || s->action == FIX_NONE)
				continue;
			if (ff[i].failed[s->action]) {
				leave(s, xasprintf("spatch failed on the file (see the error)"));
				bad++;
			} else if ((ln = skip_for(ff[i].skipped[s->action], s->path, s->line, &w))) {
				leave(s, w ? w : xstrdup("the rewrite skipped it"));
				free(ln);
			}
		}
		assemble(&ff[i]);
		if (ff[i].combined[0]) {
			ff[i].number = (int)++total;
			for (size_t j = 0; j < ff[i].nsites; j++)
				if (ff[i].sites[j]->patch)
					ff[i].sites[j]->patch = ff[i].number;
		}
	}

	/* the series */
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	char date[64];
	struct strv all_cc = { 0 };
	char *tmp = total ? make_tempdir("fix") : NULL;

	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S %z", localtime(&now));
	if (total && mkdir_p(out)) {
		fprintf(stderr, "iommu-lockcheck fix: cannot create --out=%s: %m\n", out);
		return 2;
	}
	for (size_t i = 0; i < n; i++) {
		struct strv cc = { 0 };
		char *slug, *text, *name, *draft;

		if (!ff[i].number)
			continue;
		ff[i].prefix = subject_prefix(kdir, ff[i].path);
		{
			struct fix_site **mine = xmalloc((ff[i].nsites + 1) * sizeof(*mine));
			size_t nmine = 0;

			for (size_t j = 0; j < ff[i].nsites; j++)
				if (ff[i].sites[j]->patch)
					mine[nmine++] = ff[i].sites[j];
			ff[i].summary = patch_summary(mine, nmine);
			free(mine);
		}
		/* get_maintainer.pl reads the patch: its files, and its lines
		 * for the K: keywords of MAINTAINERS */
		text = make_patch(&ff[i], total, from, date, link, NULL);
		draft = xasprintf("%s/%04d.patch", tmp, ff[i].number);
		write_file_atomic(draft, text, strlen(text));
		free(text);
		if (get_maintainers(kdir, draft, &cc, &why)) {
			fprintf(stderr, "%s: error: no Cc: %s\n", ff[i].path, why);
			free(why);
			ff[i].no_cc = 1;
			bad++;
		}
		free(draft);
		for (size_t k = 0; k < cc.n; k++)
			if (!strv_contains(&all_cc, cc.v[k]))
				strv_push(&all_cc, xstrdup(cc.v[k]));
		text = make_patch(&ff[i], total, from, date, link, &cc);
		slug = slug_of(ff[i].prefix, ff[i].summary);
		name = xasprintf("%s/%04d-%s.patch", out, ff[i].number, slug);
		if (write_file_atomic(name, text, strlen(text))) {
			fprintf(stderr, "iommu-lockcheck fix: cannot write %s: %m\n", name);
			return 2;
		}
		ff[i].patch = realpath(name, NULL);
		ff[i].check_ok = git_apply(kdir, ff[i].patch, 1) == 0;
		if (!ff[i].check_ok)
			bad++;
		{
			char *cp_text;

			ff[i].cp_rc = run_checkpatch(kdir, ff[i].patch, &ff[i].cp_errors,
						     &ff[i].cp_warnings, &cp_text);
			if (ff[i].cp_rc) {
				if (cp_text && *cp_text)
					fprintf(stderr, "%s: checkpatch.pl:\n%s", ff[i].patch, cp_text);
				else if (ff[i].cp_rc < 0)
					fprintf(stderr, "%s: checkpatch.pl not run: the tree has no "
						"scripts/checkpatch.pl\n", ff[i].patch);
			}
			if (ff[i].cp_rc > 0)
				bad++;
			free(cp_text);
		}
		strv_free(&cc);
		free(slug);
		free(text);
		free(name);
	}
	char *cover_path = NULL;
	if (total) {
		char *text = make_cover(ff, n, sites, nsites, total, strategy_names[st], from, date,
					link, &all_cc);

		cover_path = path_join(out, "0000-cover-letter.patch");
		if (write_file_atomic(cover_path, text, strlen(text))) {
			fprintf(stderr, "iommu-lockcheck fix: cannot write %s: %m\n", cover_path);
			return 2;
		}
		free(text);
		warn_stale(out, ff, n);
	}
	strv_free(&all_cc);

	if (build && total)
		build_test(kdir, ff, n, o.jobs);
	/* sites left alone, with why: the script's own line where it said */
	for (size_t j = 0; j < nsites && !quiet; j++) {
		struct fix_site *s = &sites[j];
		char *w = NULL, *ln = NULL;

		if (s->patch || s->action == FIX_NONE)
			continue;
		for (size_t i = 0; i < n && !ln; i++)
			if (!strcmp(ff[i].path, s->path) && ff[i].skipped[s->action])
				ln = skip_for(ff[i].skipped[s->action], s->path, s->line, &w);
		if (ln)
			fprintf(stderr, "%s\n", ln);
		else
			fprintf(stderr, "%s:%d:%d: %s rewrite left alone for %s(): %s "
				"[dma-configure-outside-bus]\n", s->path, s->line, s->col,
				fix_action_names[s->action], s->callee, s->left_why);
		free(ln);
		free(w);
	}
	if (cover_path) {
		size_t fixed = 0;

		for (size_t j = 0; j < nsites; j++)
			fixed += sites[j].patch > 0;
		printf("%s: cover letter: %zu call sites, %zu changed in %zu patches, %zu left alone\n",
		       cover_path, nsites, fixed, total, nsites - fixed);
	}
	for (size_t i = 0; i < n; i++) {
		char actions[64] = "";

		if (!ff[i].patch)
			continue;	/* its sites were named above */
		for (enum fix_action a = FIX_LOCK; a <= FIX_FWSPEC; a++) {
			int used = 0;

			for (size_t j = 0; j < ff[i].nsites; j++)
				used |= ff[i].sites[j]->patch && ff[i].sites[j]->action == a;
			if (used)
				snprintf(actions + strlen(actions), sizeof(actions) - strlen(actions),
					 "%s%s", actions[0] ? "+" : "", fix_action_names[a]);
		}
		if (build && ff[i].build && !strcmp(ff[i].build, "FAILED to build"))
			bad++;
		if (apply && ff[i].check_ok) {
			char *file = path_join(kdir, ff[i].path);

			if (unshare_file(file) || git_apply(kdir, ff[i].patch, 0))
				bad++;
			free(file);
		}
		char cp[64];

		if (ff[i].cp_rc == 0)
			snprintf(cp, sizeof(cp), "checkpatch clean");
		else if (ff[i].cp_rc > 0)
			snprintf(cp, sizeof(cp), "checkpatch: %d errors, %d warnings",
				 ff[i].cp_errors, ff[i].cp_warnings);
		else
			snprintf(cp, sizeof(cp), "checkpatch not run");
		printf("%s: %s [%s%s, %s%s%s%s]\n", ff[i].patch, ff[i].path, actions,
		       ff[i].check_ok ? ", applies" : ", DOES NOT APPLY", cp,
		       ff[i].no_cc ? ", no Cc" : "",
		       build ? ", " : "", build ? (ff[i].build ? ff[i].build : "not tested") : "");
		if (apply && ff[i].check_ok)
			printf("%s: applied to %s\n", ff[i].patch, kdir);
	}
	results_free(&r);
	return bad ? 1 : 0;
}

/* annotate: sparse-annotations/apply, with its own options passed through. */
int cmd_annotate(int argc, char **argv)
{
	const char *kdir = NULL, *mode = NULL;
	char *apply = top_path("sparse-annotations/apply");

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--kdir=", 7))
			kdir = argv[i] + 7;
		else if (!strcmp(argv[i], "--kdir") && i + 1 < argc)
			kdir = argv[++i];
		else if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "--revert"))
			mode = argv[i];
		else {
			fprintf(stderr, "usage: iommu-lockcheck annotate --kdir=DIR [--dry-run|--revert]\n");
			return 2;
		}
	}
	if (!kdir) {
		fprintf(stderr, "iommu-lockcheck annotate: --kdir=DIR is required\n");
		return 2;
	}
	require_kernel_tree(kdir, "annotate");
	if (!is_file(apply)) {
		fprintf(stderr, "iommu-lockcheck annotate: %s is missing\n", apply);
		return 2;
	}
	fflush(NULL);
	char *const av[] = { apply, (char *)kdir, (char *)mode, NULL };
	execv(apply, av);
	fprintf(stderr, "iommu-lockcheck annotate: cannot run %s: %m\n", apply);
	return 2;
}
