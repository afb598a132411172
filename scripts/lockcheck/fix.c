// SPDX-License-Identifier: GPL-2.0
/*
 * fix: one git format-patch style patch per driver file, made by
 * cocci/of_dma_configure.cocci in patch mode, with a commit message that
 * explains the problem in the file's own terms (which function, which
 * device, which of the three patterns of the seed discussion, why it is
 * mis-locked).  Every patch is checked with git apply --check; the tree is
 * written only with --apply.
 *
 * annotate: sparse-annotations/apply.
 */
#define _GNU_SOURCE
#include <ctype.h>
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

struct fixfile {
	char *path;		/* relative to the tree */
	char *diff;		/* spatch -D patch output, "" when nothing to do */
	char *skipped;		/* the script's "rewrite skipped" lines: sites left alone, and why */
	char *patch;		/* file written in --out */
	int check_ok;		/* git apply --check passed */
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

/* The function whose body holds LINE: the nearest definition header above
 * it (a line starting in column 0 with an identifier followed by '('). */
static char *function_at(const char *kdir, const char *path, int line)
{
	char *file = path_join(kdir, path);
	char *text = read_file(file, NULL);
	char **lines = NULL, *fn = NULL;
	int n = 0;

	free(file);
	if (!text)
		return NULL;
	for (char *p = text; p; ) {
		char *nl = strchr(p, '\n');

		lines = xrealloc(lines, (n + 1) * sizeof(*lines));
		lines[n++] = p;
		if (nl)
			*nl = 0;
		p = nl ? nl + 1 : NULL;
	}
	for (int i = line - 1; i >= 0 && i < n && !fn; i--) {
		char *l = lines[i], *paren = strchr(l, '(');

		if (!isalpha((unsigned char)l[0]) && l[0] != '_')
			continue;
		if (!paren || strchr(l, '=') || strchr(l, ';'))
			continue;
		char *e = paren;
		while (e > l && isspace((unsigned char)e[-1]))
			e--;
		char *b = e;
		while (b > l && (isalnum((unsigned char)b[-1]) || b[-1] == '_'))
			b--;
		if (e > b)
			fn = xstrndup(b, e - b);
	}
	free(lines);
	free(text);
	return fn;
}

/* "drm/msm" from the path when the tree has no history to ask. */
static char *prefix_from_path(const char *path)
{
	char *p = xstrdup(path), *parts[32];
	int n = 0;
	char *res, *save;

	for (char *w = strtok_r(p, "/", &save); w && n < 32; w = strtok_r(NULL, "/", &save))
		parts[n++] = w;
	n--;	/* drop the file name */
	for (int i = 0; i + 1 < n; i++)
		if (!strcmp(parts[i], "drm")) {
			res = xasprintf("drm/%s", parts[i + 1]);
			goto out;
		}
	if (n >= 2 && !strcmp(parts[0], "sound") && !strcmp(parts[1], "soc"))
		res = xasprintf("ASoC: %s", n > 2 ? parts[n - 1] : "soc");
	else if (n >= 3 && !strcmp(parts[1], "net") && !strcmp(parts[2], "wireless"))
		res = xasprintf("wifi: %s", parts[n - 1]);
	else if (n >= 2 && !strcmp(parts[1], "media"))
		res = xasprintf("media: %s", parts[n - 1]);
	else if (n >= 1)
		res = xstrdup(parts[n - 1]);
	else
		res = xstrdup("treewide");
out:
	free(p);
	return res;
}

/* The subject prefix the file's history uses most ("drm/msm/a6xx"), when
 * the tree is a git repository; else from the path. */
static char *subject_prefix(const char *kdir, const char *path)
{
	char *const argv[] = { "git", "log", "-n", "30", "--no-merges", "--format=%s", "--",
			       (char *)path, NULL };
	struct proc p = { .argv = argv, .cwd = kdir };
	struct strv prefixes = { 0 };
	char *best = NULL, *save;
	size_t best_n = 0;

	if (run_proc(&p) == 0) {
		for (char *s = strtok_r(p.out, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
			/* "wifi: ath10k: fix x" -> "wifi: ath10k"; "Revert ..." has none */
			const char *q = s, *end = NULL, *colon;

			while ((colon = strstr(q, ": ")) && colon > q && !memchr(q, ' ', colon - q)) {
				end = colon;
				q = colon + 2;
			}
			if (end)
				strv_push(&prefixes, xstrndup(s, end - s));
		}
		for (size_t i = 0; i < prefixes.n; i++) {
			size_t c = 0;

			for (size_t j = 0; j < prefixes.n; j++)
				c += !strcmp(prefixes.v[i], prefixes.v[j]);
			if (c > best_n) {
				best_n = c;
				best = prefixes.v[i];
			}
		}
		best = best ? xstrdup(best) : NULL;
	}
	proc_free(&p);
	strv_free(&prefixes);
	return best ? best : prefix_from_path(path);
}

static const char *pattern_of(const char *msg)
{
	if (strstr(msg, "foreign-device"))
		return "foreign-device";
	if (strstr(msg, "created-device"))
		return "created-device";
	if (strstr(msg, "probed-device"))
		return "probed-device";
	return NULL;
}

/* The device expression of a cocci message: "... on a PATTERN DEV, ..." */
static char *device_of(const char *msg)
{
	const char *pat = pattern_of(msg), *p, *comma;

	if (!pat || !(p = strstr(msg, pat)))
		return NULL;
	p += strlen(pat);
	while (*p == ' ')
		p++;
	comma = strstr(p, ", ");
	if (!comma || comma == p)
		return NULL;
	return xstrndup(p, comma - p);
}

static char *callee_of(const char *msg)
{
	const char *e = strstr(msg, "()");

	return e ? xstrndup(msg, e - msg) : xstrdup("of_dma_configure");
}

/* Word-wrap TEXT at 72 columns into F. */
static void wrap(FILE *f, const char *text)
{
	char *t = xstrdup(text), *save;
	int col = 0;

	for (char *w = strtok_r(t, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		int len = (int)strlen(w);

		if (col && col + 1 + len > 72) {
			fputc('\n', f);
			col = 0;
		}
		if (col) {
			fputc(' ', f);
			col++;
		}
		fputs(w, f);
		col += len;
	}
	fputs("\n\n", f);
	free(t);
}

static void diffstat(FILE *f, const char *path, const char *diff)
{
	int add = 0, del = 0;
	const char *l = diff;

	while (l && *l) {
		if (l[0] == '+' && strncmp(l, "+++ ", 4))
			add++;
		else if (l[0] == '-' && strncmp(l, "--- ", 4))
			del++;
		l = strchr(l, '\n');
		if (l)
			l++;
	}
	fprintf(f, " %s | %d ", path, add + del);
	for (int i = 0; i < add; i++)
		fputc('+', f);
	for (int i = 0; i < del; i++)
		fputc('-', f);
	fprintf(f, "\n 1 file changed");
	if (add)
		fprintf(f, ", %d insertion%s(+)", add, add == 1 ? "" : "s");
	if (del)
		fprintf(f, ", %d deletion%s(-)", del, del == 1 ? "" : "s");
	fprintf(f, "\n\n");
}

static char *git_config(const char *kdir, const char *key)
{
	char *const argv[] = { "git", "config", "--get", (char *)key, NULL };
	struct proc p = { .argv = argv, .cwd = kdir };
	char *v = NULL;

	if (run_proc(&p) == 0 && p.out[0]) {
		p.out[strcspn(p.out, "\n")] = 0;
		v = xstrdup(p.out);
	}
	proc_free(&p);
	return v;
}

static char *make_patch(const char *kdir, struct fixfile *ff, struct results *r,
			enum strategy st, const char *link, char **slug_out)
{
	char *buf = NULL, *prefix, *summary, *callee = NULL, *name, *email;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	char date[64];
	int probed_only = 1;

	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S %z", localtime(&now));
	for (size_t i = 0; i < r->nf && !callee; i++)
		if (!strcmp(r->f[i].path, ff->path))
			callee = callee_of(r->f[i].message);
	if (!callee)
		callee = xstrdup("of_dma_configure");
	prefix = subject_prefix(kdir, ff->path);
	if (st == S_LOCK)
		summary = xasprintf("take device_lock() around %s()", callee);
	else if (st == S_ANNOTATE)
		summary = xasprintf("mark %s() outside bus_type.dma_configure", callee);
	else
		summary = xasprintf("use the iommu fwspec API instead of %s()", callee);
	name = git_config(kdir, "user.name");
	email = git_config(kdir, "user.email");
	fprintf(f, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n");
	fprintf(f, "From: %s <%s>\n", name ? name : "iommu-lockcheck",
		email ? email : "iommu-lockcheck@localhost");
	fprintf(f, "Date: %s\n", date);
	fprintf(f, "Subject: [PATCH] %s: %s\n\n", prefix, summary);

	/* what the file does: call sites with the same callee, device, pattern
	 * and lock state share one paragraph */
	size_t *done = calloc(r->nf + 1, sizeof(*done));
	for (size_t i = 0; i < r->nf; i++) {
		struct finding *fd = &r->f[i];
		const char *pat;
		char *dev, *cal, *para, *sites = NULL;
		const char *what, *lock;
		int nsites = 0;

		if (done[i] || strcmp(fd->path, ff->path) || strcmp(fd->rule, "dma-configure-outside-bus"))
			continue;
		pat = pattern_of(fd->message);
		dev = device_of(fd->message);
		cal = callee_of(fd->message);
		lock = strstr(fd->message, "device_lock not held") ?
			"without holding its device_lock()" :
			strstr(fd->message, "held by the driver core") ?
			"under the device_lock() the driver core holds during probe" :
			"with its device_lock() held";
		for (size_t j = i; j < r->nf; j++) {
			struct finding *g = &r->f[j];
			char *gdev, *gcal, *fn, *s2;
			int same;

			if (done[j] || strcmp(g->path, ff->path) || strcmp(g->rule, fd->rule))
				continue;
			gdev = device_of(g->message);
			gcal = callee_of(g->message);
			same = pattern_of(g->message) == pat && !strcmp(gcal, cal) &&
			       !strcmp(gdev ? gdev : "", dev ? dev : "") &&
			       !strcmp(strstr(g->message, ", ") ? strstr(g->message, ", ") : "",
				       strstr(fd->message, ", ") ? strstr(fd->message, ", ") : "");
			free(gdev);
			free(gcal);
			if (!same)
				continue;
			done[j] = 1;
			fn = function_at(kdir, g->path, g->line);
			s2 = xasprintf("%s%s%s() (line %d)", sites ? sites : "",
				       sites ? " and " : "", fn ? fn : "the code", g->line);
			free(sites);
			free(fn);
			sites = s2;
			nsites++;
		}
		if (pat && !strcmp(pat, "foreign-device"))
			what = "a device this driver did not probe (a foreign device, pattern 1 of "
			       "the of_dma_configure() discussion): no driver was probed to it, so "
			       "bus_type.dma_configure never ran for it and nothing stops another "
			       "driver (vfio, bound from userspace) from binding to it meanwhile";
		else if (pat && !strcmp(pat, "created-device"))
			what = "a device this driver created itself (pattern 2): it is never "
			       "probed, so bus_type.dma_configure never ran for it and the call "
			       "open-codes it, while something else may still bind to the device";
		else if (pat && !strcmp(pat, "probed-device"))
			what = "the device being probed, re-pointed at another DT node (pattern 3): "
			       "bus_type.dma_configure already ran for it, so this breaks the "
			       "dma_configure/dma_cleanup pairing that the iommu code relies on";
		else
			what = "a device whose bus_type.dma_configure did not run this call";
		if (!pat || strcmp(pat, "probed-device"))
			probed_only = 0;
		para = xasprintf("%s call%s %s() on %s, %s. %s so outside "
				 "bus_type.dma_configure and %s.",
				 sites, nsites > 1 ? "" : "s", cal, dev ? dev : "its device",
				 what, nsites > 1 ? "They do" : "It does", lock);
		wrap(f, para);
		free(para);
		free(sites);
		free(dev);
		free(cal);
	}
	free(done);
	wrap(f, probed_only ?
	     "The driver core holds device_lock() during probe, so the locking holds here; "
	     "the unpaired dma_cleanup remains." :
	     "of_dma_configure() and acpi_dma_configure() are meant to run only from "
	     "bus_type.dma_configure, which the driver core calls under device_lock() of "
	     "the device and pairs with bus_type.dma_cleanup. They call into the iommu "
	     "layer (of_iommu_configure(), iommu_probe_device(), dev_iommu_get()), which "
	     "assumes the device is not configured concurrently; with lockdep, the "
	     "device_lock_assert() in __iommu_probe_device() fires on this path.");
	if (st == S_LOCK)
		wrap(f, "Take device_lock() of the device around the call, as the driver core "
		     "would. This fixes the locking that lockdep reports; the deeper problem, "
		     "a device configured without being probed through its bus, remains and "
		     "needs the device to be probed by a driver (or the iommu fwspec API).");
	else if (st == S_ANNOTATE)
		wrap(f, "Mark the call with the FIXME comment of \"iommu: Remove the "
		     "device_lock_assert() from __iommu_probe_device()\" so the pattern is not "
		     "copied further.");
	else
		wrap(f, "Configure the IOMMU with iommu_fwspec_alloc(), "
		     "iommu_probe_device_fwspec() and iommu_fwspec_dealloc() instead, which own "
		     "the fwspec and do not depend on bus_type.dma_configure.");
	if (link)
		fprintf(f, "Link: %s\n", link);
	fprintf(f, "---\n");
	diffstat(f, ff->path, ff->diff);
	/* spatch's "diff -u -p a/X b/X" header line becomes git's */
	const char *body = ff->diff;
	if (!strncmp(body, "diff ", 5)) {
		body = strchr(body, '\n');
		body = body ? body + 1 : "";
	}
	fprintf(f, "diff --git a/%s b/%s\n%s", ff->path, ff->path, body);
	fprintf(f, "-- \niommu-lockcheck\n\n");
	fclose(f);

	/* git format-patch's file name: the subject, dashed, at most 52 chars */
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
	*slug_out = slug;
	free(subj);
	free(prefix);
	free(summary);
	free(callee);
	free(name);
	free(email);
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
	strv_push(&argv, xasprintf("CC=clang-%s", llvm_version()));
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
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ 0 }
	};
	const char *kdir = NULL, *list = NULL, *out = NULL, *link = NULL, *sname = NULL;
	int build = 0, apply = 0, quiet = 0, c, bad = 0;
	long jobs = nproc();
	struct check_opts o = { .timeout = 120 };
	struct results r = { 0 };
	struct strv drivers = { 0 };
	enum strategy st = S_LOCK;
	struct fixfile *ff;
	size_t n, written = 0;

	while ((c = getopt_long(argc, argv, "j:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': kdir = optarg; break;
		case 's': sname = optarg; break;
		case 'd': list = optarg; break;
		case 'o': out = optarg; break;
		case 'b': build = 1; break;
		case 'a': apply = 1; break;
		case 'l': link = optarg; break;
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
	if (st == S_AUTO)
		st = tree_has_fwspec(kdir) ? S_FWSPEC : S_LOCK;
	else if (st == S_FWSPEC && !tree_has_fwspec(kdir)) {
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
	struct strv files = { 0 };
	for (size_t i = 0; i < r.nf; i++)
		if (!strcmp(r.f[i].rule, "dma-configure-outside-bus"))
			strv_push(&files, xstrdup(r.f[i].path));
	strv_sort_uniq(&files);
	n = files.n;
	ff = xmalloc((n ? n : 1) * sizeof(*ff));

	/* the rewrite, one spatch per file */
	{
		char *script = path_join(cocci_dir(), "of_dma_configure.cocci");
		struct strv opts = cocci_script_options(script);
		struct proc *procs;
		char tmo[32];

		snprintf(tmo, sizeof(tmo), "%d", o.timeout);
		const char *flags[] = { "--patch", ".", "-D", "patch", "-D",
					st == S_ANNOTATE ? "annotate" : "fwspec", NULL };

		if (st == S_LOCK)
			flags[4] = NULL;	/* the default rewrite */
		procs = spatch_procs(script, flags, tmo, &opts, files.v, n, kdir,
				     o.timeout + 5);
		run_procs(procs, n, o.jobs, NULL, NULL);
		for (size_t i = 0; i < n; i++) {
			memset(&ff[i], 0, sizeof(ff[i]));
			ff[i].path = files.v[i];
			if (procs[i].status || procs[i].timed_out) {
				fprintf(stderr, "%s: error: spatch -D patch failed (exit %d): %s\n",
					files.v[i], procs[i].status, procs[i].err);
				ff[i].diff = xstrdup("");
				ff[i].skipped = xstrdup("");
				bad++;
			} else {
				ff[i].diff = xstrdup(strncmp(procs[i].out, "diff ", 5) &&
						     strncmp(procs[i].out, "--- ", 4) ? "" : procs[i].out);
				ff[i].skipped = skip_lines(procs[i].err);
			}
		}
		spatch_procs_free(procs, n);
		strv_free(&opts);
		free(script);
	}

	if (mkdir(out, 0755) && !is_dir(out)) {
		fprintf(stderr, "iommu-lockcheck fix: cannot create --out=%s: %m\n", out);
		return 2;
	}
	for (size_t i = 0; i < n; i++) {
		char *slug, *text, *name;

		if (!ff[i].diff[0])
			continue;
		text = make_patch(kdir, &ff[i], &r, st, link, &slug);
		name = xasprintf("%s/%04zu-%s.patch", out, ++written, slug);
		if (write_file_atomic(name, text, strlen(text))) {
			fprintf(stderr, "iommu-lockcheck fix: cannot write %s: %m\n", name);
			return 2;
		}
		ff[i].patch = realpath(name, NULL);
		ff[i].check_ok = git_apply(kdir, ff[i].patch, 1) == 0;
		if (!ff[i].check_ok)
			bad++;
		free(slug);
		free(text);
		free(name);
	}
	if (build && written)
		build_test(kdir, ff, n, o.jobs);
	for (size_t i = 0; i < n; i++) {
		if (!quiet)
			fputs(ff[i].skipped, stderr);
		if (!ff[i].patch) {
			if (!quiet && !*ff[i].skipped)
				fprintf(stderr, "%s: nothing to rewrite with --strategy=%s\n",
					ff[i].path, strategy_names[st]);
			continue;
		}
		if (build && ff[i].build && !strcmp(ff[i].build, "FAILED to build"))
			bad++;
		if (apply && ff[i].check_ok) {
			char *file = path_join(kdir, ff[i].path);

			if (unshare_file(file) || git_apply(kdir, ff[i].patch, 0))
				bad++;
			free(file);
		}
		printf("%s: %s [%s%s%s%s]\n", ff[i].patch, ff[i].path, strategy_names[st],
		       ff[i].check_ok ? ", applies" : ", DOES NOT APPLY",
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
