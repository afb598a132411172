// SPDX-License-Identifier: GPL-2.0
/*
 * The tree index of the Clang engine: which sources of the tree, besides
 * those a run checks, get a summary (clang-lockcheck --pass1), so that the
 * cores' lock contexts reach the callbacks and functions the checked
 * files define.  Chosen by text (grep over the tree), then summarised from
 * their ASTs, once per cache: clang_tree_index() below says which.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lockcheck.h"

static char *tree_grep(const char *kdir, const char *sumdir, char *const argv[],
		       const char *patterns);

/* The regex of the sources that manage a device lock or a group mutex:
 * the rules table's ACQUIRE rows of DEV_MUTEX and its GUARD classes of that
 * kind, and the functions of its rows of DEV_GROUP_MUTEX (iommu.c defines
 * them and calls the iommu_ops slots under the group mutex). */
static char *lockers_regex(void)
{
	struct strv alt = { 0 };
	char *re;

#define ACQUIRE(fn, arg, lock, how) \
	if (!strcmp(#lock, "DEV_MUTEX")) strv_push(&alt, xstrdup("\\b" #fn "\\b"));
#define GUARD(cls, lock) \
	if (!strcmp(#lock, "DEV_MUTEX")) strv_push(&alt, xstrdup("guard\\(" #cls "\\b"));
#define REQUIRES(fn, arg, lock) \
	if (!strcmp(#lock, "DEV_GROUP_MUTEX")) strv_push(&alt, xstrdup("\\b" #fn "\\b"));
#define ASSERT(fn, arg, lock) REQUIRES(fn, arg, lock)
#include "lockrules.def"
#undef ACQUIRE
#undef GUARD
#undef REQUIRES
#undef ASSERT
	re = xstrdup("");
	for (size_t i = 0; i < alt.n; i++) {
		char *next = xasprintf("%s%s%s", re, i ? "|" : "", alt.v[i]);

		free(re);
		re = next;
	}
	strv_free(&alt);
	return re;
}

/* The text of SRC, a source relative to KDIR or absolute (a module's). */
static char *read_source(const char *kdir, const char *src)
{
	char *path = src[0] == '/' ? xstrdup(src) : path_join(kdir, src);
	char *text = read_file(path, NULL);

	free(path);
	return text;
}

/* The fields the sources store function pointers into, as written:
 * ".field = fn," in an initializer, "x->field = fn;" or "x.field = fn;".
 * More than the function-pointer slots (".owner = THIS_MODULE,"); only
 * used to pick the files that call through them. */
static void stored_fields(const char *kdir, const struct strv *srcs, struct strv *out)
{
	static const char *const forms[] = {
		"\\.[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*&?[[:space:]]*"
		"[A-Za-z_][A-Za-z0-9_]*[[:space:]]*[,};]",
		"->[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*&?[[:space:]]*"
		"[A-Za-z_][A-Za-z0-9_]*[[:space:]]*;",
	};

	enum { NFORMS = sizeof(forms) / sizeof(*forms) };
	regex_t re[NFORMS];
	int ok[NFORMS];

	for (size_t f = 0; f < NFORMS; f++)
		ok[f] = !regcomp(&re[f], forms[f], REG_EXTENDED);
	for (size_t i = 0; i < srcs->n; i++) {
		char *text = read_source(kdir, srcs->v[i]);	/* once, for every form */
		regmatch_t m[2];

		for (size_t f = 0; f < NFORMS; f++)
			for (const char *p = text; ok[f] && p && !regexec(&re[f], p, 2, m, 0);
			     p += m[0].rm_eo)
				strv_push(out, xstrndup(p + m[1].rm_so, m[1].rm_eo - m[1].rm_so));
		free(text);
	}
	for (size_t f = 0; f < NFORMS; f++)
		if (ok[f])
			regfree(&re[f]);
	strv_sort_uniq(out);
}

static int is_word(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The end of the identifier that starts at P in TEXT, or NULL if none does. */
static const char *ident_end(const char *text, const char *p)
{
	if ((p > text && is_word(p[-1])) || !(isalpha((unsigned char)*p) || *p == '_'))
		return NULL;
	while (is_word(*p))
		p++;
	return p;
}

/* The functions the sources call, as written: every "name(" outside
 * comments that is not a keyword.  Macros and the sources' own functions
 * come along; they only widen the search for the files that define one. */
static void called_names(const char *kdir, const struct strv *srcs, struct strv *out)
{
	static const char *const keywords[] = {
		"if", "for", "while", "switch", "return", "sizeof", "typeof",
		"__typeof__", "defined", "__attribute__", "alignof", NULL,
	};

	for (size_t i = 0; i < srcs->n; i++) {
		char *text = read_source(kdir, srcs->v[i]);

		for (const char *p = text; p && *p; p++) {
			const char *e, *q;
			int kw = 0;

			/* a comment names functions it does not call */
			if (p[0] == '/' && (p[1] == '*' || p[1] == '/')) {
				q = p[1] == '*' ? strstr(p + 2, "*/") : strchr(p, '\n');
				if (!q)
					break;
				p = p[1] == '*' ? q + 1 : q;
				continue;
			}
			e = ident_end(text, p);
			if (!e)
				continue;
			for (q = e; *q == ' ' || *q == '\t'; q++)
				;
			for (size_t k = 0; keywords[k]; k++)
				kw |= strlen(keywords[k]) == (size_t)(e - p) &&
				      !strncmp(p, keywords[k], e - p);
			if (*q == '(' && !kw)
				strv_push(out, xstrndup(p, e - p));
			p = e - 1;
		}
		free(text);
	}
	strv_sort_uniq(out);
}

/* Skip blanks forward from P, or backward from P (exclusive) down to TEXT. */
static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	return p;
}

static const char *skip_blanks_back(const char *text, const char *p)
{
	while (p > text && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n'))
		p--;
	return p;
}

/* Is [P, E) spelled as a constant (upper case, digits, '_')?  Enumerators
 * are, by kernel style; a variable compared with one is not. */
static int constant_name(const char *p, const char *e)
{
	int upper = 0;

	for (; p < e; p++) {
		if (islower((unsigned char)*p))
			return 0;
		upper |= isupper((unsigned char)*p);
	}
	return upper;
}

/* The constants SRCS compare with: "case NAME:", "== NAME", "NAME != ...", a
 * notifier's events (BUS_NOTIFY_BOUND_DRIVER). */
static void compared_names(const char *kdir, const struct strv *srcs, struct strv *out)
{
	for (size_t i = 0; i < srcs->n; i++) {
		char *text = read_source(kdir, srcs->v[i]);

		for (const char *p = text; p && *p; p++) {
			const char *e = ident_end(text, p), *before, *after;

			if (!e)
				continue;
			before = skip_blanks_back(text, p);
			after = skip_blanks(e);
			if ((before - text >= 2 && (!strncmp(before - 2, "==", 2) ||
						    !strncmp(before - 2, "!=", 2))) ||
			    !strncmp(after, "==", 2) || !strncmp(after, "!=", 2) ||
			    (*after == ':' && before - text >= 4 &&
			     !strncmp(before - 4, "case", 4) &&
			     (before - 4 == text || !is_word(before[-5]))))
				if (constant_name(p, e))
					strv_push(out, xstrndup(p, e - p));
			p = e - 1;
		}
		free(text);
	}
	strv_sort_uniq(out);
}

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

/* Is the word [P, E) one of NAMES (sorted)? */
static int word_in(const char *p, const char *e, const struct strv *names)
{
	char *word = xstrndup(p, e - p);
	int in = !!bsearch(word, names->v, names->n, sizeof(*names->v), cmp_name);

	free(word);
	return in;
}

/* Does the line [LINE, END) define one of NAMES (sorted)?  It starts with
 * its type, then names it before any ';' or '=', followed by "(". */
static int line_defines(const char *line, const char *end, const struct strv *names)
{
	if (!isalpha((unsigned char)*line) && *line != '_')
		return 0;
	for (const char *p = line + 1; p < end && *p != ';' && *p != '='; p++) {
		const char *e = ident_end(line, p), *q;

		if (!e)
			continue;
		for (q = e; q < end && isspace((unsigned char)*q); q++)
			;
		if (q < end && *q == '(' && word_in(p, e, names))
			return 1;
		p = e - 1;
	}
	return 0;
}

/* Push to OUT each of FILES that defines one of NAMES (sorted).  One read
 * of each file and a binary search per word: a grep of the names'
 * alternation backtracks for seconds per file. */
void files_defining(const char *kdir, const struct strv *files,
		    const struct strv *names, struct strv *out)
{
	for (size_t i = 0; names->n && i < files->n; i++) {
		char *text = read_source(kdir, files->v[i]), *line = text;

		while (line && *line) {
			char *end = strchrnul(line, '\n');

			if (line_defines(line, end, names)) {
				strv_push(out, xstrdup(files->v[i]));
				break;
			}
			line = *end ? end + 1 : end;
		}
		free(text);
	}
}

/* Push to OUT each of FILES that passes one of NAMES (sorted) as a call's
 * argument: "(NAME," ", NAME)" (bus_notify(dev, BUS_NOTIFY_BOUND_DRIVER)). */
static void files_sending(const char *kdir, const struct strv *files,
			  const struct strv *names, struct strv *out)
{
	for (size_t i = 0; names->n && i < files->n; i++) {
		char *text = read_source(kdir, files->v[i]);
		int found = 0;

		for (const char *p = text; p && *p && !found; p++) {
			const char *e = ident_end(text, p), *before, *after;

			if (!e)
				continue;
			before = skip_blanks_back(text, p);
			after = skip_blanks(e);
			found = before > text && (before[-1] == '(' || before[-1] == ',') &&
				(*after == ',' || *after == ')') && word_in(p, e, names);
			p = e - 1;
		}
		if (found)
			strv_push(out, xstrdup(files->v[i]));
		free(text);
	}
}

/* Push to TODO each of FILES that this run does not analyse anyway and
 * that can be summarised (built, analysable); given S, only those without
 * a summary there. */
static void to_summarise(const struct check_opts *o, const struct summaries *s,
			 const struct strv *analysed, const struct strv *files,
			 struct strv *todo)
{
	for (size_t i = 0; i < files->n; i++)
		if ((!s || !summaries_of(s, files->v[i])) &&
		    !strv_contains(analysed, files->v[i]) && clang_candidate(o, files->v[i]))
			strv_push(todo, xstrdup(files->v[i]));
}

/*
 * Push to OUT the files of the tree (relative to KDIR) matching INCLUDE
 * ("*.c") that contain one of PATTERNS, fixed strings, one per line.
 * They go through a file under SUMDIR (the index lock is held): a whole
 * tree's names outgrow one argument.
 */
static void tree_grep_fixed(const char *kdir, const char *sumdir, const char *patterns,
			    const char *include, struct strv *out)
{
	char *dir = realpath(sumdir, NULL);	/* grep runs in KDIR */
	char *pat = path_join(dir ? dir : sumdir, ".patterns");
	char *inc = xasprintf("--include=%s", include);

	if (*patterns && !write_file_atomic(pat, patterns, strlen(patterns))) {
		char *const argv[] = { "grep", "-rlIF", inc, "-f", pat, "--", ".", NULL };
		char *text = tree_grep(kdir, sumdir, argv, patterns);

		for (char *line = text ? strtok(text, "\n") : NULL; line;
		     line = strtok(NULL, "\n"))
			strv_push(out, xstrdup(!strncmp(line, "./", 2) ? line + 2 : line));
		free(text);
	}
	unlink(pat);
	free(inc);
	free(pat);
	free(dir);
}

/* How a file exports NAME: each form followed by a newline. */
static const char *const export_forms[] = {
	"EXPORT_SYMBOL(%s)\n", "EXPORT_SYMBOL_GPL(%s)\n",
	"EXPORT_SYMBOL_NS(%s,\n", "EXPORT_SYMBOL_NS_GPL(%s,\n",
};

/* Does TEXT export FN, in one of export_forms[]? */
static int exported_in(const char *text, const char *fn)
{
	int found = 0;

	for (size_t k = 0; !found && k < sizeof(export_forms) / sizeof(*export_forms); k++) {
		char *form = xasprintf(export_forms[k], fn);

		form[strlen(form) - 1] = 0;	/* the newline */
		found = strstr(text, form) != NULL;
		free(form);
	}
	return found;
}

/*
 * Push to OUT the sources of the tree that export one of NAMES and call a
 * slot (CALLS, the regex of clang_tree_index()): an API that calls its
 * caller's functions back, synchronously (i3c_master_register() ->
 * ->bus_init()), whose summary says so ("@api") whether or not it takes a
 * device lock.
 */
static void files_exporting(const char *kdir, const char *sumdir,
			    const struct strv *names, const char *calls, struct strv *out)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct strv hits = { 0 };

	for (size_t i = 0; f && i < names->n; i++)
		for (size_t k = 0; k < sizeof(export_forms) / sizeof(*export_forms); k++)
			fprintf(f, export_forms[k], names->v[i]);
	if (f && !fclose(f)) {
		tree_grep_fixed(kdir, sumdir, buf, "*.c", &hits);
		if (hits.n)
			find_sources(kdir, &hits, calls, out);
	}
	strv_free(&hits);
	free(buf);
}

/* Is the '.' at P, in a macro's body that starts at BODY, a designator's:
 * after '{', ',' or '(' (or the body's start), blanks and line
 * continuations aside?  "x.field = v" and "(p).field = v" are not. */
static int designator_dot(const char *body, const char *p)
{
	while (p > body && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' ||
			    p[-1] == '\\'))
		p--;
	return p == body || p[-1] == '{' || p[-1] == ',' || p[-1] == '(';
}

/* In the #define of one of NAMES (sorted) at LINE, a function-like
 * macro's: push the fields its body's designators name to FIELDS, and the
 * names its body calls to CALLED.  Returns the end of its last line. */
static const char *macro_body(const char *line, const struct strv *names,
			      struct strv *fields, struct strv *called)
{
	const char *p = line + strspn(line, " \t"), *e, *end = strchrnul(line, '\n'), *body;

	if (*p != '#')
		return end;
	p += 1 + strspn(p + 1, " \t");
	if (strncmp(p, "define", 6))
		return end;
	p += 6 + strspn(p + 6, " \t");
	e = ident_end(line, p);
	if (!e || *e != '(' || !word_in(p, e, names))
		return end;
	/* the body runs on while a line ends in a backslash */
	while (*end && end > line && end[-1] == '\\')
		end = strchrnul(end + 1, '\n');
	body = strchr(e, ')');
	if (!body || body >= end)
		return end;
	for (p = ++body; p < end; p++) {
		const char *q;

		if (*p == '.' && designator_dot(body, p) && (e = ident_end(line, skip_blanks(p + 1))) &&
		    *(q = skip_blanks(e)) == '=' && q[1] != '=') {
			const char *f = skip_blanks(p + 1);

			strv_push(fields, xstrndup(f, e - f));
			p = e - 1;
		} else if ((e = ident_end(line, p))) {
			if (*skip_blanks(e) == '(')
				strv_push(called, xstrndup(p, e - p));
			p = e - 1;
		}
	}
	return end;
}

/*
 * Push to OUT the fields the sources store into through a header's macro:
 * the designators in the body of each function-like macro they call, and
 * of the macros those call, three deep (DEFINE_SIMPLE_DEV_PM_OPS() ->
 * _DEFINE_DEV_PM_OPS() -> SYSTEM_SLEEP_PM_OPS(), whose ".suspend =
 * pm_sleep_ptr(suspend_fn)" stored_fields() cannot see).  NAMES: what
 * the sources call (called_names()).
 */
static void macro_stored_fields(const char *kdir, const char *sumdir,
				const struct strv *names, struct strv *out)
{
	struct strv want = { 0 }, seen = { 0 };

	for (size_t i = 0; i < names->n; i++)
		strv_push(&want, xstrdup(names->v[i]));
	for (int depth = 0; depth < 3 && want.n; depth++) {
		struct strv files = { 0 }, called = { 0 };
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		strv_sort_uniq(&want);
		for (size_t i = 0; f && i < want.n; i++)
			fprintf(f, "define %s(\n", want.v[i]);
		if (f && !fclose(f))
			tree_grep_fixed(kdir, sumdir, buf, "*.h", &files);
		free(buf);
		for (size_t i = 0; i < files.n; i++) {
			char *text = read_source(kdir, files.v[i]);

			for (const char *line = text; line && *line;) {
				line = macro_body(line, &want, out, &called);
				line += !!*line;
			}
			free(text);
		}
		for (size_t i = 0; i < want.n; i++)
			strv_push(&seen, xstrdup(want.v[i]));
		strv_sort_uniq(&seen);
		strv_free(&want);
		for (size_t i = 0; i < called.n; i++)
			if (!strv_contains(&seen, called.v[i]))
				strv_push(&want, xstrdup(called.v[i]));
		strv_free(&called);
		strv_free(&files);
	}
	strv_free(&want);
	strv_free(&seen);
	strv_sort_uniq(out);
}

/* Summarise FILES from their AST, logged as NAME; their errors are R's. */
static void index_pass(const struct check_opts *o, struct results *r, const char *check,
		       const char *sumdir, const struct strv *files, const char *name)
{
	struct results scratch = { 0 };
	double t = now_seconds();

	if (!files->n)
		return;
	clang_pass1(o, &scratch, check, sumdir, files);
	summary_pass_errors(r, &scratch);
	results_free(&scratch);
	summaries_log_pass(name, files, now_seconds() - t);
}

/* The tree sources whose summary asks for a function that another
 * summary says converts a device to its struct: asked before the answer. */
static void answered_askers(const char *sumdir, const char *kdir, struct strv *out)
{
	struct summaries s;
	struct strv converts = { 0 };

	summaries_load(sumdir, kdir, &s);
	for (size_t i = 0; i < s.n; i++)
		for (size_t j = 0; j < s.v[i].converts.n; j++)
			strv_push(&converts, xstrdup(s.v[i].converts.v[j]));
	strv_sort_uniq(&converts);
	for (size_t i = 0; i < s.n; i++)
		for (size_t j = 0; j < s.v[i].asks.n; j++)
			if (s.v[i].src[0] != '/' && strv_contains(&converts, s.v[i].asks.v[j])) {
				strv_push(out, xstrdup(s.v[i].src));
				break;
			}
	strv_free(&converts);
	summaries_free(&s);
}

/*
 * The functions the index's summaries ask for.  A core may call a slot
 * with the struct around the device it locked, got from a function of a
 * file the index did not take (smbus_do_alert(): client =
 * i2c_verify_client(dev), then driver->alert(client)).  Without that
 * function's summary the call looks unlocked, and every function stored in
 * the slot an unlocked entry.  So the summary asks for it ("@asks"); the
 * files that define one get a summary (a converter says "@converts"), and
 * the files that asked for a converter are summarised again.  Each name is
 * searched once per cache (ASKED_FILE); an asker is summarised again in
 * any check that finds it asking for a converter.
 */
static void clang_index_asks(const struct check_opts *o, struct results *r,
			     const char *check, const char *sumdir,
			     const struct strv *analysed)
{
	struct strv asked = { 0 }, want = { 0 }, askers = { 0 }, dirs = { 0 };
	struct strv hits = { 0 }, defs = { 0 }, todo = { 0 };
	char *ledger = path_join(sumdir, ASKED_FILE), *text = read_file(ledger, NULL);
	struct summaries s;

	for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n"))
		strv_push(&asked, xstrdup(line));
	strv_sort_uniq(&asked);
	summaries_load(sumdir, o->kdir, &s);
	for (size_t i = 0; i < s.n; i++)
		for (size_t j = 0; j < s.v[i].asks.n; j++)
			if (!strv_contains(&asked, s.v[i].asks.v[j]))
				strv_push(&want, xstrdup(s.v[i].asks.v[j]));
	strv_sort_uniq(&want);
	if (want.n) {
		char *names = names_alternation(&want);
		char *re = xasprintf("\\b%s\\b", names);

		strv_push(&dirs, xstrdup("."));
		find_sources(o->kdir, &dirs, re, &hits);
		files_defining(o->kdir, &hits, &want, &defs);
		free(names);
		free(re);
	}
	to_summarise(o, &s, analysed, &defs, &todo);
	summaries_free(&s);
	index_pass(o, r, check, sumdir, &todo, "index-asks");
	/* the askers again, now that the answers are there: every summary
	 * that asks for a converter some summary names, whether its definer
	 * was summarised now or before (a new plugin's refresh summarises
	 * asker and definer at once, the asker maybe first) */
	strv_free(&todo);
	answered_askers(sumdir, o->kdir, &askers);
	to_summarise(o, NULL, analysed, &askers, &todo);
	index_pass(o, r, check, sumdir, &todo, "index-askers");
	if (want.n) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		for (size_t i = 0; f && i < asked.n; i++)
			fprintf(f, "%s\n", asked.v[i]);
		for (size_t i = 0; f && i < want.n; i++)
			fprintf(f, "%s\n", want.v[i]);
		if (f && !fclose(f))
			write_file_atomic(ledger, buf, len);
		free(buf);
	}
	free(ledger);
	free(text);
	strv_free(&asked);
	strv_free(&want);
	strv_free(&askers);
	strv_free(&dirs);
	strv_free(&hits);
	strv_free(&defs);
	strv_free(&todo);
}

/*
 * Push to OUT the functions that the hits of a "grep -n" (GREP_OUT, its
 * "path:line:" lines, paths relative to KDIR) are in; with EXPORTED, only
 * those the file exports.  GREP_OUT is cut up.
 */
static void hit_functions(const char *kdir, char *grep_out, int exported, struct strv *out)
{
	char *path = NULL, *text = NULL;

	/* grep lists a file's lines together: each file is read once */
	for (char *line = grep_out ? strtok(grep_out, "\n") : NULL; line;
	     line = strtok(NULL, "\n")) {
		char *colon = strchr(line, ':'), *fn;

		if (!colon)
			continue;
		*colon = 0;
		if (!path || strcmp(path, line)) {
			free(path);
			free(text);
			path = xstrdup(line);
			text = read_source(kdir, line);
		}
		fn = text ? function_in(text, atoi(colon + 1)) : NULL;
		if (!fn)
			continue;
		if (!exported) {
			strv_push(out, fn);
			continue;
		}
		if (exported_in(text, fn))
			strv_push(out, fn);
		else
			free(fn);
	}
	free(path);
	free(text);
}

/*
 * A core's exported function that calls a slot may be another file's
 * callback: xenbus_probe.c's xenbus_dev_suspend() calls drv->suspend(),
 * and xenbus_probe_frontend.c stores it in dev_pm_ops.freeze, which the PM
 * core calls under the device lock.  The definer learns that slot from the
 * storer's summary ("@stored"); without it, the function looks like an
 * entry that holds nothing, and so does every driver's ->suspend().  Push
 * to OUT the tree sources other than FILES that store (". = fn," or
 * "= fn;") an exported function of FILES with a line matching CALLS.
 */
static void files_storing(const char *kdir, const char *sumdir, const struct strv *files,
			  const char *calls, struct strv *out)
{
	struct strv argv = { 0 }, names = { 0 }, hits = { 0 };
	struct proc p = { .cwd = kdir };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (!files->n)
		return;
	strv_push(&argv, xstrdup("grep"));
	strv_push(&argv, xstrdup("-nHE"));
	strv_push(&argv, xstrdup("-e"));
	strv_push(&argv, xstrdup(calls));
	strv_push(&argv, xstrdup("--"));
	for (size_t i = 0; i < files->n; i++)
		strv_push(&argv, xstrdup(files->v[i]));
	strv_push(&argv, NULL);
	p.argv = argv.v;
	run_proc(&p);
	hit_functions(kdir, p.out, 1, &names);
	proc_free(&p);
	argv.n--;
	strv_free(&argv);
	strv_sort_uniq(&names);
	f = names.n ? open_memstream(&buf, &len) : NULL;
	for (size_t i = 0; f && i < names.n; i++)
		fprintf(f, "= %s,\n= %s;\n= &%s,\n", names.v[i], names.v[i], names.v[i]);
	if (f && !fclose(f))
		tree_grep_fixed(kdir, sumdir, buf, "*.c", &hits);
	for (size_t i = 0; i < hits.n; i++)
		if (!strv_contains(files, hits.v[i]))
			strv_push(out, xstrdup(hits.v[i]));
	free(buf);
	strv_free(&names);
	strv_free(&hits);
}

/*
 * A core may call a slot from a static inline of its own private header
 * (dev_sync_state() in drivers/base/base.h calls ->sync_state(), and
 * dd.c's state_synced_store() calls it under the device lock).  Push to
 * CAND each of LOCKERS that calls such a wrapper: a header outside the
 * include directories with a line matching CALLS, the function it is in.
 */
static void header_wrappers(const char *kdir, const char *sumdir, const char *calls,
			    const struct strv *lockers, struct strv *cand)
{
	char *const argv[] = { "grep", "-rnIE", "--include=*.h", "--exclude-dir=include",
			       "--exclude-dir=.git", "-e", (char *)calls, "--", ".", NULL };
	char *out = tree_grep(kdir, sumdir, argv, NULL);
	struct strv wrappers = { 0 };

	hit_functions(kdir, out, 0, &wrappers);
	free(out);
	strv_sort_uniq(&wrappers);
	if (wrappers.n) {
		char *names = names_alternation(&wrappers);
		char *re = xasprintf("%s[[:space:]]*\\(", names);

		find_sources(kdir, lockers, re, cand);
		free(names);
		free(re);
	}
	strv_free(&wrappers);
}

/*
 * The state of KDIR's sources and headers as grep -r sees them: a hash of
 * the set of regular .c and .h files, and whether one changed status after STAMP
 * was written (a ctime cannot be set back as an mtime can, by cp -p or
 * tar).  Returns -1 when find fails.
 */
static int tree_sources_state(const char *kdir, const char *stamp, uint64_t *set)
{
	/* "./path", or "!./path" for a changed one */
	char *const argv[] = { "find", ".", "(", "-name", "*.c", "-o", "-name", "*.h", ")",
			       "-type", "f", "(", "-cnewer", (char *)stamp, "-printf", "!%p\n",
			       "-o", "-print", ")", NULL };
	struct proc p = { .argv = argv, .cwd = kdir };
	struct strv paths = { 0 };
	int changed = 0;

	if (run_proc(&p) || p.status || !p.out) {
		proc_free(&p);
		return -1;
	}
	for (char *line = strtok(p.out, "\n"); line; line = strtok(NULL, "\n")) {
		int bang = *line == '!';

		changed |= bang;
		strv_push(&paths, xstrdup(line + bang));
	}
	proc_free(&p);
	strv_sort_uniq(&paths);
	*set = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < paths.n; i++)
		*set = fnv1a(*set, paths.v[i], strlen(paths.v[i]) + 1);
	strv_free(&paths);
	return changed;
}

/* A new STAMP, dated a second early: a file changed within the stamp's own
 * clock tick would not be newer. */
static int restamp(const char *stamp)
{
	struct timespec times[2] = { { 0, UTIME_OMIT } };

	unlink(stamp);
	if (write_file_atomic(stamp, "", 0))
		return -1;
	clock_gettime(CLOCK_REALTIME, &times[1]);
	times[1].tv_sec--;
	return utimensat(AT_FDCWD, stamp, times, 0);
}

/*
 * The output of a grep of the whole tree, ARGV run in KDIR (PATTERNS: the
 * text of the pattern file it reads, if any); empty if grep printed
 * nothing.  Each costs a second or more on every check, so the outputs
 * are kept in SUMDIR/.greps, by a hash of the command, while the set of
 * .c and .h files is the one they were kept for and none changed since
 * the first was (tree_lockers()' rule, which says why any doubt greps
 * again).
 */
static char *tree_grep(const char *kdir, const char *sumdir, char *const argv[],
		       const char *patterns)
{
	static char *judged;	/* the .greps this run's verdict is on */
	static int kept;
	static uint64_t set;
	char *dir = path_join(sumdir, ".greps"), *stamp = path_join(dir, "stamp");
	char *path = NULL, *out = NULL;
	uint64_t key = fnv1a(0xcbf29ce484222325ULL, kdir, strlen(kdir) + 1);
	struct proc p = { .argv = argv, .cwd = kdir };

	if (!judged || strcmp(judged, dir)) {
		char *setf = path_join(dir, "set"), *text = read_file(setf, NULL);
		char now[20];

		kept = text && is_file(stamp) && tree_sources_state(kdir, stamp, &set) == 0 &&
		       snprintf(now, sizeof(now), "%016llx\n", (unsigned long long)set) > 0 &&
		       !strcmp(text, now);
		if (!kept) {
			/* start again, for the tree as it is from now on */
			remove_tree(dir);
			kept = !mkdir_p(dir) && !restamp(stamp) &&
			       tree_sources_state(kdir, stamp, &set) >= 0 &&
			       snprintf(now, sizeof(now), "%016llx\n", (unsigned long long)set) > 0 &&
			       !write_file_atomic(setf, now, strlen(now));
		}
		free(setf);
		free(text);
		free(judged);
		judged = xstrdup(dir);
	}
	for (size_t i = 0; argv[i]; i++)
		key = fnv1a(key, argv[i], strlen(argv[i]) + 1);
	if (patterns)
		key = fnv1a(key, patterns, strlen(patterns));
	if (kept) {
		char name[20];

		snprintf(name, sizeof(name), "%016llx", (unsigned long long)key);
		path = path_join(dir, name);
		out = read_file(path, NULL);
	}
	if (!out) {
		run_proc(&p);
		out = p.out ? p.out : xstrdup("");
		p.out = NULL;
		/* 1: no line matched; 2: a file grep could not read: not kept */
		if (path && !p.spawn_failed && (p.status == 0 || p.status == 1))
			write_file_atomic(path, out, strlen(out));
		proc_free(&p);
	}
	free(path);
	free(stamp);
	free(dir);
	return out;
}

/*
 * RE, with the names of the function-like macros of the tree's headers
 * that expand to a call it matches (include/linux/usb.h: "#define
 * usb_trylock_device(udev) device_trylock(&(udev)->dev)"): a source that
 * locks through one is a locker too (drivers/usb/core/usb.c's
 * usb_lock_device_for_reset()).  One-line macros only: a source that
 * locks only through a header's static inline wrapper is not found (in
 * 6.12, net/devlink/netlink.c through devl_internal.h's devl_dev_lock()).
 */
static char *with_header_macros(const char *kdir, const char *re)
{
	char *pat = xasprintf("^[[:space:]]*#[[:space:]]*define[[:space:]]+"
			      "[A-Za-z_][A-Za-z0-9_]*\\([^)]*\\).*(%s)", re);
	char *const argv[] = { "grep", "-rhIE", "--include=*.h", "--exclude-dir=.git",
			       "-e", pat, "--", ".", NULL };
	struct proc p = { .argv = argv, .cwd = kdir };
	struct strv names = { 0 };
	char *out = xstrdup(re);

	run_proc(&p);
	for (char *line = p.out ? strtok(p.out, "\n") : NULL; line; line = strtok(NULL, "\n")) {
		char *name = strstr(line, "define") + strlen("define");
		size_t n;

		name += strspn(name, " \t");
		n = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
		if (n)
			strv_push(&names, xstrndup(name, n));
	}
	proc_free(&p);
	free(pat);
	strv_sort_uniq(&names);
	if (names.n) {
		char *alt = names_alternation(&names);

		free(out);
		out = xasprintf("%s|%s", re, alt);
		free(alt);
	}
	strv_free(&names);
	return out;
}

/*
 * The tree's sources that match RE, the regex of the lockers, or one of
 * its header macros.  One grep of the whole tree costs seconds on every
 * check, so the list is kept in SUMDIR (".lockers": RE, the hash of the
 * tree's set of .c and .h files, the list) and used while the set is the
 * same and no .c or .h file changed since the grep began.  A stale list
 * would drop a locker's contexts, and turn true entry contexts into false
 * findings: any doubt greps again.
 */
static void tree_lockers(const char *kdir, const char *sumdir, const char *re,
			 struct strv *out)
{
	char *list = path_join(sumdir, ".lockers"), *stamp = path_join(sumdir, ".lockers.stamp");
	char *text = read_file(list, NULL), *want = NULL, *body, *full = NULL;
	struct strv all = { 0 };
	uint64_t set;

	if (text && is_file(stamp) && tree_sources_state(kdir, stamp, &set) == 0) {
		want = xasprintf("%s\n%016llx\n", re, (unsigned long long)set);
		if (!strncmp(text, want, strlen(want))) {
			body = text + strlen(want);
			for (char *line = strtok(body, "\n"); line; line = strtok(NULL, "\n"))
				strv_push(out, xstrdup(line));
			goto out;
		}
	}
	if (restamp(stamp) || tree_sources_state(kdir, stamp, &set) < 0) {
		unlink(stamp);
		unlink(list);
	}
	strv_push(&all, xstrdup("."));
	full = with_header_macros(kdir, re);
	find_sources(kdir, &all, full, out);
	if (is_file(stamp)) {
		size_t len = strlen(re) + 20;
		char *buf, *p;

		for (size_t i = 0; i < out->n; i++)
			len += strlen(out->v[i]) + 1;
		p = buf = xmalloc(len);
		p += sprintf(p, "%s\n%016llx\n", re, (unsigned long long)set);
		for (size_t i = 0; i < out->n; i++)
			p += sprintf(p, "%s\n", out->v[i]);
		if (write_file_atomic(list, buf, p - buf))
			unlink(stamp);
		free(buf);
	}
out:
	strv_sort_uniq(out);
	strv_free(&all);
	free(full);
	free(want);
	free(text);
	free(list);
	free(stamp);
}

void clang_lockers(const char *kdir, const char *sumdir, struct strv *out)
{
	char *re = lockers_regex();

	tree_lockers(kdir, sumdir, re, out);
	free(re);
}

/* The fields of the slots that the "@stored fn struct.field" lines of
 * the summaries of FILES name, pushed to OUT. */
static void stored_slot_fields(const struct summaries *s, const struct strv *files,
			       struct strv *out)
{
	for (size_t i = 0; i < files->n; i++) {
		const struct sumfile *f = summaries_of(s, files->v[i]);
		char *text = f ? read_file(f->sum, NULL) : NULL;

		for (char *line = text ? strtok(text, "\n") : NULL; line;
		     line = strtok(NULL, "\n")) {
			char *dot = !strncmp(line, "@stored ", 8) ? strrchr(line, '.') : NULL;

			if (dot && dot[1])
				strv_push(out, xstrdup(dot + 1));
		}
		free(text);
	}
	strv_sort_uniq(out);
}

/*
 * Before the index's own passes: the files that store an exported function
 * of CAND or EXPORTERS that calls a slot (files_storing()), so that its
 * definer reads the slot from their summaries; and the LOCKERS that call
 * the slots they store it in (dev_pm_ops.freeze: the PM core), for that
 * slot's context.  A definer summarised in an earlier run, without them,
 * is summarised again, once: only when a storer is new to the cache.  Like
 * the exporters, a storer kbuild cannot build is left out without an
 * error.
 */
static void index_storers(const struct check_opts *o, struct results *r, const char *check,
			  const char *sumdir, const struct strv *analysed,
			  const struct strv *lockers, const struct strv *cand,
			  const struct strv *exporters, const char *calls)
{
	struct strv callers = { 0 }, storers = { 0 }, todo = { 0 }, stored = { 0 };
	struct strv definers = { 0 }, redo = { 0 }, fields = { 0 }, cores = { 0 };
	struct results scratch = { 0 };
	struct summaries s;
	double t = now_seconds();

	for (size_t i = 0; i < cand->n + exporters->n; i++)
		strv_push(&callers, xstrdup(i < cand->n ? cand->v[i] : exporters->v[i - cand->n]));
	strv_sort_uniq(&callers);
	files_storing(o->kdir, sumdir, &callers, calls, &storers);
	summaries_load(sumdir, o->kdir, &s);
	to_summarise(o, &s, analysed, &storers, &todo);
	summaries_free(&s);
	if (!todo.n)
		goto out;
	clang_pass1(o, &scratch, check, sumdir, &todo);
	summaries_log_pass("index-storers", &todo, now_seconds() - t);
	summaries_load(sumdir, o->kdir, &s);
	stored_slot_fields(&s, &todo, &fields);
	if (fields.n) {
		char *names = names_alternation(&fields);
		char *slot_calls = xasprintf("->[[:space:]]*%s[[:space:]]*[(;,]", names);
		struct strv more = { 0 };

		find_sources(o->kdir, lockers, slot_calls, &cores);
		header_wrappers(o->kdir, sumdir, slot_calls, lockers, &cores);
		strv_sort_uniq(&cores);
		to_summarise(o, &s, analysed, &cores, &more);
		index_pass(o, r, check, sumdir, &more, "index-storers-cores");
		strv_free(&more);
		free(slot_calls);
		free(names);
		summaries_free(&s);
		summaries_load(sumdir, o->kdir, &s);
	}
	for (size_t i = 0; i < todo.n; i++) {
		const struct sumfile *f = summaries_of(&s, todo.v[i]);

		for (size_t j = 0; f && j < f->stored.n; j++)
			strv_push(&stored, xstrdup(f->stored.v[j]));
	}
	strv_sort_uniq(&stored);
	if (stored.n)
		files_defining(o->kdir, &callers, &stored, &definers);
	for (size_t i = 0; i < definers.n; i++)
		if (summaries_of(&s, definers.v[i]) && !strv_contains(analysed, definers.v[i]))
			strv_push(&redo, xstrdup(definers.v[i]));
	summaries_free(&s);
	index_pass(o, r, check, sumdir, &redo, "index-stored");
out:
	results_free(&scratch);
	strv_free(&callers);
	strv_free(&storers);
	strv_free(&todo);
	strv_free(&stored);
	strv_free(&definers);
	strv_free(&redo);
	strv_free(&fields);
	strv_free(&cores);
}

/*
 * The tree index.  The sources the configuration builds that take a
 * device lock, and either call through (or read as a value) a field the
 * checked sources store a function into or define a function they call,
 * get a summary from their AST alone (clang-lockcheck --pass1: the device
 * locks held at their calls through function-pointer slots, the
 * requirements their asserts state, the functions that take or drop a
 * lock), kept in the cache.  A core's
 * ->callback() calls under the lock (the PCI core's
 * err_handler->error_detected(), bus_type.offline from device_offline())
 * thus become the entry context of the functions stored in those slots,
 * and pci_dev_lock() a lock function of its callers.
 * Files that already have a summary, and the files this run analyses
 * anyway, are skipped.  Under a lock: runs that share the cache wait for
 * one index instead of each building it.
 */
void clang_tree_index(const struct check_opts *o, struct results *r,
		      const char *check, const char *sumdir,
		      const struct strv *analysed)
{
	struct strv lockers = { 0 }, cand = { 0 }, todo = { 0 }, exporters = { 0 };
	struct strv checked = { 0 }, fields = { 0 }, names = { 0 }, events = { 0 };
	struct summaries s;
	char *re = lockers_regex();
	char *lock = path_join(sumdir, ".index.lock"), *calls = NULL;
	int fd = open(lock, O_CREAT | O_RDWR | O_CLOEXEC, 0644);
	double t = now_seconds();

	if (fd >= 0)
		flock(fd, LOCK_EX);
	for (size_t i = 0; i < analysed->n; i++)
		strv_push(&checked, xstrdup(analysed->v[i]));
	if (o->modules.n)
		find_sources(o->kdir, &o->modules, NULL, &checked);
	tree_lockers(o->kdir, sumdir, re, &lockers);
	stored_fields(o->kdir, &checked, &fields);
	called_names(o->kdir, &checked, &names);
	macro_stored_fields(o->kdir, sumdir, &names, &fields);
	strv_sort_uniq(&fields);
	if (lockers.n && fields.n) {
		char *names = names_alternation(&fields);

		/* "->field(", the alternation's \b( ... )\b after the arrow,
		 * or the slot read as a value to call later ("return
		 * ops->suspend;", "callback = ...->prepare;", passed on with
		 * ","): the PM core's pm_op() and dpm_run_callback() */
		calls = xasprintf("->[[:space:]]*%s[[:space:]]*[(;,]", names);
		free(names);
		find_sources(o->kdir, &lockers, calls, &cand);
		header_wrappers(o->kdir, sumdir, calls, &lockers, &cand);
	}

	/* and those that define a function the checked sources call: its
	 * summary says whether it locks or unlocks its argument
	 * (pci_dev_lock()) or requires the lock */
	files_defining(o->kdir, &lockers, &names, &cand);
	/* and those, locking or not, that export one and call such a field:
	 * kept apart, see below */
	if (calls)
		files_exporting(o->kdir, sumdir, &names, calls, &exporters);
	/* and those that send with a device an event the checked sources
	 * compare with (a bus notifier's "case BUS_NOTIFY_BOUND_DRIVER:",
	 * bus_notify(dev, BUS_NOTIFY_BOUND_DRIVER) in dd.c): their summaries
	 * say which events come with the device locked */
	compared_names(o->kdir, &checked, &events);
	files_sending(o->kdir, &lockers, &events, &cand);
	strv_sort_uniq(&cand);
	if (calls)
		index_storers(o, r, check, sumdir, analysed, &lockers, &cand, &exporters, calls);
	summaries_load(sumdir, o->kdir, &s);
	to_summarise(o, &s, analysed, &cand, &todo);
	summaries_free(&s);
	if (todo.n) {
		struct results scratch = { 0 };

		clang_pass1(o, &scratch, check, sumdir, &todo);
		summary_pass_errors(r, &scratch);
		results_free(&scratch);
		summaries_log_pass("index", &todo, now_seconds() - t);
	}
	/* The exporters are context the check may do without, and Makefile
	 * text can name one the configuration does not build ("mmu-y :=
	 * nommu.o", then "mmu-$(CONFIG_MMU) := ..."): one kbuild cannot build
	 * is left out without an error. */
	strv_sort_uniq(&exporters);
	summaries_load(sumdir, o->kdir, &s);
	strv_free(&todo);
	for (size_t i = 0; i < exporters.n; i++)
		if (!strv_contains(&cand, exporters.v[i]))
			strv_push(&todo, xstrdup(exporters.v[i]));
	strv_free(&exporters);
	to_summarise(o, &s, analysed, &todo, &exporters);
	summaries_free(&s);
	if (exporters.n) {
		struct results scratch = { 0 };
		double te = now_seconds();

		clang_pass1(o, &scratch, check, sumdir, &exporters);
		results_free(&scratch);
		summaries_log_pass("index-exports", &exporters, now_seconds() - te);
	}
	clang_index_asks(o, r, check, sumdir, analysed);
	if (fd >= 0)
		close(fd);	/* drops the lock */
	free(lock);
	free(calls);
	free(re);
	strv_free(&names);
	strv_free(&events);
	strv_free(&lockers);
	strv_free(&cand);
	strv_free(&todo);
	strv_free(&exporters);
	strv_free(&checked);
	strv_free(&fields);
}
