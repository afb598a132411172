// SPDX-License-Identifier: GPL-2.0
/*
 * Patch CI (issue 13): report what a change introduced, not the tree's
 * known debt.
 *
 * A finding's fingerprint is built from what a maintainer would call "the
 * same bug": the rule, the file, the enclosing function, the called
 * function and the lock (its kind and the call's lock argument as written),
 * plus an ordinal among the findings of that file with the same key, so two
 * identical calls in one function stay two findings.  Line and column are
 * not part of it: a change above the function moves the finding, not its
 * fingerprint.  It is emitted as SARIF partialFingerprints, where code
 * scanning services look for it, and in JSON.
 *
 * --baseline=FILE reads the fingerprints of an earlier check's SARIF or
 * JSON; --suppress=FILE reads reviewed findings, "RULE PATH FUNCTION #
 * reason", one a line.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lockcheck.h"

/* ---------------- the source around a finding ---------------- */

static int ident_char(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * The function a line is in, kernel style: the nearest line at or above it
 * that starts in column 0 with a name, holds a '(' and no '=' or ';' (a
 * definition's first line).  The same heuristic fix.c uses for its mails.
 */
char *function_in(const char *text, int line)
{
	char *fn = NULL;
	const char *p = text;

	for (int i = 1; *p && i <= line; i++) {
		size_t n = strcspn(p, "\n");
		const char *paren = memchr(p, '(', n);

		if ((isalpha((unsigned char)*p) || *p == '_') && paren &&
		    !memchr(p, '=', n) && !memchr(p, ';', n)) {
			const char *e = paren, *b;

			while (e > p && isspace((unsigned char)e[-1]))
				e--;
			b = e;
			while (b > p && ident_char(b[-1]))
				b--;
			if (e > b) {
				free(fn);
				fn = xstrndup(b, e - b);
			}
		}
		p += n;
		if (*p)
			p++;
	}
	return fn;
}

char *source_function(const char *kdir, const char *path, int line)
{
	char *file = path_join(kdir, path), *text = read_file(file, NULL), *fn;

	free(file);
	fn = text ? function_in(text, line) : NULL;
	free(text);
	return fn;
}

/* Start of the LINEth line (1-based), or NULL. */
static const char *line_start(const char *text, int line)
{
	const char *p = text;

	for (int i = 1; p && i < line; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return line >= 1 ? p : NULL;
}

/* P starts a call "NAME (": NAME's length, else 0 (keywords are no calls). */
static size_t call_at(const char *p)
{
	static const char *const keywords[] = {
		"if", "for", "while", "switch", "return", "sizeof", "do", "else",
		"case", "goto", "typeof", "__typeof__", "defined", NULL
	};
	const char *q;
	size_t n = 0;

	if (!isalpha((unsigned char)*p) && *p != '_')
		return 0;
	while (ident_char(p[n]))
		n++;
	for (q = p + n; *q == ' ' || *q == '\t'; q++)
		;
	if (*q != '(')
		return 0;
	for (int i = 0; keywords[i]; i++)
		if (strlen(keywords[i]) == n && !strncmp(p, keywords[i], n))
			return 0;
	return n;
}

/* The called function a message names: "CALLER() calls CALLEE()" (sparse)
 * or the first "NAME()" (clang, cocci: "of_dma_configure() requires ..."). */
static char *callee_in_message(const char *msg)
{
	const char *s = strstr(msg, "() calls ");

	if (s)
		msg = s + strlen("() calls ");
	for (const char *p = msg; (p = strstr(p, "()")); p++) {
		const char *b = p;

		while (b > msg && ident_char(b[-1]))
			b--;
		if (b < p)
			return xstrndup(b, p - b);
	}
	return NULL;
}

/* Argument IDX of the call whose '(' is at OPEN, blanks removed; NULL when
 * the call has fewer arguments or does not close soon. */
static char *call_arg(const char *open, int idx)
{
	const char *start = open + 1;
	int depth = 0, k = 0;

	for (const char *p = open + 1; *p && p - open < 4096; p++) {
		if (*p == '(' || *p == '[' || *p == '{') {
			depth++;
		} else if ((*p == ')' || *p == ']' || *p == '}') && depth) {
			depth--;
		} else if ((*p == ',' && !depth) || *p == ')') {
			if (k == idx) {
				char *a = xmalloc(p - start + 1), *d = a;

				for (const char *c = start; c < p; c++)
					if (!isspace((unsigned char)*c))
						*d++ = *c;
				*d = 0;
				return a;
			}
			if (*p == ')')
				return NULL;
			k++;
			start = p + 1;
		}
	}
	return NULL;
}

/* Which argument of CALLEE is the lock's (rules table), or -1. */
static int lock_arg_index(const char *callee)
{
	static const struct { const char *fn; int arg; } calls[] = {
#define REQUIRES(fn, arg, lock) { #fn, arg },
#define ACQUIRE(fn, arg, lock, how) { #fn, arg },
#define RELEASE(fn, arg, lock) { #fn, arg },
#include "lockrules.def"
#undef REQUIRES
#undef ACQUIRE
#undef RELEASE
	};

	for (size_t i = 0; callee && i < sizeof(calls) / sizeof(*calls); i++)
		if (!strcmp(calls[i].fn, callee))
			return calls[i].arg;
	return -1;
}

static const char *lock_kind(const struct finding *f)
{
	if (!strcmp(f->rule, "group-mutex-required"))
		return "group_mutex";
	if (!strcmp(f->rule, "lock-imbalance") &&
	    (strstr(f->message, "group") || strstr(f->message, "mutex")))
		return "group_mutex";
	return "device_lock";
}

/* a string and its NUL: "ab","c" differs from "a","bc" */
static uint64_t fnv1a_str(uint64_t h, const char *s)
{
	return fnv1a(h, s, strlen(s) + 1);
}

/* The fingerprint's key, before the ordinal: rule, file, function, callee
 * and lock, read from the source where the finding points (TEXT, may be
 * NULL) and from its message. */
static uint64_t finding_key(struct finding *f, const char *text)
{
	const char *l = text ? line_start(text, f->line) : NULL;
	char *callee = NULL, *arg = NULL, *lock;
	const char *open = NULL;
	uint64_t h = 0xcbf29ce484222325ULL;
	int idx;

	free(f->function);
	f->function = text ? function_in(text, f->line) : NULL;
	/* the call at the finding's column, else the one its message names */
	if (l) {
		size_t len = strcspn(l, "\n"), col = f->col > 0 ? (size_t)f->col - 1 : 0;
		size_t n = col < len ? call_at(l + col) : 0;

		if (n) {
			callee = xstrndup(l + col, n);
			open = strchr(l + col + n, '(');
		}
	}
	if (!callee && (callee = callee_in_message(f->message)) && l) {
		size_t len = strcspn(l, "\n"), n = strlen(callee);

		for (const char *c = l; (c = strstr(c, callee)) && c < l + len; c++)
			if ((c == l || !ident_char(c[-1])) && call_at(c) == n) {
				open = strchr(c + n, '(');
				break;
			}
	}
	idx = lock_arg_index(callee);
	if (open && idx >= 0)
		arg = call_arg(open, idx);
	lock = xasprintf("%s(%s)", lock_kind(f), arg ? arg : "");
	h = fnv1a_str(h, "v1");
	h = fnv1a_str(h, f->rule);
	h = fnv1a_str(h, f->path);
	h = fnv1a_str(h, f->function ? f->function : "");
	h = fnv1a_str(h, callee ? callee : "");
	h = fnv1a_str(h, lock);
	free(callee);
	free(arg);
	free(lock);
	return h;
}

void results_fingerprint(struct results *r, const char *kdir)
{
	uint64_t *keys = xmalloc((r->nf ? r->nf : 1) * sizeof(*keys));
	const char *text_path = NULL;
	char *text = NULL;
	size_t first = 0;	/* first finding of the current file */

	/* findings are sorted by path: each file is read once */
	for (size_t i = 0; i < r->nf; i++) {
		struct finding *f = &r->f[i];
		int ord = 1;

		if (!text_path || strcmp(text_path, f->path)) {
			char *file = path_join(kdir, f->path);

			free(text);
			text = read_file(file, NULL);
			free(file);
			text_path = f->path;
			first = i;
		}
		keys[i] = finding_key(f, text);
		for (size_t j = first; j < i; j++)
			ord += keys[j] == keys[i];
		free(f->fingerprint);
		f->fingerprint = xasprintf("%016llx:%d", (unsigned long long)keys[i], ord);
	}
	free(text);
	free(keys);
}

/* ---------------- --baseline ---------------- */

struct baseline {
	char *path;
	struct strv fps;	/* fingerprints of the earlier run */
	json_t *results;	/* their SARIF results, same order */
};

/* A SARIF result for a finding of a JSON baseline (for "absent"). */
static json_t *sarif_from_json(json_t *f, const char *fp)
{
	const char *rule = json_string_value(json_object_get(f, "rule"));
	const char *path = json_string_value(json_object_get(f, "path"));
	const char *msg = json_string_value(json_object_get(f, "message"));
	json_int_t line = json_integer_value(json_object_get(f, "line"));
	json_int_t col = json_integer_value(json_object_get(f, "column"));
	json_t *engines = json_object_get(f, "engines");
	json_t *res;

	if (!rule || !path || !msg || line < 1)
		return NULL;
	res = json_pack("{s:s, s:s, s:{s:s}, s:[{s:{s:o, s:{s:I, s:I}}}], s:{s:s}}",
		"ruleId", rule, "level", "warning", "message", "text", msg,
		"locations", "physicalLocation", "artifactLocation", sarif_artifact(path),
		"region", "startLine", line, "startColumn", col > 0 ? col : 1,
		"partialFingerprints", SARIF_FINGERPRINT, fp);
	if (rule_known(rule))
		json_object_set_new(res, "ruleIndex", json_integer(rule_known(rule) - 1));
	if (json_is_array(engines))
		json_object_set_new(res, "properties", json_pack("{s:O}", "engines", engines));
	return res;
}

struct baseline *baseline_load(const char *path)
{
	struct baseline *b = xmalloc(sizeof(*b));
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr), *list, *item;
	int sarif;
	size_t i;

	memset(b, 0, sizeof(*b));
	b->path = xstrdup(path);
	b->results = json_array();
	if (!root) {
		fprintf(stderr, "iommu-lockcheck check: --baseline=%s: %s%s%s\n", path,
			jerr.line > 0 ? "not JSON: " : "", jerr.text,
			jerr.line > 0 ? " (SARIF or JSON of an earlier check expected)" : "");
		goto bad;
	}
	sarif = json_is_array(json_object_get(root, "runs"));
	list = sarif ? json_object_get(json_array_get(json_object_get(root, "runs"), 0), "results")
		     : json_object_get(root, "findings");
	if (!json_is_array(list) && !(sarif && !list)) {
		fprintf(stderr, "iommu-lockcheck check: --baseline=%s: neither SARIF (runs) nor "
			"the JSON of iommu-lockcheck check (findings)\n", path);
		goto bad;
	}
	json_array_foreach(list, i, item) {
		const char *fp, *state;
		json_t *res;

		if (sarif) {
			fp = json_string_value(json_object_get(
				json_object_get(item, "partialFingerprints"), SARIF_FINGERPRINT));
			state = json_string_value(json_object_get(item, "baselineState"));
			if (state && !strcmp(state, "absent"))
				continue;	/* gone already when it was written */
		} else {
			fp = json_string_value(json_object_get(item, "fingerprint"));
		}
		if (!fp) {
			fprintf(stderr, "iommu-lockcheck check: --baseline=%s: finding %zu has no %s "
				"fingerprint (written by an older iommu-lockcheck? run check "
				"without --baseline to make a new baseline)\n", path, i + 1,
				SARIF_FINGERPRINT);
			goto bad;
		}
		if (sarif) {
			res = json_deep_copy(item);
			json_object_del(res, "baselineState");
		} else if (!(res = sarif_from_json(item, fp))) {
			fprintf(stderr, "iommu-lockcheck check: --baseline=%s: finding %zu lacks "
				"path, line, rule or message\n", path, i + 1);
			goto bad;
		}
		strv_push(&b->fps, xstrdup(fp));
		json_array_append_new(b->results, res);
	}
	json_decref(root);
	return b;
bad:
	json_decref(root);
	baseline_free(b);
	return NULL;
}

/* counts: new, unchanged, absent */
void baseline_apply(struct baseline *b, struct results *r, size_t counts[3])
{
	struct strv now = { 0 };

	counts[0] = counts[1] = counts[2] = 0;
	for (size_t i = 0; i < r->nf; i++) {
		struct finding *f = &r->f[i];

		f->state = strv_contains(&b->fps, f->fingerprint) ? BASE_UNCHANGED : BASE_NEW;
		counts[f->state == BASE_NEW ? 0 : 1]++;
		strv_push(&now, xstrdup(f->fingerprint));
	}
	if (!r->absent)
		r->absent = json_array();
	for (size_t i = 0; i < b->fps.n; i++) {
		json_t *res;

		if (strv_contains(&now, b->fps.v[i]))
			continue;
		res = json_deep_copy(json_array_get(b->results, i));
		json_object_set_new(res, "baselineState", json_string("absent"));
		json_array_append_new(r->absent, res);
		counts[2]++;
	}
	strv_free(&now);
}

void baseline_free(struct baseline *b)
{
	if (!b)
		return;
	strv_free(&b->fps);
	json_decref(b->results);
	free(b->path);
	free(b);
}

/* ---------------- --suppress ---------------- */

struct suppression {
	char *rule, *path, *function, *reason;
	int line;		/* in the file */
	size_t matched;
};

struct suppressions {
	char *path;
	struct suppression *s;
	size_t n;
};

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

struct suppressions *suppress_load(const char *path)
{
	struct suppressions *ss = xmalloc(sizeof(*ss));
	char *text = read_file(path, NULL), *save = NULL;
	int lineno = 0;

	memset(ss, 0, sizeof(*ss));
	ss->path = xstrdup(path);
	if (!text) {
		fprintf(stderr, "iommu-lockcheck check: --suppress=%s: %m\n", path);
		goto bad;
	}
	/* strtok_r would skip empty lines and lose the numbering */
	for (char *l = text, *next; l; l = next) {
		char *hash, *w[4], *rest;
		int nw = 0;

		next = strchr(l, '\n');
		if (next)
			*next++ = 0;
		lineno++;
		hash = strchr(l, '#');
		if (hash)
			*hash = 0;
		rest = trim(l);
		if (!*rest)
			continue;	/* blank or a comment line */
		for (char *t = strtok_r(rest, " \t", &save); t && nw < 4;
		     t = strtok_r(NULL, " \t", &save))
			w[nw++] = t;
		if (nw != 3) {
			fprintf(stderr, "%s:%d: error: expected 'RULE PATH FUNCTION # reason'\n",
				path, lineno);
			goto bad;
		}
		if (!rule_known(w[0])) {
			fprintf(stderr, "%s:%d: error: unknown rule '%s' (iommu-lockcheck --help "
				"lists them)\n", path, lineno, w[0]);
			goto bad;
		}
		if (!hash || !*trim(hash + 1)) {
			fprintf(stderr, "%s:%d: error: no reason after '#': say why this finding "
				"is accepted\n", path, lineno);
			goto bad;
		}
		ss->s = xrealloc(ss->s, (ss->n + 1) * sizeof(*ss->s));
		ss->s[ss->n++] = (struct suppression) {
			.rule = xstrdup(w[0]),
			.path = xstrdup(strncmp(w[1], "./", 2) ? w[1] : w[1] + 2),
			.function = xstrdup(w[2]),
			.reason = xstrdup(trim(hash + 1)),
			.line = lineno,
		};
	}
	free(text);
	return ss;
bad:
	free(text);
	suppress_free(ss);
	return NULL;
}

static int under_path(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!strcmp(dir, "."))
		return path[0] != '/';
	return !strncmp(path, dir, n) && (path[n] == 0 || path[n] == '/');
}

void suppress_apply(struct suppressions *ss, struct results *r,
		    const struct strv *paths, const struct strv *modules)
{
	size_t count = 0;

	for (size_t i = 0; i < r->nf; i++) {
		struct finding *f = &r->f[i];

		for (size_t k = 0; k < ss->n && !f->suppressed; k++) {
			struct suppression *s = &ss->s[k];

			if (strcmp(s->rule, f->rule) || strcmp(s->path, f->path) ||
			    (strcmp(s->function, "*") &&
			     (!f->function || strcmp(s->function, f->function))))
				continue;
			f->suppressed = xstrdup(s->reason);
			s->matched++;
			count++;
		}
	}
	fprintf(stderr, "iommu-lockcheck: %zu finding%s suppressed by %s\n", count,
		count == 1 ? "" : "s", ss->path);
	/* stale: matches nothing in what was checked (a line about a file this
	 * run did not look at says nothing) */
	for (size_t k = 0; k < ss->n; k++) {
		struct suppression *s = &ss->s[k];
		int checked = 0;

		for (size_t i = 0; i < paths->n && !checked; i++)
			checked = under_path(s->path, paths->v[i]);
		for (size_t i = 0; i < modules->n && !checked; i++)
			checked = under_path(s->path, modules->v[i]);
		if (checked && !s->matched)
			fprintf(stderr, "%s:%d: warning: stale suppression, matches no finding: "
				"%s %s %s\n", ss->path, s->line, s->rule, s->path, s->function);
	}
}

void suppress_free(struct suppressions *ss)
{
	if (!ss)
		return;
	for (size_t k = 0; k < ss->n; k++) {
		free(ss->s[k].rule);
		free(ss->s[k].path);
		free(ss->s[k].function);
		free(ss->s[k].reason);
	}
	free(ss->s);
	free(ss->path);
	free(ss);
}
