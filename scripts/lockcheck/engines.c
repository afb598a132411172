// SPDX-License-Identifier: GPL-2.0
/*
 * What the three engines share: where the project's files are, the
 * engine programs, and which sources a check looks at.  Each engine has
 * its own file: cocci.c, clang.c and sparse.c; the last two run through
 * the kernel build (kbuild.c).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "lockcheck.h"

char *top_path(const char *rel)
{
	const char *top = getenv("IOMMU_LOCKCHECK_TOP");

	return path_join(top && *top ? top : LOCKCHECK_TOP, rel);
}

const char *cocci_dir(void)
{
	static char *d;

	if (!d)
		d = top_path("cocci");
	return d;
}

const char *llvm_version(void)
{
	const char *v = getenv("LLVM_VERSION");

	return v && *v ? v : "16";
}

/* An engine program: $SPATCH / $SPARSE as scripts/coccicheck honours them. */
const char *tool(const char *env, const char *def)
{
	const char *v = getenv(env);

	return v && *v ? v : def;
}

/* Does the file look like analysable C?  A NUL byte means binary; braces
 * that never close mean a truncated file (spatch would silently skip it). */
const char *source_problem(const char *kdir, const char *rel)
{
	char *path = path_join(kdir, rel);
	size_t len;
	char *text = read_file(path, &len);
	const char *why = NULL;
	long depth = 0;

	free(path);
	if (!text)
		return "cannot read the file";
	if (memchr(text, 0, len)) {
		why = "binary file, not C source";
		goto out;
	}
	for (char *p = text; *p; p++) {
		if (p[0] == '/' && p[1] == '*') {
			char *e = strstr(p + 2, "*/");

			if (!e) {
				why = "truncated C source: unterminated comment";
				goto out;
			}
			p = e + 1;
		} else if (p[0] == '/' && p[1] == '/') {
			while (p[1] && p[1] != '\n')
				p++;
		} else if (*p == '"' || *p == '\'') {
			char q = *p;

			for (p++; *p && *p != q && *p != '\n'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (!*p)
				break;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			depth--;
		}
	}
	if (depth > 0)
		why = "truncated C source: a '{' is never closed";
out:
	free(text);
	return why;
}

/* The sources an engine looks at: explicit files always, directories
 * searched (targeted to files naming the APIs unless --all-files). */
void sources(const struct check_opts *o, unsigned kinds, struct strv *out,
		    struct strv *explicit)
{
	struct strv dirs = { 0 };
	char *re = o->all_files ? NULL : names_regex(kinds);

	for (size_t i = 0; i < o->paths.n; i++) {
		char *abs = path_join(o->kdir, o->paths.v[i]);

		if (is_dir(abs)) {
			strv_push(&dirs, xstrdup(o->paths.v[i]));
		} else {
			strv_push(out, xstrdup(o->paths.v[i]));
			if (explicit)
				strv_push(explicit, xstrdup(o->paths.v[i]));
		}
		free(abs);
	}
	for (size_t i = 0; i < o->modules.n; i++)
		strv_push(&dirs, xstrdup(o->modules.v[i]));
	if (dirs.n)
		find_sources(o->kdir, &dirs, re, out);
	strv_sort_uniq(out);
	strv_free(&dirs);
	free(re);
}

/* A path an engine printed, relative to the tree when inside it. */
char *norm_path(const char *kdir, const char *path)
{
	if (path[0] == '/') {
		char *rel = tree_relpath(kdir, path);

		if (rel)
			return rel;
	}
	if (!strncmp(path, "./", 2))
		path += 2;
	return xstrdup(path);
}
