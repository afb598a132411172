// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel trees: what counts as one, as configured, and which .c files the
 * tree's configuration builds (so clang/sparse, which run through kbuild,
 * are only asked for objects kbuild will make).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lockcheck.h"

/*
 * A kernel tree: a top Makefile that sets VERSION and PATCHLEVEL, a top
 * Kbuild file and include/linux/.  Configured: .config plus the generated
 * include/generated/autoconf.h and include/config/auto.conf that
 * "make <config> prepare" leaves behind (kbuild needs all of them).
 */
int tree_is_kernel(const char *dir)
{
	char *mk = path_join(dir, "Makefile");
	char *kb = path_join(dir, "Kbuild");
	char *inc = path_join(dir, "include/linux");
	char *text = read_file(mk, NULL);
	int ok = text && is_file(kb) && is_dir(inc) &&
		 (strstr(text, "\nVERSION =") || !strncmp(text, "VERSION =", 9)) &&
		 strstr(text, "\nPATCHLEVEL =");

	free(text);
	free(mk);
	free(kb);
	free(inc);
	return ok;
}

int tree_is_configured(const char *dir)
{
	static const char *const need[] = {
		".config", "include/generated/autoconf.h", "include/config/auto.conf",
	};

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		char *p = path_join(dir, need[i]);
		int ok = is_file(p);

		free(p);
		if (!ok)
			return 0;
	}
	return 1;
}

/* An out-of-tree module directory: a directory with a Kbuild file, or a
 * Makefile using obj-m (built with make -C KDIR M=DIR). */
int tree_is_module_dir(const char *dir)
{
	char *kb = path_join(dir, "Kbuild");
	char *mk = path_join(dir, "Makefile");
	char *text = read_file(mk, NULL);
	int ok = is_file(kb) || (text && strstr(text, "obj-"));

	free(text);
	free(kb);
	free(mk);
	return ok;
}

/* PATH relative to KDIR when it is inside it (NULL when outside). */
char *tree_relpath(const char *kdir, const char *path)
{
	char rk[PATH_MAX], rp[PATH_MAX];
	size_t n;

	if (!realpath(kdir, rk) || !realpath(path, rp))
		return NULL;
	n = strlen(rk);
	if (!strcmp(rk, rp))
		return xstrdup(".");
	if (strncmp(rk, rp, n) || rp[n] != '/')
		return NULL;
	return xstrdup(rp + n + 1);
}

/* ---- which objects the configuration builds ---- */

static char *autoconf;	/* include/config/auto.conf of the current tree */

static int config_enabled(const char *kdir, const char *sym, size_t len)
{
	char key[256];
	const char *p;

	if (!autoconf) {
		char *f = path_join(kdir, "include/config/auto.conf");

		char *text = read_file(f, NULL);

		free(f);
		/* a leading newline, so every line matches "\nCONFIG_X=" */
		autoconf = xasprintf("\n%s", text ? text : "");
		free(text);
	}
	if (len + 4 > sizeof(key))
		return 0;
	snprintf(key, sizeof(key), "\n%.*s=", (int)len, sym);
	p = strstr(autoconf, key);
	if (!p)
		return 0;
	p += strlen(key);
	return *p == 'y' || *p == 'm';
}

/* The dir's kbuild file as logical lines (continuations joined, comments
 * dropped), or NULL. */
static char *kbuild_text(const char *kdir, const char *dir)
{
	char *d = path_join(kdir, dir);
	char *f = path_join(d, "Kbuild");
	char *t = read_file(f, NULL);

	if (!t) {
		free(f);
		f = path_join(d, "Makefile");
		t = read_file(f, NULL);
	}
	free(f);
	free(d);
	if (!t)
		return NULL;
	/* join "\\\n", cut "# ..." to end of line */
	char *w = t;
	for (char *r = t; *r; r++) {
		if (r[0] == '\\' && r[1] == '\n') {
			*w++ = ' ';
			r++;
		} else if (*r == '#') {
			while (r[1] && r[1] != '\n')
				r++;
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return t;
}

static int has_word(const char *rhs, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = rhs; (p = strstr(p, word)); p++) {
		int before = p == rhs || isspace((unsigned char)p[-1]) || p[-1] == '=';
		int after = !p[n] || isspace((unsigned char)p[n]);

		if (before && after)
			return 1;
	}
	return 0;
}

/* Is OBJ (relative to DIR) built, according to DIR's kbuild file? -1: the
 * file does not mention it. */
static int obj_in_dir(const char *kdir, const char *dir, const char *obj, int depth)
{
	char *text = kbuild_text(kdir, dir);
	int result = -1;

	if (!text || depth > 8) {
		free(text);
		return -1;
	}
	char *save;

	for (char *line = strtok_r(text, "\n", &save); line && result != 1;
	     line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		char *lhs = line, *end;

		if (!eq || eq == line || !has_word(eq + 1, obj))
			continue;
		end = eq;
		if (end[-1] == '+' || end[-1] == ':' || end[-1] == '?')
			end--;
		while (end > lhs && isspace((unsigned char)end[-1]))
			end--;
		while (lhs < end && isspace((unsigned char)*lhs))
			lhs++;
		*end = 0;
		/* lhs: obj-y, obj-m, obj-$(CONFIG_X), name-y, name-objs, name-$(CONFIG_X) */
		char *dash = strrchr(lhs, '-');
		char *cfg = strstr(lhs, "$(CONFIG_");
		int enabled = 1;

		if (cfg) {
			dash = cfg - 1;
			cfg += 2;
			enabled = config_enabled(kdir, cfg, strcspn(cfg, ")"));
		} else if (dash && strcmp(dash, "-y") && strcmp(dash, "-m") &&
			   strcmp(dash, "-objs")) {
			continue;	/* ccflags-y, subdir-y, ... */
		}
		if (!dash || *dash != '-')
			continue;
		*dash = 0;
		if (!enabled) {
			result = result < 0 ? 0 : result;
			continue;
		}
		if (!strcmp(lhs, "obj") || !strcmp(lhs, "lib")) {
			result = 1;
		} else if (strcmp(lhs, "ccflags") && strcmp(lhs, "subdir") &&
			   strcmp(lhs, "always") && strcmp(lhs, "extra") &&
			   strcmp(lhs, "targets") && strcmp(lhs, "hostprogs")) {
			/* a composite object: built if NAME.o is */
			char *name = xasprintf("%s.o", lhs);
			int r = obj_in_dir(kdir, dir, name, depth + 1);

			free(name);
			if (r < 0) {	/* a list variable: msm-y += $(adreno-y) */
				name = xasprintf("$(%s-y)", lhs);
				r = obj_in_dir(kdir, dir, name, depth + 1);
				free(name);
			}
			if (r >= 0)
				result = r;
		}
	}
	free(text);
	return result;
}

/* Does the configuration build REL_C (a .c relative to KDIR)? */
int kbuild_builds(const char *kdir, const char *rel_c)
{
	char *obj = xstrdup(rel_c);
	size_t n = strlen(obj);
	char *dir, *slash;
	int r = -1;

	if (n < 3 || strcmp(obj + n - 2, ".c")) {
		free(obj);
		return 0;
	}
	obj[n - 1] = 'o';
	/* another architecture's arch/ directory is never built */
	if (!strncmp(obj, "arch/", 5)) {
		char *a = xstrndup(obj + 5, strcspn(obj + 5, "/"));
		char *gen = xasprintf("%s/arch/%s/include/generated", kdir, a);
		int ours = is_dir(gen);

		free(a);
		free(gen);
		if (!ours) {
			free(obj);
			return 0;
		}
	}
	dir = xstrdup(obj);
	while ((slash = strrchr(dir, '/'))) {
		*slash = 0;
		r = obj_in_dir(kdir, dir, obj + strlen(dir) + 1, 0);
		if (r >= 0)
			break;
	}
	free(dir);
	free(obj);
	return r == 1;
}

/* ---- targeting: which files mention the APIs ---- */

char *names_regex(unsigned kinds)
{
	struct strv names = { 0 };
	char *re, *p;
	size_t len = 16;

#define DMA_CONFIGURE(fn) \
	if (kinds & NAMES_DMA_CONFIGURE) strv_push(&names, xstrdup(#fn));
#define REQUIRES(fn, arg, lock) \
	if (kinds & NAMES_REQUIRES) strv_push(&names, xstrdup(#fn));
#define ASSERT(fn, arg, lock) \
	if ((kinds & NAMES_ASSERT_DEV) && strcmp(#lock, "MUTEX")) \
		strv_push(&names, xstrdup(#fn));
#include "lockrules.def"
#undef DMA_CONFIGURE
#undef REQUIRES
#undef ASSERT
	strv_sort_uniq(&names);
	for (size_t i = 0; i < names.n; i++)
		len += strlen(names.v[i]) + 1;
	re = p = xmalloc(len);
	p += sprintf(p, "\\b(");
	for (size_t i = 0; i < names.n; i++)
		p += sprintf(p, "%s%s", i ? "|" : "", names.v[i]);
	sprintf(p, ")\\b");
	strv_free(&names);
	return re;
}

/* Collect .c files under PATHS (relative to KDIR, or absolute) that match
 * REGEX (all when NULL).  grep/find do the walking; argv only. */
void find_sources(const char *kdir, const struct strv *paths,
		  const char *regex, struct strv *out)
{
	struct strv argv = { 0 };
	struct proc p = { 0 };

	if (regex) {
		strv_push(&argv, xstrdup("grep"));
		strv_push(&argv, xstrdup("-rlIE"));
		strv_push(&argv, xstrdup("--include=*.c"));
		strv_push(&argv, xstrdup("-e"));
		strv_push(&argv, xstrdup(regex));
		strv_push(&argv, xstrdup("--"));
	} else {
		strv_push(&argv, xstrdup("find"));
	}
	for (size_t i = 0; i < paths->n; i++)
		strv_push(&argv, xstrdup(paths->v[i]));
	if (!regex) {
		strv_push(&argv, xstrdup("-name"));
		strv_push(&argv, xstrdup("*.c"));
		strv_push(&argv, xstrdup("-type"));
		strv_push(&argv, xstrdup("f"));
	}
	strv_push(&argv, NULL);
	p.argv = argv.v;
	p.cwd = kdir;
	run_proc(&p);
	for (char *line = strtok(p.out, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strncmp(line, "./", 2))
			line += 2;
		strv_push(out, xstrdup(line));
	}
	proc_free(&p);
	argv.n--;
	strv_free(&argv);
	strv_sort_uniq(out);
}
